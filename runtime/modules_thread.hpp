// The `_thread` module: the few primitives the `threading` and `queue`
// modules (runtime/lib/*.py, in Python, as in CPython) are built on.
//
//   start_new_thread(function, args[, kwargs[, sentinel]]) -> ident
//                                    sentinel (lockvm's): a held lock released
//                                    when the thread has completely finished
//   allocate_lock() / LockType       acquire(blocking=True, timeout=-1), release(), locked()
//   RLock                            the re-entrant lock, owner + count
//   get_ident(), _count(), TIMEOUT_MAX, error (= RuntimeError)
//   _format_exception(exc)           a traceback as text (threading.excepthook)
//
// A lock is a flag guarded by the thread model's own mutex and condition
// variable (std:: for OS threads, Boost.Fiber's for fibers). Waiting for it
// is a blocking call: the interpreter lock is released meanwhile.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "runtime/methods_common.hpp"
#include "runtime/registry.hpp"
#include "runtime/thread_runtime.hpp"

namespace lockvm::rt {

template <LockPolicy P> Value make_thread_module(Thread<P>& t);

namespace bif {
template <LockPolicy P> bool is_callable(Thread<P>& t, const Value& v);  // builtins_functions.hpp
}

namespace threadm {

// Thread idents are unsigned 64-bit values (pthread_t, or a fiber id's hash).
template <LockPolicy P>
Value ident_value(Thread<P>& t, uint64_t ident) {
  if (ident <= static_cast<uint64_t>(INT64_MAX)) return Value::integer(static_cast<int64_t>(ident));
  return new_bigint(t, BigInt(ident));
}

inline constexpr double kTimeoutMax = 4294967.0;  // CPython's _thread.TIMEOUT_MAX on Linux

// One lock's state. `owner`/`count` are used by RLock only.
template <LockPolicy P>
struct LockCore {
  typename P::Threads::Mutex mu;
  typename P::Threads::CondVar cv;
  bool locked = false;
  uint64_t owner = 0;
  uint64_t count = 0;
  bool reentrant = false;
  TypeObject* type = nullptr;  // owned: the instance keeps its type alive
};

template <LockPolicy P>
void destroy_lock(void* p) {
  std::unique_ptr<LockCore<P>> core(static_cast<LockCore<P>*>(p));
  TypeObject* type = core->type;
  core.reset();
  decref<P>(type);
}

template <LockPolicy P>
LockCore<P>* core_of(Thread<P>& t, const Value* args, size_t nargs, const char* what) {
  if (nargs < 1 || !is_kind(args[0], Kind::HostData) ||
      static_cast<HostDataObject*>(args[0].o)->destroy != &destroy_lock<P>) {
    raisef(t, t.types().TypeError, "descriptor '", what, "' requires a lock object");
    return nullptr;
  }
  return static_cast<LockCore<P>*>(static_cast<HostDataObject*>(args[0].o)->ptr);
}

template <LockPolicy P>
Value new_lock(Thread<P>& t, TypeObject* type, bool reentrant) {
  auto* h = alloc_object<P, HostDataObject>(type, Kind::HostData);
  auto core = std::make_unique<LockCore<P>>();
  core->reentrant = reentrant;
  core->type = type;
  incref<P>(type);
  h->ptr = core.release();
  h->destroy = &destroy_lock<P>;
  return Value::object(h);
}

// acquire(blocking=True, timeout=-1) for both kinds of lock.
template <LockPolicy P>
Value lock_acquire(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!bind_args(t, "acquire", args, nargs, kw, {"self", "blocking", "timeout"}, 1, a)) return Value();
  LockCore<P>* c = core_of(t, args, nargs, "acquire");
  if (!c) return Value();
  bool blocking = true;
  if (!a[1].is_null()) {
    int b = truthy(t, a[1]);
    if (b < 0) return Value();
    blocking = b;
  }
  double timeout = -1;
  if (!a[2].is_null()) {
    if (!numm::to_double_safe(t, a[2], timeout)) return Value();
    if (!blocking && timeout != -1)
      return raise(t, t.types().ValueError, "can't specify a timeout for a non-blocking call");
    if (timeout < 0 && timeout != -1) return raise(t, t.types().ValueError, "timeout value must be a non-negative number");
    if (timeout > kTimeoutMax) return raise(t, t.types().OverflowError, "timeout value is too large");
  }
  uint64_t me = t.ident;
  {
    std::unique_lock lk(c->mu);
    if (c->reentrant && c->locked && c->owner == me) {
      ++c->count;
      return Value::boolean(true);
    }
    if (!c->locked) {
      c->locked = true;
      c->owner = me;
      c->count = 1;
      return Value::boolean(true);
    }
  }
  if (!blocking) return Value::boolean(false);
  WaitResult r;
  {
    BlockingSection<P> unlocked(t);
    std::unique_lock lk(c->mu);
    r = wait_for_condition(t, c->cv, lk, [c] { return !c->locked; }, deadline_after(timeout));
    if (r == WaitResult::Ready) {
      c->locked = true;
      c->owner = me;
      c->count = 1;
    }
  }
  if (r == WaitResult::Interrupted) return raise_interrupt(t);
  return Value::boolean(r == WaitResult::Ready);
}

template <LockPolicy P>
Value lock_release(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "release", nargs - (nargs > 0), kw)) return Value();
  LockCore<P>* c = core_of(t, args, nargs, "release");
  if (!c) return Value();
  {
    std::unique_lock lk(c->mu);
    if (c->reentrant) {
      if (!c->locked || c->owner != t.ident) return raise(t, t.types().RuntimeError, "cannot release un-acquired lock");
      if (--c->count > 0) return Value::none();
    } else if (!c->locked) {
      return raise(t, t.types().RuntimeError, "release unlocked lock");
    }
    c->locked = false;
    c->owner = 0;
    c->count = 0;
  }
  c->cv.notify_one();
  return Value::none();
}

