// Freeing dead objects. When a count reaches zero the object's destructor
// drops the references it owned; any that die in turn are queued on a
// per-thread list and freed by the same loop, so freeing a long chain (a
// linked list of a million nodes) uses constant C++ stack.
//
// The references each layout owns are listed once, in owned_references()
// below: destroy() drops them, and the cycle collector (gc.hpp) walks the same
// lists to find and break reference cycles.
#pragma once

#include "runtime/core.hpp"
#include "vm/frame_alloc.hpp"

namespace lockvm::rt {

template <LockPolicy P>
struct DeallocQueue {
  static inline thread_local std::vector<Object*> pending;
  static inline thread_local bool draining = false;
};

// Drops a reference that an object being destroyed held. The test and the
// count are inline, the queueing is not: a list of ints that dies runs the
// tag test once per item and nothing else (GCC left the whole of drop out
// of line, a call per item: fannkuch's flips free 1.1 M items).
template <LockPolicy P>
[[gnu::noinline]] void queue_dead(Object* o) {
  DeallocQueue<P>::pending.push_back(o);
}
template <LockPolicy P>
[[gnu::always_inline]] inline void drop(const Value& v) {
  if (v.tag == Tag::Obj && P::decref(Heap<P>::header(v.o))) queue_dead<P>(v.o);
}
template <LockPolicy P>
[[gnu::always_inline]] inline void drop(Object* o) {
  if (o && P::decref(Heap<P>::header(o))) queue_dead<P>(o);
}

// ---- the references each layout owns ------------------------------------------
//
// owned_references(obj, fn) calls fn once per owned reference, passing the
// field itself (a Value& or a typed pointer&, possibly Null/null) so that a
// caller may also reset it. Exactly the owned references: fields documented as
// borrowed (TypeObject::mro, Frame::code/globals, a built-in type's instances'
// `type`) must not appear, or the collector would count a reference that does
// not exist and free a live object. Interned names (Module::name, Code::names)
// are immortal and not counted.

template <class Fn>
void owned_references(TupleObject* tup, Fn&& fn) {
  for (uint64_t i = 0; i < tup->size; ++i) fn(tup->items[i]);
}
template <class Fn>
void owned_references(ListObject* l, Fn&& fn) {
  for (Value& v : l->items) fn(v);
}
template <class Fn>
void owned_references(HashTable& tab, Fn&& fn) {  // dict, set, frozenset
  for (HashEntry& e : tab.entries) {
    fn(e.key);
    fn(e.value);
  }
}
template <class Fn>
void owned_references(SliceObject* s, Fn&& fn) {
  fn(s->start);
  fn(s->stop);
  fn(s->step);
}
template <class Fn>
void owned_references(FunctionObject* f, Fn&& fn) {
  fn(f->code);
  fn(f->globals);
  fn(f->defaults);
  fn(f->kwdefaults);
  fn(f->closure);
  fn(f->name);
  fn(f->qualname);
  fn(f->doc);
  fn(f->dict);
  fn(f->module_name);
}
template <class Fn>
void owned_references(NativeObject* n, Fn&& fn) {
  fn(n->self);
  fn(n->data);
}
template <class Fn>
void owned_references(BoundMethodObject* m, Fn&& fn) {
  fn(m->func);
  fn(m->self);
}
template <class Fn>
void owned_references(CellObject* c, Fn&& fn) {
  fn(c->contents);  // Null when empty
}
template <class Fn>
void owned_references(CodeObject* c, Fn&& fn) {
  for (Value& v : c->consts) fn(v);  // names are interned (immortal): nothing to count
}
template <class Fn>
void owned_references(ModuleObject* m, Fn&& fn) {
  fn(m->dict);  // name is interned
}
template <class Fn>
void owned_references(TypeObject* tp, Fn&& fn) {
  fn(tp->name);
  fn(tp->base);
  fn(tp->dict);
  fn(tp->module_name);
}
template <class Fn>
void owned_references(InstanceObject* inst, Fn&& fn) {
  fn(inst->dict);
  Value* values = inst->values();
  for (uint32_t i = 0, n = inst->nvalues; i < n; ++i) fn(values[i]);
  fn(inst->type);
}
template <class Fn>
void owned_references(ExceptionObject* e, Fn&& fn) {
  fn(e->args);
  for (TraceEntry& te : e->traceback) fn(te.code);
  fn(e->cause);
  fn(e->context);
  fn(e->dict);
  fn(e->type);
}
template <class Fn>
void owned_references(PropertyObject* p, Fn&& fn) {
  fn(p->fget);
  fn(p->fset);
  fn(p->fdel);
  fn(p->doc);
}
template <class Fn>
void owned_references(WrapperObject* w, Fn&& fn) {  // staticmethod, classmethod
  fn(w->func);
}
// A suspended generator's heap frame: its live slots (locals, cells, the value
// stack up to sp), its function and class-body namespace. While the generator
// runs, sp is stale (the eval loop keeps it in a register): see gc.hpp.
template <class Fn>
void owned_references(Frame* f, Fn&& fn) {
  for (Value* v = f->slots; v < f->sp; ++v) fn(*v);
  fn(f->func);
  fn(f->ns);
}
template <class Fn>
void owned_references(GeneratorObject* g, Fn&& fn) {
  if (g->frame) owned_references(g->frame, fn);
  fn(g->name);
  fn(g->qualname);
  fn(g->exc_state);       // a generator suspended inside an except block
  fn(g->caller_handled);  // Null unless running (and a running generator is never traversed)
}
template <class Fn>
void owned_references(IteratorObject* it, Fn&& fn) {
  fn(it->seq);
  fn(it->aux);
}
template <class Fn>
void owned_references(DictViewObject* v, Fn&& fn) {
  fn(v->dict);
}
template <class Fn>
void owned_references(SuperObject* s, Fn&& fn) {
  fn(s->start);
  fn(s->self);
  fn(s->self_type);
}

// Every reference `o` owns, whatever its kind (the collector's traversal,
// inlined into its loops).
template <class Fn>
[[gnu::always_inline]] inline void for_each_reference(Object* o, Fn&& fn) {
  switch (o->kind) {
    case Kind::Str:
    case Kind::Bytes:
    case Kind::BigInt:
    case Kind::Range:
    case Kind::Singleton:
    case Kind::HostData: break;
    case Kind::Tuple: owned_references(static_cast<TupleObject*>(o), fn); break;
    case Kind::List: owned_references(static_cast<ListObject*>(o), fn); break;
    case Kind::Dict: owned_references(static_cast<DictObject*>(o)->table, fn); break;
    case Kind::Set:
    case Kind::FrozenSet: owned_references(static_cast<SetObject*>(o)->table, fn); break;
    case Kind::Slice: owned_references(static_cast<SliceObject*>(o), fn); break;
    case Kind::Function: owned_references(static_cast<FunctionObject*>(o), fn); break;
    case Kind::Native: owned_references(static_cast<NativeObject*>(o), fn); break;
    case Kind::BoundMethod: owned_references(static_cast<BoundMethodObject*>(o), fn); break;
    case Kind::Cell: owned_references(static_cast<CellObject*>(o), fn); break;
    case Kind::Code: owned_references(static_cast<CodeObject*>(o), fn); break;
    case Kind::Module: owned_references(static_cast<ModuleObject*>(o), fn); break;
    case Kind::Type: owned_references(static_cast<TypeObject*>(o), fn); break;
    case Kind::Instance: owned_references(static_cast<InstanceObject*>(o), fn); break;
    case Kind::Exception: owned_references(static_cast<ExceptionObject*>(o), fn); break;
    case Kind::Property: owned_references(static_cast<PropertyObject*>(o), fn); break;
    case Kind::StaticMethod:
    case Kind::ClassMethod: owned_references(static_cast<WrapperObject*>(o), fn); break;
    case Kind::Generator: owned_references(static_cast<GeneratorObject*>(o), fn); break;
    case Kind::Iterator: owned_references(static_cast<IteratorObject*>(o), fn); break;
    case Kind::DictView: owned_references(static_cast<DictViewObject*>(o), fn); break;
    case Kind::Super: owned_references(static_cast<SuperObject*>(o), fn); break;
  }
}

// ---- destruction ---------------------------------------------------------------

// A class being freed leaves its base's subclass list (TypeObject::subclasses,
// for the attribute caches' type_modified), and its own subclasses forget it.
// The links are borrowed and kept apart from `base`, because the cycle
// collector may clear `base` (or free the base first) when a class and its
// base die together.
inline void unlink_subclass(TypeObject* tp) {
  if (TypeObject* b = tp->listed_in) {
    TypeObject* last = b->subclasses.back();
    b->subclasses[tp->subclass_pos] = last;
    last->subclass_pos = tp->subclass_pos;
    b->subclasses.pop_back();
  }
  for (TypeObject* sub : tp->subclasses) sub->listed_in = nullptr;
}

// One switch (not for_each_reference and then a second one for the C++
// destructors): this is on the path of every object that dies.
template <LockPolicy P>
void destroy(Object* o) {
  // A generator paused at a yield is closed before it is freed: queued, alive again.
  if (o->kind == Kind::Generator && GcState<P>::defer_finalizer(o)) return;
  GcState<P>::on_destroy(o);  // leave the cycle collector's registry first
  // Forced inline like drop(): GCC kept the lambda out of line under BiasedRC,
  // a call per item of every list that dies.
  auto dropper = [](auto& ref) LOCKVM_INLINE_LAMBDA { drop<P>(ref); };
  switch (o->kind) {
    case Kind::Str:
    case Kind::Bytes:
    case Kind::Range:
    case Kind::Singleton:
      break;
    case Kind::BigInt:
      static_cast<BigIntObject*>(o)->~BigIntObject();
      Heap<P>::deallocate(o, alignof(BigIntObject));
      return;
    case Kind::Tuple: owned_references(static_cast<TupleObject*>(o), dropper); break;
    case Kind::List: {
      auto* l = static_cast<ListObject*>(o);
      owned_references(l, dropper);
      l->~ListObject();
      break;
    }
    case Kind::Dict:
    case Kind::Set:
    case Kind::FrozenSet: {
      HashTable& tab = o->kind == Kind::Dict ? static_cast<DictObject*>(o)->table : static_cast<SetObject*>(o)->table;
      owned_references(tab, dropper);
      tab.~HashTable();
      break;
    }
    case Kind::Slice: owned_references(static_cast<SliceObject*>(o), dropper); break;
    case Kind::Function: owned_references(static_cast<FunctionObject*>(o), dropper); break;
    case Kind::Native: owned_references(static_cast<NativeObject*>(o), dropper); break;
    case Kind::BoundMethod: owned_references(static_cast<BoundMethodObject*>(o), dropper); break;
    case Kind::Cell: owned_references(static_cast<CellObject*>(o), dropper); break;
    case Kind::Code: {
      auto* c = static_cast<CodeObject*>(o);
      owned_references(c, dropper);
      c->~CodeObject();
      break;
    }
    case Kind::Module: owned_references(static_cast<ModuleObject*>(o), dropper); break;
    case Kind::Type: {
      auto* tp = static_cast<TypeObject*>(o);
      unlink_subclass(tp);
      owned_references(tp, dropper);
      tp->~TypeObject();
      break;
    }
    case Kind::Exception: {
      auto* e = static_cast<ExceptionObject*>(o);
      owned_references(e, dropper);
      e->~ExceptionObject();
      break;
    }
    case Kind::Instance: owned_references(static_cast<InstanceObject*>(o), dropper); break;
    case Kind::Property: owned_references(static_cast<PropertyObject*>(o), dropper); break;
    case Kind::StaticMethod:
    case Kind::ClassMethod: owned_references(static_cast<WrapperObject*>(o), dropper); break;
    case Kind::Generator: {
      auto* g = static_cast<GeneratorObject*>(o);
      owned_references(g, dropper);
      if (g->frame) free_heap_frame(g->frame);
      break;
    }
    case Kind::Iterator: owned_references(static_cast<IteratorObject*>(o), dropper); break;
    case Kind::DictView: owned_references(static_cast<DictViewObject*>(o), dropper); break;
    case Kind::Super: owned_references(static_cast<SuperObject*>(o), dropper); break;
    case Kind::HostData: {
      auto* h = static_cast<HostDataObject*>(o);
      if (h->destroy) h->destroy(h->ptr);
      break;
    }
  }
  Heap<P>::deallocate(o);
}
// Frees everything queued by drop() outside of a release() (teardown).
// The queue is a thread_local with a destructor, so each mention of it is a
// call to its TLS wrapper; the loops look it up once.
template <LockPolicy P>
void drain_pending(std::vector<Object*>& pending) {
  while (!pending.empty()) {
    Object* x = pending.back();
    pending.pop_back();
    destroy<P>(x);
  }
}

template <LockPolicy P>
void drain() {
  using Q = DeallocQueue<P>;
  if (Q::draining) return;
  Q::draining = true;
  drain_pending<P>(Q::pending);
  Q::draining = false;
}

template <LockPolicy P>
void release_now(Object* o) {
  using Q = DeallocQueue<P>;
  if (Q::draining) {  // an outer release() loop will get to it
    Q::pending.push_back(o);
    return;
  }
  Q::draining = true;
  destroy<P>(o);
  drain_pending<P>(Q::pending);
  Q::draining = false;
}

}  // namespace lockvm::rt

namespace lockvm {
// Declared in heap.hpp: called by decref() when a count reaches zero.
template <LockPolicy P>
void release(Object* o) {
  rt::release_now<P>(o);
}
}  // namespace lockvm
