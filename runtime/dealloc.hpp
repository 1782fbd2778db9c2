// Freeing dead objects. When a count reaches zero the object's destructor
// drops the references it owned; any that die in turn are queued on a
// per-thread list and freed by the same loop, so freeing a long chain (a
// linked list of a million nodes) uses constant C++ stack.
#pragma once

#include "runtime/core.hpp"
#include "vm/frame_alloc.hpp"

namespace lockvm::rt {

template <LockPolicy P>
struct DeallocQueue {
  static inline thread_local std::vector<Object*> pending;
  static inline thread_local bool draining = false;
};

// Drops a reference that an object being destroyed held.
template <LockPolicy P>
inline void drop(const Value& v) {
  if (v.tag == Tag::Obj && P::decref(Heap<P>::header(v.o))) DeallocQueue<P>::pending.push_back(v.o);
}
template <LockPolicy P>
inline void drop(Object* o) {
  if (o && P::decref(Heap<P>::header(o))) DeallocQueue<P>::pending.push_back(o);
}

template <LockPolicy P>
void drop_frame(Frame* f);  // vm/eval.hpp: drops every reference a frame holds

template <LockPolicy P>
void destroy(Object* o) {
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
    case Kind::Tuple: {
      auto* tup = static_cast<TupleObject*>(o);
      for (uint64_t i = 0; i < tup->size; ++i) drop<P>(tup->items[i]);
      break;
    }
    case Kind::List: {
      auto* l = static_cast<ListObject*>(o);
      for (const Value& v : l->items) drop<P>(v);
      l->~ListObject();
      break;
    }
    case Kind::Dict:
    case Kind::Set:
    case Kind::FrozenSet: {
      HashTable& tab = o->kind == Kind::Dict ? static_cast<DictObject*>(o)->table : static_cast<SetObject*>(o)->table;
      for (const HashEntry& e : tab.entries) {
        drop<P>(e.key);
        drop<P>(e.value);
      }
      tab.~HashTable();
      break;
    }
    case Kind::Slice: {
      auto* s = static_cast<SliceObject*>(o);
      drop<P>(s->start);
      drop<P>(s->stop);
      drop<P>(s->step);
      break;
    }
    case Kind::Function: {
      auto* f = static_cast<FunctionObject*>(o);
      drop<P>(f->code);
      drop<P>(f->globals);
      drop<P>(f->defaults);
      drop<P>(f->kwdefaults);
      drop<P>(f->closure);
      drop<P>(f->name);
      drop<P>(f->qualname);
      drop<P>(f->doc);
      drop<P>(f->dict);
      drop<P>(f->module_name);
      break;
    }
    case Kind::Native: {
      auto* n = static_cast<NativeObject*>(o);
      drop<P>(n->self);
      drop<P>(n->data);
      break;
    }
    case Kind::BoundMethod: {
      auto* m = static_cast<BoundMethodObject*>(o);
      drop<P>(m->func);
      drop<P>(m->self);
      break;
    }
    case Kind::Cell: drop<P>(static_cast<CellObject*>(o)->contents); break;
    case Kind::Code: {
      auto* c = static_cast<CodeObject*>(o);
      for (const Value& v : c->consts) drop<P>(v);
      c->~CodeObject();  // names are interned (immortal): nothing to drop
      break;
    }
    case Kind::Module: {
      auto* m = static_cast<ModuleObject*>(o);
      drop<P>(m->dict);
      break;
    }
    case Kind::Type: {
      auto* tp = static_cast<TypeObject*>(o);
      drop<P>(tp->name);
      drop<P>(tp->base);
      drop<P>(tp->dict);
      drop<P>(tp->module_name);
      tp->~TypeObject();
      break;
    }
    case Kind::Exception: {
      auto* e = static_cast<ExceptionObject*>(o);
      drop<P>(e->args);
      for (TraceEntry& te : e->traceback) drop<P>(te.code);
      drop<P>(e->cause);
      drop<P>(e->context);
      drop<P>(e->dict);
      drop<P>(e->type);
      e->~ExceptionObject();
      break;
    }
    case Kind::Instance: {
      auto* inst = static_cast<InstanceObject*>(o);
      drop<P>(inst->dict);
      drop<P>(inst->type);
      break;
    }
    case Kind::Property: {
      auto* p = static_cast<PropertyObject*>(o);
      drop<P>(p->fget);
      drop<P>(p->fset);
      drop<P>(p->fdel);
      drop<P>(p->doc);
      break;
    }
    case Kind::StaticMethod:
    case Kind::ClassMethod: drop<P>(static_cast<WrapperObject*>(o)->func); break;
    case Kind::Generator: {
      auto* g = static_cast<GeneratorObject*>(o);
      if (g->frame) {
        drop_frame<P>(g->frame);
        free_heap_frame(g->frame);
      }
      drop<P>(g->name);
      drop<P>(g->qualname);
      break;
    }
    case Kind::Iterator: {
      auto* it = static_cast<IteratorObject*>(o);
      drop<P>(it->seq);
      drop<P>(it->aux);
      break;
    }
    case Kind::DictView: drop<P>(static_cast<DictViewObject*>(o)->dict); break;
    case Kind::Super: {
      auto* s = static_cast<SuperObject*>(o);
      drop<P>(s->start);
      drop<P>(s->self);
      drop<P>(s->self_type);
      break;
    }
    case Kind::HostData: {
      auto* h = static_cast<HostDataObject*>(o);
      if (h->destroy) h->destroy(h->ptr);
      break;
    }
  }
  Heap<P>::deallocate(o);
}

// Frees everything queued by drop() outside of a release() (teardown).
template <LockPolicy P>
void drain() {
  using Q = DeallocQueue<P>;
  if (Q::draining) return;
  Q::draining = true;
  while (!Q::pending.empty()) {
    Object* x = Q::pending.back();
    Q::pending.pop_back();
    destroy<P>(x);
  }
  Q::draining = false;
}

template <LockPolicy P>
void release_now(Object* o) {
  using Q = DeallocQueue<P>;
  Q::pending.push_back(o);
  if (Q::draining) return;  // an outer release() loop will get to it
  Q::draining = true;
  while (!Q::pending.empty()) {
    Object* x = Q::pending.back();
    Q::pending.pop_back();
    destroy<P>(x);
  }
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
