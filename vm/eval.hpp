// The interpreter loop.
//
// One C++ activation of eval() runs a chain of Python frames: a call to a
// Python function pushes a frame and continues in the same loop (no C++
// recursion), so deep Python recursion is limited only by
// sys.getrecursionlimit(), never by the C++ stack. eval() returns when the
// frame it was entered with (is_entry) returns, yields, or lets an exception
// escape.
//
// Hot state lives in locals (pc, sp, the frame's slots and constants) and is
// written back to the frame only where something may look at it: before any
// call that can run other Python code or raise (SAVE()), and at frame
// switches. Dispatch is computed goto when the compiler supports it.
#pragma once

#include "runtime/modules_import.hpp"
#include "runtime/shared_reads.hpp"
#include "vm/function.hpp"

namespace lockvm::rt {

template <LockPolicy P>
Value eval(Thread<P>& t, Frame* entry, bool throwing);

template <LockPolicy P>
Value recursion_error(Thread<P>& t) {
  return raise(t, t.types().RecursionError, "maximum recursion depth exceeded");
}

template <LockPolicy P>
Value import_module(Thread<P>& t, std::string_view name, DictObject* globals);

// An async generator is the Python class async_generator of the frozen
// module _asyncgen around the generator `g` that runs its frame: its
// __anext__, asend, athrow and aclose are the awaitables of PEP 525,
// written in Python over g's _ag_send and _ag_throw.
template <LockPolicy P>
Value make_async_generator(Thread<P>& t, GeneratorObject* g) {
  g->is_async_gen = true;
  Ref<P> raw(Value::object(g));
  Ref<P> module(import_module(t, "_asyncgen", nullptr));
  if (module->is_null()) return Value();
  Ref<P> cls(getattr(t, *module, intern(t.interp, "async_generator")));
  if (cls->is_null()) return Value();
  return call(t, *cls, &*raw, 1);
}

template <LockPolicy P>
Value make_generator(Thread<P>& t, Frame* f) {
  auto* g = alloc_object<P, GeneratorObject>(
      (f->code->proto->flags & kCodeCoroutine) ? t.types().coroutine : t.types().generator, Kind::Generator);
  g->frame = f;
  g->name = f->func->name;
  incref<P>(g->name);
  g->qualname = f->func->qualname;
  incref<P>(g->qualname);
  g->is_coroutine = f->code->proto->flags & kCodeCoroutine;
  f->gen = g;
  if (f->code->proto->flags & kCodeAsyncGenerator) return make_async_generator(t, g);
  return Value::object(g);
}

// Calls a Python function from C++ (builtins, dunders, the embedding API).
template <LockPolicy P>
Value call_function(Thread<P>& t, FunctionObject* fn, const Value* args, size_t nargs, TupleObject* kwnames) {
  const CodeProto& p = *fn->code->proto;
  bool gen = p.flags & (kCodeGenerator | kCodeCoroutine);
  incref<P>(fn);
  Frame* f = new_frame(t, fn, gen);
  if (!kwnames && nargs == fn->code->fast_argcount) {
    // What a key function or a dunder method gets: positional arguments
    // that match the parameters, shared into the frame (the eval loop's
    // call_python moves them) without bind_arguments' general case.
    for (size_t i = 0; i < nargs; ++i) f->slots[i] = share<P>(args[i]);
  } else if (!bind_arguments(t, f, args, nargs, kwnames)) {
    f->sp = f->stack_base();
    free_frame<P>(t, f);
    return Value();
  }
  if (f->ncells) init_cells(t, f);
  f->sp = f->stack_base();
  if (gen) return make_generator(t, f);
  if (t.depth >= t.interp.recursion_limit || t.native_depth > 20000 || stack_exhausted(t.stack_limit)) {
    free_frame<P>(t, f);
    return recursion_error(t);
  }
  f->is_entry = true;
  return eval(t, f, false);
}

template <LockPolicy P>
Value run_code(Thread<P>& t, CodeObject* code, DictObject* globals, DictObject* ns) {
  Value fv = make_function(t, code, globals, nullptr, nullptr, nullptr);
  auto* fn = static_cast<FunctionObject*>(fv.o);
  Frame* f = new_frame(t, fn, false);  // takes the reference in fv
  if (ns) {
    incref<P>(ns);
    f->ns = ns;
  }
  init_cells(t, f);
  f->is_entry = true;
  return eval(t, f, false);
}

template <LockPolicy P>
Value run_class_body(Thread<P>& t, FunctionObject* body, DictObject* ns) {
  incref<P>(body);
  Frame* f = new_frame(t, body, false);
  incref<P>(ns);
  f->ns = ns;
  init_cells(t, f);
  f->is_entry = true;
  return eval(t, f, false);
}

// The handled exception (t.handled: what a bare `raise`, a new exception's
// __context__ and sys.exc_info() see) as PUSH_EXC_INFO and POP_EXCEPT change
// it. In a generator's frame they act on the generator's own state
// (GeneratorObject::exc_state, CPython's gi_exc_state): the previous value
// saved on the value stack must be the generator's, not whatever its caller
// of the moment was handling, since the generator may be resumed later by a
// caller handling something else (or nothing).
//
// Returns the previous value to save on the value stack (None for none).
template <LockPolicy P>
[[gnu::always_inline]] inline Value push_handled(Thread<P>& t, Frame* f, const Value& exc) {
  Value prev;
  if (f->gen) [[unlikely]] {
    GeneratorObject* g = f->gen;
    prev = g->exc_state.is_null() ? Value::none() : g->exc_state;  // its reference moves to the stack
    g->exc_state = share<P>(exc);
    decref<P>(t.handled);
  } else {
    prev = t.handled.is_null() ? Value::none() : t.handled;  // likewise
  }
  t.handled = share<P>(exc);
  return prev;
}

// Restores the handled exception saved by push_handled (`prev`, a reference
// taken off the value stack). In a generator's frame, leaving its outermost
// handler makes the caller's handled exception current again.
template <LockPolicy P>
[[gnu::always_inline]] inline void pop_handled(Thread<P>& t, Frame* f, Value prev) {
  decref<P>(t.handled);
  Value v = prev.is_none() ? Value() : prev;
  if (f->gen) [[unlikely]] {
    GeneratorObject* g = f->gen;
    decref<P>(g->exc_state);
    g->exc_state = v;
    t.handled = share<P>(v.is_null() ? g->caller_handled : v);
  } else {
    t.handled = v;
  }
}

// Running a generator: gen_resume from C++ (next(), send(), throw(),
// yield from), and FOR_ITER, which resumes a generator's frame inside its own
// eval loop (eval_loop.hpp: a generator frame that is not an entry frame).
// Both claim it, stack its handled exception over the caller's, and undo
// both when it yields, returns or raises, with these helpers.

// Claims g for running. Under the free-threaded policies two threads may call
// next() on one generator at once: the claim is an atomic exchange, so
// exactly one runs it and the other gets CPython's ValueError.
template <LockPolicy P>
[[gnu::always_inline]] inline bool gen_claim(GeneratorObject* g) {
  if constexpr (P::kParallel)
    return !std::atomic_ref<bool>(g->running).exchange(true, std::memory_order_acquire);
  else
    return !std::exchange(g->running, true);
}
template <LockPolicy P>
[[gnu::always_inline]] inline void gen_unclaim(GeneratorObject* g) {
  if constexpr (P::kParallel) std::atomic_ref<bool>(g->running).store(false, std::memory_order_release);
  else g->running = false;
}

// Exception state, as in CPython's gen_send_ex: while the generator runs,
// its own handled exception (if any) is stacked over the caller's; the
// caller's comes back when it yields, returns or raises. So an except block
// paused at a yield neither leaks into the caller nor loses its exception.
template <LockPolicy P>
[[gnu::always_inline]] inline void gen_enter(Thread<P>& t, GeneratorObject* g) {
  g->caller_handled = std::exchange(t.handled, Value());
  t.handled = share<P>(g->exc_state.is_null() ? g->caller_handled : g->exc_state);
}
// The generator yielded (its frame is kept), returned or raised (its frame
// is gone). From here on only the caller's own values are touched.
template <LockPolicy P>
[[gnu::always_inline]] inline void gen_leave(Thread<P>& t, GeneratorObject* g) {
  decref<P>(t.handled);
  t.handled = std::exchange(g->caller_handled, Value());
  if (!g->frame) decref<P>(std::exchange(g->exc_state, Value()));  // already Null: every handler has been left
  gen_unclaim<P>(g);
}
// A StopIteration raised out of a generator becomes a RuntimeError (PEP 479),
// caused by it, as CPython's _PyErr_FormatFromCause makes it.
template <LockPolicy P>
void gen_stop_iteration_to_runtime_error(Thread<P>& t, GeneratorObject* g) {
  if (!exception_matches(t, t.types().StopIteration)) return;
  Value cause = fetch_exception(t);
  raise(t, t.types().RuntimeError, g->is_coroutine ? "coroutine raised StopIteration" : "generator raised StopIteration");
  as_exc(t.exc)->cause = cause;
  decref<P>(std::exchange(as_exc(t.exc)->context, share<P>(cause)));  // the StopIteration is the context too
  as_exc(t.exc)->suppress_context = true;
}

// Resumes generator g: sends `sent`, or throws `exc` (a new reference) into it.
template <LockPolicy P>
Value gen_resume(Thread<P>& t, GeneratorObject* g, const Value& sent, Value exc, Value* returned) {
  if (!gen_claim<P>(g)) {
    decref<P>(exc);
    return raise(t, t.types().ValueError, g->is_coroutine ? "coroutine already executing" : "generator already executing");
  }
  Frame* f = g->frame;
  if (!f) {
    gen_unclaim<P>(g);
    if (!exc.is_null()) {
      // Thrown into a finished generator: raised as is, unchained (as CPython).
      decref<P>(t.exc);
      t.exc = exc;
      return Value();
    }
    if (returned) *returned = Value::none();
    return Value();
  }
  bool started = f->started();
  if (!started && exc.is_null() && !sent.is_none() && !sent.is_null()) {
    gen_unclaim<P>(g);
    return raise(t, t.types().TypeError, "can't send non-None value to a just-started generator");
  }
  if (!started && !exc.is_null()) {
    // Thrown into a generator that has not started: it ends at once, before
    // its first instruction, where no try of its body covers it (CPython's
    // frame is outside every handler until it first runs).
    drop_frame<P>(f);
    drain<P>();
    free_heap_frame(f);
    g->frame = nullptr;
    gen_unclaim<P>(g);
    decref<P>(t.exc);
    t.exc = exc;
    return Value();
  }
  if (t.depth >= t.interp.recursion_limit) {
    gen_unclaim<P>(g);
    decref<P>(exc);
    return recursion_error(t);
  }
  if (started && exc.is_null()) *f->sp++ = share<P>(sent.is_null() ? Value::none() : sent);
  f->is_entry = true;
  Ref<P> keep(share<P>(Value::object(g)));  // the generator may lose its last reference while running
  gen_enter(t, g);
  if (!exc.is_null()) {
    // A thrown exception is chained to the generator's own handled exception,
    // but not to the caller's (CPython's _PyErr_ChainStackItem).
    if (g->exc_state.is_null()) {
      decref<P>(t.exc);
      t.exc = exc;
    } else {
      set_pending(t, exc);
    }
  }
  Value r = eval(t, f, !exc.is_null());
  bool finished = g->frame == nullptr;
  gen_leave(t, g);
  if (finished) {
    // Finished: r is the return value (or Null with an exception).
    if (r.is_null()) {
      gen_stop_iteration_to_runtime_error(t, g);
      return Value();
    }
    if (returned) *returned = r;
    else decref<P>(r);
    return Value();
  }
  return r;
}

// `exc` is the StopIteration value: e.args[0] or None.
template <LockPolicy P>
Value stop_iteration_value(Thread<P>& t) {
  Value e = fetch_exception(t);
  Value v = Value::none();
  auto* ex = as_exc(e);
  if (ex->args->size > 0) v = share<P>(ex->args->items[0]);
  decref<P>(e);
  return v;
}

template <LockPolicy P>
Value generic_call(Thread<P>& t, const Value& f, const Value* args, size_t nargs, TupleObject* kwnames);

template <LockPolicy P>
Value call(Thread<P>& t, const Value& f, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (f.tag == Tag::Obj && f.o->kind == Kind::Function)
    return call_function(t, static_cast<FunctionObject*>(f.o), args, nargs, kwnames);
  return generic_call(t, f, args, nargs, kwnames);
}

// f(*args, **kwargs) with a tuple and an optional dict: CALL_EX, and a
// thread's target. The dict is copied under its lock first, since a
// thread's kwargs may be shared with others.
template <LockPolicy P>
Value call_tuple_dict(Thread<P>& t, const Value& f, TupleObject* args, DictObject* kwargs) {
  if (!kwargs) return call(t, f, args->items, args->size, nullptr);
  TableSnapshot<P> kw(kwargs, kwargs->table);
  if (kw.entries.empty()) return call(t, f, args->items, args->size, nullptr);
  std::vector<Value> argv(args->items, args->items + args->size);
  std::vector<Value> names;
  for (const HashEntry& e : kw.entries) {
    if (!is_str(e.key)) return raise(t, t.types().TypeError, "keywords must be strings");
    names.push_back(e.key);
    argv.push_back(e.value);
  }
  Ref<P> kwnames(new_tuple(t, names.data(), names.size()));
  return call(t, f, argv.data(), args->size, as_tuple(*kwnames));
}

template <LockPolicy P>
Value call_with_self(Thread<P>& t, const Value& f, const Value& self, const Value* args, size_t nargs,
                     TupleObject* kwnames) {
  ArgsWithFirst full(args, nargs, kwnames);
  return call(t, f, full.with_first(self), nargs + 1, kwnames);
}

// Calls native function n with `args` as they are (a bound self is the
// caller's to put in front), counted against the bound on C++ recursion: a
// native function may call back into Python. generic_call, and the eval
// loop for a built-in called by CALL or CALL_METHOD.
template <LockPolicy P>
[[gnu::always_inline]] inline Value call_native(Thread<P>& t, NativeObject* n, const Value* args, size_t nargs,
                                                TupleObject* kwnames) {
  if (++t.native_depth > 20000 || stack_exhausted(t.stack_limit)) [[unlikely]] {
    --t.native_depth;
    return recursion_error(t);
  }
  Value r;
  // A container that cannot grow (list.extend of a huge range, a dict
  // past what the system gives) throws std::bad_alloc from its storage;
  // here it becomes the MemoryError CPython raises instead of ending the
  // process. The references the function held as locals are lost, as
  // little as CPython's own MemoryError paths promise. No cost unless thrown.
  try {
    r = n->host ? reinterpret_cast<HostNativeFn<P>>(n->fn)(t, n, args, nargs, kwnames)  // embedding: gets n too
                : native_fn<P>(n)(t, args, nargs, kwnames);
  } catch (const std::bad_alloc&) {
    r = raise(t, t.types().MemoryError, "");
  }
  --t.native_depth;
  return r;
}

template <LockPolicy P>
Value generic_call(Thread<P>& t, const Value& f, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (f.tag == Tag::Obj) {
    switch (f.o->kind) {
      case Kind::Function:
        return call_function(t, static_cast<FunctionObject*>(f.o), args, nargs, kwnames);
      case Kind::Native: {
        auto* n = static_cast<NativeObject*>(f.o);
        if (n->self.is_null()) return call_native(t, n, args, nargs, kwnames);
        Ref<P> keep = Ref<P>::borrow(f);
        ArgsWithFirst full(args, nargs, kwnames);
        return call_native(t, n, full.with_first(n->self), nargs + 1, kwnames);
      }
      case Kind::BoundMethod: {
        auto* m = static_cast<BoundMethodObject*>(f.o);
        Ref<P> keep = Ref<P>::borrow(f);
        return call_with_self(t, m->func, m->self, args, nargs, kwnames);
      }
      case Kind::Type:
        return construct(t, as_type(f), args, nargs, kwnames);
      case Kind::Instance:
      case Kind::Exception: {
        Value m = type_lookup<P>(f.o->type, t.names().__call__);
        if (!m.is_null()) {
          Ref<P> keep = Ref<P>::borrow(m);
          return call_with_self(t, m, f, args, nargs, kwnames);
        }
        break;
      }
      case Kind::StaticMethod:
        return call(t, static_cast<WrapperObject*>(f.o)->func, args, nargs, kwnames);
      default: break;
    }
  }
  return raisef(t, t.types().TypeError, "'", type_name(t, f), "' object is not callable");
}

template <LockPolicy P>
Value call_method(Thread<P>& t, const Value& obj, StrObject* name, const Value* args, size_t nargs) {
  Value m = getattr(t, obj, name);
  if (m.is_null()) return m;
  Value r = call(t, m, args, nargs);
  decref<P>(m);
  return r;
}

// Iterates any iterable into a vector of new references (for unpacking).
template <LockPolicy P>
bool collect(Thread<P>& t, const Value& v, std::vector<Value>& out, size_t limit) {
  if (is_kind(v, Kind::Tuple)) {
    for (uint64_t i = 0; i < as_tuple(v)->size; ++i) out.push_back(share<P>(as_tuple(v)->items[i]));
    return true;
  }
  if (is_kind(v, Kind::List)) {
    ObjectGuard<P> g(v.o);
    for (const Value& x : as_list(v)->items) out.push_back(share<P>(x));
    return true;
  }
  Value it = get_iter(t, v);
  if (it.is_null()) {
    if (exception_matches(t, t.types().TypeError)) {
      clear_exception(t);
      raisef(t, t.types().TypeError, "cannot unpack non-iterable ", type_name(t, v), " object");
    }
    return false;
  }
  Ref<P> iter(it);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null();
    out.push_back(x);
    if (out.size() > limit) return true;  // enough to report "too many values"
  }
}