template <LockPolicy P>
Value lock_locked(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "locked", nargs - (nargs > 0), kw)) return Value();
  LockCore<P>* c = core_of(t, args, nargs, "locked");
  if (!c) return Value();
  std::unique_lock lk(c->mu);
  return Value::boolean(c->locked);
}

template <LockPolicy P>
Value lock_enter(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  return lock_acquire(t, args, nargs > 0 ? 1 : 0, nullptr);
}

template <LockPolicy P>
Value lock_exit(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  Value r = lock_release(t, args, nargs > 0 ? 1 : 0, nullptr);
  if (r.is_null()) return r;
  return Value::boolean(false);
}

// RLock._is_owned(): used by threading.Condition.
template <LockPolicy P>
Value rlock_is_owned(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LockCore<P>* c = core_of(t, args, nargs, "_is_owned");
  if (!c) return Value();
  std::unique_lock lk(c->mu);
  return Value::boolean(c->locked && c->owner == t.ident);
}

template <LockPolicy P>
Value lock_repr(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LockCore<P>* c = core_of(t, args, nargs, "__repr__");
  if (!c) return Value();
  bool locked;
  uint64_t owner, count;
  {
    std::unique_lock lk(c->mu);
    locked = c->locked;
    owner = c->owner;
    count = c->count;
  }
  char buf[160];
  if (c->reentrant)
    std::snprintf(buf, sizeof buf, "<%s _thread.RLock object owner=%llu count=%llu at %p>",
                  locked ? "locked" : "unlocked", static_cast<unsigned long long>(locked ? owner : 0),
                  static_cast<unsigned long long>(locked ? count : 0), static_cast<void*>(args[0].o));
  else
    std::snprintf(buf, sizeof buf, "<%s _thread.lock object at %p>", locked ? "locked" : "unlocked",
                  static_cast<void*>(args[0].o));
  return new_str(t, buf);
}

// The lock types' constructors: LockType() and RLock().
template <LockPolicy P, bool Reentrant>
Value lock_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  if (nargs < 1 || !is_kind(args[0], Kind::Type)) return raise(t, t.types().TypeError, "lock.__new__(X): X is not a type");
  return new_lock(t, as_type(args[0]), Reentrant);
}

