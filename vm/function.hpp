// Code objects, function objects, frames and argument binding: everything a
// call needs before the eval loop runs its first instruction.
#pragma once

#include "runtime/classes.hpp"
#include "runtime/dealloc.hpp"
#include "vm/frame_alloc.hpp"
#include "vm/superinstructions.hpp"

namespace lockvm::rt {

template <LockPolicy P>
Value const_to_value(Thread<P>& t, const Const& c) {
  switch (c.type) {
    case Const::Type::None: return Value::none();
    case Const::Type::True: return Value::boolean(true);
    case Const::Type::False: return Value::boolean(false);
    case Const::Type::Ellipsis: return share<P>(t.interp.ellipsis);
    case Const::Type::Int: return Value::integer(c.i);
    case Const::Type::BigInt: return new_bigint(t, BigInt(c.s));
    case Const::Type::Float: return Value::number(c.f);
    case Const::Type::Str: {
      // Identifier-like and short constants are interned (shared, immortal);
      // others are ordinary strings owned by the code object.
      if (c.s.size() <= 40) {
        StrObject* s = intern(t.interp, c.s);
        str_hash(s);
        return Value::object(s);
      }
      return new_str(t, c.s);
    }
    case Const::Type::Bytes: return new_bytes(t, c.s);
    case Const::Type::Tuple: {
      TupleObject* tup = alloc_tuple(t, c.items.size());
      for (size_t i = 0; i < c.items.size(); ++i) tup->items[i] = const_to_value(t, c.items[i]);
      return Value::object(tup);
    }
    case Const::Type::Code: return code_from_proto(t, c.code);
  }
  return Value::none();
}

template <LockPolicy P>
StrObject* intern_hashed(Interp<P>& in, std::string_view s) {
  StrObject* r = intern(in, s);
  str_hash(r);
  return r;
}

template <LockPolicy P>
Value code_from_proto(Thread<P>& t, const std::shared_ptr<const CodeProto>& proto) {
  auto* c = alloc_object<P, CodeObject>(t.types().code, Kind::Code);
  Ref<P> keep(Value::object(c));
  c->proto = proto;
  for (const Const& k : proto->consts) c->consts.push_back(const_to_value(t, k));
  for (const std::string& n : proto->names) c->names.push_back(intern_hashed(t.interp, n));
  for (const std::string& n : proto->varnames) c->varnames.push_back(intern_hashed(t.interp, n));
  c->name = intern_hashed(t.interp, proto->name);
  c->qualname = intern_hashed(t.interp, proto->qualname);
  c->filename = intern_hashed(t.interp, proto->filename);
  c->nlocals = static_cast<int>(proto->varnames.size());
  c->ncells = static_cast<int>(proto->cellvars.size());
  c->nfree = static_cast<int>(proto->freevars.size());
  c->stacksize = proto->stacksize;
  c->instrs = proto->code;
  // Each LOAD_GLOBAL site gets its own cache; its argument becomes the cache
  // slot (the cache remembers the name index).
  // Likewise each LOAD_ATTR, STORE_ATTR and LOAD_METHOD site gets an attribute
  // cache (runtime/attr_cache.hpp), which holds the interned name.
  for (Instr& in : c->instrs) {
    Op op = instr_op(in);
    if (op == Op::LOAD_GLOBAL) {
      GlobalCache gc;
      gc.name_index = instr_arg(in);
      in = make_instr(Op::LOAD_GLOBAL, static_cast<uint32_t>(c->global_caches.size()));
      c->global_caches.push_back(gc);
    } else if (op == Op::LOAD_ATTR || op == Op::STORE_ATTR || op == Op::LOAD_METHOD) {
      AttrCache ac;
      ac.name = c->names[instr_arg(in)];
      in = make_instr(op, static_cast<uint32_t>(c->attr_caches.size()));
      c->attr_caches.push_back(ac);
    }
  }
  // After the caches: a fused attribute access reads its site's cache slot.
  fuse_superinstructions(c->instrs, proto->exception_table, c->fused);
  // One spare stack slot: LOAD_ATTR's cached property read pushes the getter
  // and calls it in place, one slot above the stack depth the compiler counted.
  c->frame_slots = c->nlocals + c->ncells + c->nfree + c->stacksize + 1;
  c->prefix_slots = c->nlocals + c->ncells + c->nfree;
  c->simple_args = proto->kwonlyargcount == 0 && !(proto->flags & (kCodeVarargs | kCodeVarkeywords));
  c->frame_size = static_cast<uint32_t>(frame_bytes(c->frame_slots));
  c->fast_argcount = c->simple_args ? static_cast<uint32_t>(proto->argcount) : ~0u;
  c->ncells_total = static_cast<uint32_t>(c->ncells + c->nfree);
  c->makes_generator = proto->flags & (kCodeGenerator | kCodeCoroutine);
  if constexpr (requires { requires P::kImmortalCode; }) {
    // BiasedRC (PEP 703): code objects are immortal, so the threads running
    // one function never contend on its count; they are freed at teardown.
    c->flags |= kObjImmortal;
    P::make_immortal(Heap<P>::header(c));
    TablesLock<P> lock(t.interp.tables_mu);
    t.interp.immortals.push_back(c);
  }
  return keep.release();
}

template <LockPolicy P>
Value make_function(Thread<P>& t, CodeObject* code, DictObject* globals, TupleObject* defaults,
                    DictObject* kwdefaults, TupleObject* closure) {
  auto* f = alloc_object<P, FunctionObject>(t.types().function, Kind::Function);
  incref<P>(code);
  f->code = code;
  incref<P>(globals);
  f->globals = globals;
  if (defaults) incref<P>(defaults);
  f->defaults = defaults;
  if (kwdefaults) incref<P>(kwdefaults);
  f->kwdefaults = kwdefaults;
  if (closure) incref<P>(closure);
  f->closure = closure;
  incref<P>(code->name);
  f->name = code->name;
  incref<P>(code->qualname);
  f->qualname = code->qualname;
  // The compiler reserves consts[0] of a def's code for its docstring (or
  // None), as CPython does; lambdas and comprehensions have none.
  f->doc = Value::none();
  const CodeProto& p = *code->proto;
  if (!(p.flags & (kCodeModule | kCodeClassBody)) && !p.name.empty() && p.name[0] != '<' && !code->consts.empty() &&
      is_str(code->consts[0]))
    f->doc = share<P>(code->consts[0]);
  Value mod = dict_get_str<P>(globals, t.names().__name__);
  if (is_str(mod)) {
    incref<P>(mod);
    f->module_name = as_str(mod);
  }
  return Value::object(f);
}

// Allocates a frame for `func` (owned reference transferred in) with every
// slot Null, cells for cellvars and the closure's cells for freevars.
// The fields of a new frame for `func` (its slots and `back` are the
// caller's business): new_frame's, and the eval loop's own for its common
// call (do_call), which fills the slots as it moves the arguments in.
[[gnu::always_inline]] inline void init_frame_fields(Frame* f, FunctionObject* func, CodeObject* co, bool on_heap,
                                                     uint8_t on_return) {
  f->code = co;  // func->code
  f->func = func;
  f->globals = func->globals;
  f->ns = nullptr;
  f->pc = co->instrs.data();
  f->gen = nullptr;
  f->is_entry = false;
  f->on_heap = on_heap;
  f->on_return = on_return;
  f->nlocals = co->nlocals;
  f->ncells = co->ncells_total;
  f->size = co->frame_slots;
}

template <LockPolicy P>
Frame* new_frame(Thread<P>& t, FunctionObject* func, bool on_heap, uint8_t on_return = FrameReturn::kPush) {
  CodeObject* co = func->code;
  size_t bytes = frame_bytes(co->frame_slots);
  Frame* f = static_cast<Frame*>(on_heap ? alloc_heap_frame(bytes) : t.frames.push(bytes));
  init_frame_fields(f, func, co, on_heap, on_return);
  f->back = nullptr;
  // Only locals and cells start empty; stack slots are written before read.
  std::memset(static_cast<void*>(f->slots), 0, co->prefix_slots * sizeof(Value));
  f->sp = f->stack_base();
  return f;
}

// Creates the cells once the arguments are bound (a cellvar that is also an
// argument starts out holding the argument).
template <LockPolicy P>
void init_cells(Thread<P>& t, Frame* f) {
  CodeObject* co = f->code;
  Value* cells = f->cells();
  const auto& c2a = co->proto->cell2arg;
  for (int i = 0; i < co->ncells; ++i) {
    Value init;
    if (i < static_cast<int>(c2a.size()) && c2a[i] >= 0) {
      init = f->slots[c2a[i]];
      f->slots[c2a[i]] = Value();
      cells[i] = new_cell(t, init);
      decref<P>(init);
    } else {
      cells[i] = new_cell(t, Value());
    }
  }
  TupleObject* closure = f->func->closure;
  for (int i = 0; i < co->nfree; ++i) cells[co->ncells + i] = share<P>(closure->items[i]);
}

template <LockPolicy P>
void drop_frame(Frame* f) {
  for (Value* v = f->slots; v < f->sp; ++v) drop<P>(*v);
  drop<P>(f->func);
  drop<P>(f->ns);
}

// Releases a finished frame's references and storage.
template <LockPolicy P>
void free_frame(Thread<P>& t, Frame* f) {
  for (Value* v = f->slots; v < f->sp; ++v) decref<P>(*v);
  FunctionObject* fn = f->func;
  DictObject* ns = f->ns;
  bool heap = f->on_heap;
  if (heap) free_heap_frame(f);
  else t.frames.pop(f);
  decref<P>(fn);
  if (ns) decref<P>(ns);
}

template <LockPolicy P>
Value arg_error(Thread<P>& t, FunctionObject* fn, const char* what) {
  return raisef(t, t.types().TypeError, fn->qualname->view(), "() ", what);
}

// Binds call arguments into the frame's parameter slots, Python's rules:
// positional, *args overflow, keywords by name, **kwargs overflow, defaults.
// `args` are borrowed. Returns false with a TypeError worded like CPython's.
template <LockPolicy P>
bool bind_arguments(Thread<P>& t, Frame* f, const Value* args, size_t nargs, TupleObject* kwnames) {
  FunctionObject* fn = f->func;
  const CodeProto& p = *fn->code->proto;
  Value* slots = f->slots;
  size_t argcount = p.argcount, kwonly = p.kwonlyargcount;
  size_t nkw = kwnames ? kwnames->size : 0;
  bool varargs = p.flags & kCodeVarargs, varkw = p.flags & kCodeVarkeywords;
  size_t total = argcount + kwonly;
  size_t npos = nargs < argcount ? nargs : argcount;
  for (size_t i = 0; i < npos; ++i) slots[i] = share<P>(args[i]);
  if (varargs) {
    slots[total] = nargs > argcount ? new_tuple(t, args + argcount, nargs - argcount) : share<P>(t.interp.empty_tuple);
  } else if (nargs > argcount) {
    size_t ndef = fn->defaults ? fn->defaults->size : 0;
    std::string msg;
    if (ndef) msg = "takes from " + std::to_string(argcount - ndef) + " to " + std::to_string(argcount);
    else msg = "takes " + std::to_string(argcount);
    msg += " positional argument";
    if (argcount != 1 || ndef) msg += "s";
    msg += " but " + std::to_string(nargs) + (nargs == 1 ? " was" : " were") + " given";
    arg_error(t, fn, msg.c_str());
    return false;
  }
  DictObject* kwdict = nullptr;
  if (varkw) {
    Value d = new_dict(t);
    kwdict = as_dict(d);
    slots[total + (varargs ? 1 : 0)] = d;
  }
  for (size_t k = 0; k < nkw; ++k) {
    StrObject* key = as_str(kwnames->items[k]);
    const Value& val = args[nargs + k];
    size_t idx = total;
    for (size_t j = p.posonlyargcount; j < total; ++j) {
      StrObject* vn = fn->code->varnames[j];
      if (vn == key || vn->view() == key->view()) { idx = j; break; }
    }
    if (idx == total) {
      if (kwdict) {
        if (dict_set(t, kwdict, kwnames->items[k], val) < 0) return false;
        continue;
      }
      // Name every positional-only parameter that was passed by keyword.
      std::string posonly;
      for (size_t k2 = k; k2 < nkw; ++k2)
        for (size_t j = 0; j < static_cast<size_t>(p.posonlyargcount); ++j)
          if (fn->code->varnames[j]->view() == as_str(kwnames->items[k2])->view()) {
            if (!posonly.empty()) posonly += ", ";
            posonly += fn->code->varnames[j]->view();
          }
      if (!posonly.empty()) {
        raisef(t, t.types().TypeError, fn->qualname->view(),
               "() got some positional-only arguments passed as keyword arguments: '", posonly, "'");
        return false;
      }
      raisef(t, t.types().TypeError, fn->qualname->view(), "() got an unexpected keyword argument '", key->view(), "'");
      return false;
    }
    if (!slots[idx].is_null()) {
      raisef(t, t.types().TypeError, fn->qualname->view(), "() got multiple values for argument '", key->view(), "'");
      return false;
    }
    slots[idx] = share<P>(val);
  }
  // Defaults for missing positional parameters.
  if (nargs < argcount) {
    size_t ndef = fn->defaults ? fn->defaults->size : 0;
    size_t first_def = argcount - ndef;
    std::vector<std::string_view> missing;
    for (size_t i = nargs; i < argcount; ++i) {
      if (!slots[i].is_null()) continue;
      if (i >= first_def) slots[i] = share<P>(fn->defaults->items[i - first_def]);
      else missing.push_back(fn->code->varnames[i]->view());
    }
    if (!missing.empty()) {
      std::string msg = "missing " + std::to_string(missing.size()) + " required positional argument";
      if (missing.size() > 1) msg += "s";
      msg += ": ";
      for (size_t i = 0; i < missing.size(); ++i) {
        if (i) msg += (i + 1 == missing.size()) ? (missing.size() > 2 ? ", and " : " and ") : ", ";
        msg += "'";
        msg += missing[i];
        msg += "'";
      }
      arg_error(t, fn, msg.c_str());
      return false;
    }
  }
  if (kwonly) {
    std::vector<std::string_view> missing;
    for (size_t i = argcount; i < total; ++i) {
      if (!slots[i].is_null()) continue;
      Value d = fn->kwdefaults ? dict_get_str<P>(fn->kwdefaults, fn->code->varnames[i]) : Value();
      if (!d.is_null()) slots[i] = share<P>(d);
      else missing.push_back(fn->code->varnames[i]->view());
    }
    if (!missing.empty()) {
      std::string msg = "missing " + std::to_string(missing.size()) + " required keyword-only argument";
      if (missing.size() > 1) msg += "s";
      msg += ": ";
      for (size_t i = 0; i < missing.size(); ++i) {
        if (i) msg += (i + 1 == missing.size()) ? (missing.size() > 2 ? ", and " : " and ") : ", ";
        msg += "'";
        msg += missing[i];
        msg += "'";
      }
      arg_error(t, fn, msg.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace lockvm::rt