template <LockPolicy P>
bool exc_match(Thread<P>& t, const Value& exc, const Value& type, int& result) {
  if (is_kind(type, Kind::Tuple)) {
    TupleObject* tup = as_tuple(type);
    result = 0;
    for (uint64_t i = 0; i < tup->size; ++i) {
      int r;
      if (!exc_match(t, exc, tup->items[i], r)) return false;
      if (r) { result = 1; return true; }
    }
    return true;
  }
  if (!is_kind(type, Kind::Type) || !as_type(type)->is_exception) {
    raise(t, t.types().TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return false;
  }
  result = is_subtype<P>(type_of(t, exc), as_type(type));
  return true;
}

// FORMAT_VALUE's work: conversion then format spec.
template <LockPolicy P>
Value format_value(Thread<P>& t, const Value& v, int conversion, const Value& spec) {
  Value conv;
  const Value* src = &v;
  if (conversion == 1) conv = to_str(t, v);
  else if (conversion == 2 || conversion == 3) conv = repr(t, v);
  if (conversion) {
    if (conv.is_null()) return conv;
    if (conversion == 3) {  // !a: ascii()
      Value esc = new_str(t, fmt::ascii_escape(as_str(conv)->view()));
      decref<P>(conv);
      if (esc.is_null()) return esc;
      conv = esc;
    }
    src = &conv;
  }
  Value r;
  if (spec.is_null() && is_str(*src)) r = share<P>(*src);
  else r = format(t, *src, spec.is_null() ? std::string_view() : as_str(spec)->view());
  decref<P>(conv);
  return r;
}

// The embedder's limits (kBreakLimit, vm/interp.hpp's ExecLimits): the
// tick and time budget of the host call running on this thread, if any, and
// the interpreter's heap limit. A tripped limit raises again at every check
// until the host call ends, so a script cannot swallow it and go on.
template <LockPolicy P>
bool check_limits(Thread<P>& t) {
  ExecLimits& l = t.interp.limits;
  if (ExecBudget* b = t.budget) {
    if (b->count_ticks) {
      if (b->ticks_left == 0) {
        raisef(t, t.types().RuntimeError, "execution limit exceeded (", b->max_ticks, " ticks)");
        return false;
      }
      --b->ticks_left;
    }
    if (b->has_deadline &&
        (b->expired || ((b->clock_skip++ & 63) == 0 && std::chrono::steady_clock::now() >= b->deadline))) {
      b->expired = true;  // raised again at every check from now on
      raisef(t, t.types().RuntimeError, "time limit exceeded (", float_repr(b->max_seconds), " s)");
      return false;
    }
  }
  if (l.heap.over()) {
    raisef(t, t.types().MemoryError, "heap limit exceeded (", l.heap.limit, " bytes)");
    return false;
  }
  // No budget armed on any thread and the heap under its limit: clear the
  // bit, then look again (a budget armed or the heap going over meanwhile set
  // it before we cleared it).
  if (l.armed.load(std::memory_order_seq_cst) == 0) {
    t.interp.eval_breaker.fetch_and(~kBreakLimit, std::memory_order_seq_cst);
    if (l.armed.load(std::memory_order_seq_cst) > 0 || l.heap.over())
      t.interp.eval_breaker.fetch_or(kBreakLimit, std::memory_order_seq_cst);
  }
  return true;
}

template <LockPolicy P>
void run_finalizers(Thread<P>& t);

// Polled at backward jumps and calls when the eval breaker is non-zero.
template <LockPolicy P>
bool handle_eval_breaker(Thread<P>& t) {
  uint32_t bits = t.interp.eval_breaker.load(std::memory_order_relaxed);
  if ((bits & kBreakLimit) && !check_limits(t)) return false;
  if ((bits & kBreakInterrupt) && t.is_main) {  // signals go to the main thread, as in CPython
    t.interp.eval_breaker.fetch_and(~kBreakInterrupt, std::memory_order_relaxed);
    raise(t, t.types().KeyboardInterrupt, "");
    // KeyboardInterrupt prints with no message.
    decref<P>(Value::object(as_exc(t.exc)->args));
    as_exc(t.exc)->args = as_tuple(share<P>(t.interp.empty_tuple));
    return false;
  }
  if (bits & kBreakLockRequest) {
    if constexpr (requires { t.interp.lock.yield_on_request(); }) t.interp.lock.yield_on_request();
  }
  if constexpr (requires { P::any_pending(); }) {
    if (bits & kBreakMerge) {  // biased RC: merge the objects other threads queued to us
      P::merge_queued([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
      if (!P::any_pending()) t.interp.eval_breaker.fetch_and(~kBreakMerge, std::memory_order_relaxed);
    }
  }
  if constexpr (P::Threads::kFibers) {
    if (bits & kBreakSwitch) {  // the switch interval has passed: let the next fiber run
      t.interp.eval_breaker.fetch_and(~kBreakSwitch, std::memory_order_relaxed);
      ++t.interp.threads.fiber_switches;
      P::Threads::yield();
    }
  }
  // A safe point for the cycle collector: every frame's state is saved and no
  // C++ code is half-way through building an object.
  if (bits & kBreakGc) gc_collect(t.interp, /*due=*/true);  // runtime/gc.hpp
  // Read again: the merge or the collection above may have freed a paused
  // generator, whose close() should not wait for the next check.
  if (t.interp.eval_breaker.load(std::memory_order_relaxed) & kBreakFinalize) run_finalizers(t);
  return true;
}

}  // namespace lockvm::rt

#include "vm/eval_loop.hpp"

namespace lockvm::rt {

// generator.send / throw / close, and the iterator protocol's names.
template <LockPolicy P>
GeneratorObject* gen_self(Thread<P>& t, const Value* args, size_t nargs, const char* what) {
  if (nargs < 1 || !is_kind(args[0], Kind::Generator)) {
    raisef(t, t.types().TypeError, "descriptor '", what, "' requires a 'generator' object");
    return nullptr;
  }
  return static_cast<GeneratorObject*>(args[0].o);
}

// After gen_resume from a method: a finished generator raises
// StopIteration carrying its return value (`ret`, a new reference).
template <LockPolicy P>
Value stop_iteration_if_done(Thread<P>& t, Value r, Value ret) {
  if (r.is_null() && t.exc.is_null()) {
    Value e_args = new_tuple(t, &ret, ret.is_none() ? 0 : 1);
    decref<P>(ret);
    set_pending(t, new_exception(t, t.types().StopIteration, e_args));
    decref<P>(e_args);
  }
  return r;
}

template <LockPolicy P>
Value gen_close(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw);

// close() on the subiterator of a `yield from` (CPython's gen_close_iter).
template <LockPolicy P>
bool close_subiterator(Thread<P>& t, const Value& sub) {
  Value r;
  if (is_kind(sub, Kind::Generator)) {
    r = gen_close(t, &sub, 1, nullptr);
  } else {
    Value m = getattr_opt(t, sub, t.names().close);
    if (m.is_null()) {
      clear_exception(t);  // CPython reports a failed lookup as unraisable and goes on
      return true;
    }
    r = call(t, m, nullptr, 0);
    decref<P>(m);
  }
  if (r.is_null()) return false;
  decref<P>(r);
  return true;
}

// Throws `exc` (a new reference) into g, as CPython's _gen_throw: a generator
// suspended in `yield from` hands it to its subiterator first (GeneratorExit
// closes the subiterator instead) and continues only once the subiterator is
// done, with its return value or its exception. The subiterator runs with the
// caller's handled exception, not g's, as in CPython.
template <LockPolicy P>
Value gen_throw_into(Thread<P>& t, GeneratorObject* g, Value exc, Value* returned) {
  Frame* f = g->frame;
  // Suspended in YIELD_FROM: its pc was backed up onto the instruction and
  // the subiterator is on top of the stack.
  if (!f || g->running || !f->started() || instr_op(*f->pc) != Op::YIELD_FROM)
    return gen_resume(t, g, Value::none(), exc, returned);
  Ref<P> keep(share<P>(Value::object(g)));
  Ref<P> sub(share<P>(f->sp[-1]));
  Ref<P> thrown(exc);
  g->running = true;  // the subiterator must not resume g
  if (is_subtype<P>(exc.o->type, t.types().GeneratorExit)) {
    bool ok = close_subiterator(t, *sub);
    g->running = false;
    return gen_resume(t, g, Value::none(), ok ? thrown.release() : fetch_exception(t), returned);
  }
  Value r, value;  // value: the subiterator's return value if it finished
  if (is_kind(*sub, Kind::Generator)) {
    Value ret;
    r = gen_throw_into(t, static_cast<GeneratorObject*>(sub->o), thrown.release(), &ret);
    if (r.is_null() && t.exc.is_null()) value = ret.is_null() ? Value::none() : ret;
  } else {
    Value m = getattr_opt(t, *sub, t.names().throw_);
    if (m.is_null()) {
      g->running = false;
      if (!t.exc.is_null()) return Value();
      return gen_resume(t, g, Value::none(), thrown.release(), returned);
    }
    r = call(t, m, &*thrown, 1);
    decref<P>(m);
    if (r.is_null() && exception_matches(t, t.types().StopIteration)) value = stop_iteration_value(t);
  }
  g->running = false;
  if (!r.is_null()) return r;  // the subiterator yielded: g stays in its yield from
  // Done: pop the subiterator and continue after the YIELD_FROM.
  decref<P>(*--f->sp);
  ++f->pc;
  if (!value.is_null()) {
    r = gen_resume(t, g, value, Value(), returned);
    decref<P>(value);
    return r;
  }
  return gen_resume(t, g, Value::none(), fetch_exception(t), returned);
}

template <LockPolicy P>
Value gen_send(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = gen_self(t, args, nargs, "send");
  if (!g) return Value();
  if (nargs != 2) return raise(t, t.types().TypeError, "send() takes exactly one argument");
  Value ret;
  Value r = gen_resume(t, g, args[1], Value(), &ret);
  return stop_iteration_if_done(t, r, ret);
}

template <LockPolicy P>
Value gen_next(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = gen_self(t, args, nargs, "__next__");
  if (!g) return Value();
  Value ret;
  Value r = gen_resume(t, g, Value::none(), Value(), &ret);
  return stop_iteration_if_done(t, r, ret);
}

template <LockPolicy P>
Value gen_throw(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = gen_self(t, args, nargs, "throw");
  if (!g) return Value();
  if (nargs < 2) return raise(t, t.types().TypeError, "throw expected at least 1 argument, got 0");
  Value exc = args[1];
  Value inst;
  if (is_kind(exc, Kind::Type) && as_type(exc)->is_exception) {
    inst = call(t, exc, nargs > 2 ? args + 2 : nullptr, nargs > 2 ? 1 : 0);
    if (inst.is_null()) return inst;
  } else if (is_kind(exc, Kind::Exception)) {
    inst = share<P>(exc);
  } else {
    return raise(t, t.types().TypeError, "exceptions must be classes or instances deriving from BaseException, not " +
                                            std::string(type_name(t, exc)));
  }
  Value ret;
  Value r = gen_throw_into(t, g, inst, &ret);
  return stop_iteration_if_done(t, r, ret);
}

template <LockPolicy P>
Value gen_close(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = gen_self(t, args, nargs, "close");
  if (!g) return Value();
  if (!g->frame || !g->frame->started()) {
    if (g->frame) {
      drop_frame<P>(g->frame);
      drain<P>();
      free_heap_frame(g->frame);
      g->frame = nullptr;
    }
    return Value::none();
  }
  Value exit = new_exception(t, t.types().GeneratorExit, Value());
  // CPython raises GeneratorExit in the caller (chained to the caller's
  // handled exception), then chains it to the generator's own, if any.
  if (g->exc_state.is_null() && !t.handled.is_null()) as_exc(exit)->context = share<P>(t.handled);
  Value r = gen_throw_into(t, g, exit, nullptr);
  if (!r.is_null()) {
    decref<P>(r);
    return raise(t, t.types().RuntimeError, "generator ignored GeneratorExit");
  }
  if (t.exc.is_null() || exception_matches(t, t.types().GeneratorExit) || exception_matches(t, t.types().StopIteration)) {
    clear_exception(t);
    return Value::none();
  }
  return Value();
}

// Closes the generators that died paused at a yield (GcState::defer_finalizer),
// then lets them go. What a close() raises cannot reach anyone: it is
// printed, as CPython prints it, and the program goes on.
template <LockPolicy P>
void run_finalizers(Thread<P>& t) {
  for (;;) {
    std::vector<Object*> gens = t.interp.gc.take_finalizers();
    if (gens.empty()) return;
    for (Object* o : gens) {
      static_cast<GeneratorObject*>(o)->finalized = true;
      Value g = Value::object(o);
      Value r = gen_close(t, &g, 1, nullptr);
      if (r.is_null()) write_unraisable(t, "Exception ignored in: ", g);
      decref<P>(r);
      decref<P>(g);
    }
  }
}

template <LockPolicy P>
Value iter_self(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return share<P>(args[0]);
}

template <LockPolicy P>
Value iterator_next(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value r = iter_next(t, args[0]);
  if (r.is_null() && t.exc.is_null()) set_pending(t, new_exception(t, t.types().StopIteration, Value()));
  return r;
}

// The async generator's steps (runtime/lib/_asyncgen.py): resume the frame
// with a value, or throw an exception instance into it, and say whether
// what it yielded was its own value (ASYNC_GEN_WRAP) or an await's:
// (wrapped, value). A return raises StopIteration, as send() does.
template <LockPolicy P>
Value ag_step_result(Thread<P>& t, GeneratorObject* g, Value r, Value ret) {
  bool wrapped = g->yielded_wrapped;
  g->yielded_wrapped = false;
  r = stop_iteration_if_done(t, r, ret);
  if (r.is_null()) return r;
  Value items[2] = {Value::boolean(wrapped), r};
  Value pair = new_tuple(t, items, 2);
  decref<P>(r);
  return pair;
}

template <LockPolicy P>
Value ag_send(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = gen_self(t, args, nargs, "_ag_send");
  if (!g) return Value();
  if (nargs != 2) return raise(t, t.types().TypeError, "_ag_send() takes exactly one argument");
  g->yielded_wrapped = false;
  Value ret;
  Value r = gen_resume(t, g, args[1], Value(), &ret);
  return ag_step_result(t, g, r, ret);
}

template <LockPolicy P>
Value ag_throw(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  GeneratorObject* g = gen_self(t, args, nargs, "_ag_throw");
  if (!g) return Value();
  if (nargs != 2 || !is_kind(args[1], Kind::Exception))
    return raise(t, t.types().TypeError, "_ag_throw() takes an exception instance");
  g->yielded_wrapped = false;
  Value ret;
  Value r = gen_throw_into(t, g, share<P>(args[1]), &ret);
  return ag_step_result(t, g, r, ret);
}

template <LockPolicy P>
void register_generator_methods(Thread<P>& t) {
  for (TypeObject* g : {t.types().generator, t.types().coroutine}) {
    add_method(t, g, "send", gen_send<P>);
    add_method(t, g, "throw", gen_throw<P>);
    add_method(t, g, "close", gen_close<P>);
    add_method(t, g, "__iter__", iter_self<P>);
    add_method(t, g, "__next__", gen_next<P>);
  }
  add_method(t, t.types().generator, "_ag_send", ag_send<P>);
  add_method(t, t.types().generator, "_ag_throw", ag_throw<P>);
  add_method(t, t.types().iterator, "__iter__", iter_self<P>);
  add_method(t, t.types().iterator, "__next__", iterator_next<P>);
}

}  // namespace lockvm::rt