// _thread.lock or _thread.RLock.
template <LockPolicy P>
TypeObject* new_lock_type(Thread<P>& t, const char* name, bool reentrant) {
  auto* type = new_builtin_class(t, name, "_thread", Kind::HostData);
  add_method(t, type, "__new__", reentrant ? lock_new<P, true> : lock_new<P, false>);
  add_method(t, type, "acquire", lock_acquire<P>);
  add_method(t, type, "release", lock_release<P>);
  add_method(t, type, "__enter__", lock_enter<P>);
  add_method(t, type, "__exit__", lock_exit<P>);
  add_method(t, type, "__repr__", lock_repr<P>);
  if (reentrant) {
    add_method(t, type, "_is_owned", rlock_is_owned<P>);
  } else {
    add_method(t, type, "locked", lock_locked<P>);
    add_method(t, type, "acquire_lock", lock_acquire<P>);
    add_method(t, type, "release_lock", lock_release<P>);
  }
  return type;
}

template <LockPolicy P>
Value start_new_thread(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "start_new_thread() takes no keyword arguments");
  if (nargs < 2 || nargs > 4) return raise(t, t.types().TypeError, "start_new_thread expected 2 or 3 arguments");
  if (!bif::is_callable(t, args[0])) return raise(t, t.types().TypeError, "first arg must be callable");
  if (!is_kind(args[1], Kind::Tuple)) return raise(t, t.types().TypeError, "2nd arg must be a tuple");
  DictObject* kwargs = nullptr;
  if (nargs >= 3 && !args[2].is_none()) {
    if (!is_kind(args[2], Kind::Dict)) return raise(t, t.types().TypeError, "optional 3rd arg must be a dictionary");
    kwargs = as_dict(args[2]);
  }
  // lockvm's fourth argument (threading.Thread.start): a held lock the thread
  // releases once it has completely finished (start_thread's sentinel).
  Value sentinel;
  if (nargs == 4 && !args[3].is_none()) {
    if (!core_of(t, args + 3, 1, "start_new_thread")) return Value();
    sentinel = args[3];
  }
  uint64_t ident = start_thread(t, args[0], as_tuple(args[1]), kwargs, sentinel);
  if (ident == 0) return Value();
  return ident_value(t, ident);
}

template <LockPolicy P>
Value get_ident(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "get_ident", nargs, kw)) return Value();
  return ident_value(t, t.ident);
}

template <LockPolicy P>
Value thread_count(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "_count", nargs, kw)) return Value();
  return Value::integer(t.interp.threads.running());
}

// lockvm's own: a non-daemon threading.Thread tells the runtime so, and the
// interpreter's exit waits for its last steps (see wait_for_thread_exits).
template <LockPolicy P>
Value mark_joinable(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "_mark_joinable", nargs, kw)) return Value();
  if (!t.is_main && !t.is_joinable) {
    t.is_joinable = true;
    t.interp.threads.mark_joinable();
  }
  return Value::none();
}

template <LockPolicy P>
Value format_exc(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "_format_exception", nargs, kw)) return Value();
  if (!args[0].is_obj() || !is_subtype<P>(args[0].o->type, t.types().BaseException))
    return raise(t, t.types().TypeError, "_format_exception() expects an exception");
  std::string text = format_exception(t, args[0]);
  return new_str(t, text);
}

}  // namespace threadm

template <LockPolicy P>
Value make_thread_module(Thread<P>& t) {
  using namespace threadm;
  Value mod = new_module(t, "_thread");
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  Ref<P> lock_type(Value::object(new_lock_type(t, "lock", false)));
  Ref<P> rlock_type(Value::object(new_lock_type(t, "RLock", true)));
  add_value(t, d, "LockType", *lock_type);
  add_value(t, d, "RLock", *rlock_type);
  // allocate_lock() is LockType() under another name, as in CPython.
  add_value(t, d, "allocate_lock", *lock_type);
  add_function(t, d, "start_new_thread", start_new_thread<P>);
  add_function(t, d, "get_ident", get_ident<P>);
  add_function(t, d, "_count", thread_count<P>);
  add_function(t, d, "_format_exception", format_exc<P>);
  add_function(t, d, "_mark_joinable", mark_joinable<P>);
  Value tm = Value::number(kTimeoutMax);
  add_value(t, d, "TIMEOUT_MAX", tm);
  add_value(t, d, "error", Value::object(t.types().RuntimeError));
  return keep.release();
}

}  // namespace lockvm::rt
