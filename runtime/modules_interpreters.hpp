// The `_interpreters` module: isolated interpreters in one process, after
// PEP 684/734. runtime/lib/interpreters.py is the public `interpreters`
// module on top of it. The interpreters themselves, each on a worker thread
// of its own, are in runtime/interp_worker.hpp (which says why a worker
// thread); the queues between them in runtime/interp_queues.hpp.
//
// Native API (the Python layer turns statuses into exceptions):
//   create() -> id                 destroy(id) -> status
//   exec(id, source) / call(id, f, args, kwargs) / prepare_main(id, dict) -> (status, payload)
//   is_running(id) -> bool | None  list_ids(), was_created(id), current_id(), dumps(v), loads(b)
// status: 0 ok (payload: the result), 1 the code raised (payload: (type name,
// module, str(exc), "Type: msg", traceback text)), 2 closed, 3 running,
// 4 the current interpreter, 5 the main interpreter, 6 no such interpreter.
#pragma once

#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>

#include "runtime/interp_queues.hpp"
#include "runtime/interp_worker.hpp"

namespace lockvm::rt {

namespace xi {

enum Status : int64_t { kOk = 0, kFailed = 1, kClosed = 2, kRunning = 3, kCurrent = 4, kMain = 5, kUnknown = 6 };

// Why interpreter `id` cannot be had: the main one, running, closed, unknown.
template <LockPolicy P>
int64_t status_of(int64_t id, bool running) {
  if (id == 0) return kMain;
  if (running) return kRunning;
  return Registry<P>::get().ever_created(id) ? kClosed : kUnknown;
}

template <LockPolicy P>
Value pair(Thread<P>& t, int64_t status, Value payload) {
  Value items[2] = {Value::integer(status), payload};
  Value r = new_tuple(t, items, 2);
  decref<P>(payload);
  return r;
}

// ---- the module's functions -----------------------------------------------------------

template <LockPolicy P>
Value ip_create(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "create", nargs, kw, 0, 0)) return Value();
  auto w = std::make_shared<Worker<P>>();
  Interp<P>& in = t.interp;
  w->argv = in.argv;
  w->module_path = in.module_path;
  w->blocked_modules = in.blocked_modules;
  w->write_out = in.write_out;
  w->write_err = in.write_err;
  w->main_file = main_file_of(t);
  w->req_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  w->done_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (w->req_fd < 0 || w->done_fd < 0) return raise(t, t.types().OSError, "cannot create an interpreter (out of file descriptors)");
  w->busy.store(true);  // until it has started
  Registry<P>::get().add(w);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kScriptThreadStack);
  sigset_t block, old;  // signals stay with the main thread (runtime/main.cpp)
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  auto* arg = new std::shared_ptr<Worker<P>>(w);
  int rc = pthread_create(&w->thread, &attr, &worker_entry<P>, arg);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    delete arg;
    Registry<P>::get().remove(w->id);
    return raise(t, t.types().RuntimeError, "can't start new interpreter");
  }
  bool interrupted = wait_done(t, *w);
  w->busy.store(false);
  if (interrupted) return raise_interrupt(t);  // it exists all the same (closed at exit)
  return Value::integer(w->id);
}

template <LockPolicy P>
Value ip_destroy(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "destroy", nargs, kw, 1, 1)) return Value();
  int64_t id;
  if (!to_int64(t, args[0], id)) return Value();
  if (id != 0 && id == current_id(t)) return Value::integer(kCurrent);
  auto w = id == 0 ? nullptr : Registry<P>::get().find(id);
  bool idle = false;
  if (!w || !w->busy.compare_exchange_strong(idle, true))
    return Value::integer(status_of<P>(id, w && !w->closed.load()));
  if (!close_worker(t, w)) return raise_interrupt(t);
  return Value::integer(kOk);
}

// exec, call and prepare_main: owns the worker for the length of `r`.
template <LockPolicy P>
Value run_in(Thread<P>& t, int64_t id, Request& r) {
  // The calling interpreter, and the main one (it runs its program), are running.
  if (id == 0 || id == current_id(t)) return pair(t, kRunning, Value::none());
  auto w = Registry<P>::get().find(id);
  bool idle = false;
  if (!w || !w->busy.compare_exchange_strong(idle, true))
    return pair(t, status_of<P>(id, w && !w->closed.load()), Value::none());
  bool ok = run_request(t, *w, r);
  w->busy.store(false, std::memory_order_release);
  if (!ok) return raise_interrupt(t);
  if (!r.ok) {
    Value parts[5];
    parts[0] = new_str(t, r.type_name);
    parts[1] = new_str(t, r.type_module);
    parts[2] = new_str(t, r.msg);
    parts[3] = new_str(t, r.formatted);
    parts[4] = new_str(t, r.errdisplay);
    Value info = new_tuple(t, parts, 5);
    for (Value& p : parts) decref<P>(p);
    return pair(t, kFailed, info);
  }
  if (r.kind != Request::Call) return pair(t, kOk, Value::none());
  Value v = load_value(t, r.result);
  if (v.is_null()) return v;
  return pair(t, kOk, v);
}

template <LockPolicy P>
Value ip_exec(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "exec", nargs, kw, 2, 2)) return Value();
  int64_t id;
  if (!to_int64(t, args[0], id)) return Value();
  if (!is_str(args[1])) return raise(t, t.types().TypeError, "exec() code must be a str");
  Request r{Request::Exec, std::string(as_str(args[1])->view())};
  return run_in(t, id, r);
}

template <LockPolicy P>
Value ip_call(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "call", nargs, kw, 4, 4)) return Value();  // (id, f, args, kwargs)
  int64_t id;
  if (!to_int64(t, args[0], id)) return Value();
  if (!is_kind(args[2], Kind::Tuple) || !(is_kind(args[3], Kind::Dict) || args[3].is_none()))
    return raise(t, t.types().TypeError, "call(id, f, args tuple, kwargs dict)");
  Request r{Request::Call};
  Ref<P> msg(new_tuple(t, args + 1, 3));
  if (!serialize(t, *msg, r.payload)) return Value();
  return run_in(t, id, r);
}

template <LockPolicy P>
Value ip_prepare_main(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "prepare_main", nargs, kw, 2, 2)) return Value();
  int64_t id;
  if (!to_int64(t, args[0], id)) return Value();
  if (!is_kind(args[1], Kind::Dict)) return raise(t, t.types().TypeError, "prepare_main() needs a dict");
  Request r{Request::Prepare};
  if (!serialize(t, args[1], r.payload)) return Value();
  return run_in(t, id, r);
}

template <LockPolicy P>
Value ip_is_running(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "is_running", nargs, kw, 1, 1)) return Value();
  int64_t id;
  if (!to_int64(t, args[0], id)) return Value();
  if (id == 0 || id == current_id(t)) return Value::boolean(true);
  auto w = Registry<P>::get().find(id);
  if (!w || w->closed.load()) return Value::none();
  return Value::boolean(w->busy.load());
}

template <LockPolicy P>
Value ip_was_created(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "was_created", nargs, kw, 1, 1)) return Value();
  int64_t id;
  if (!to_int64(t, args[0], id)) return Value();
  return Value::boolean(Registry<P>::get().ever_created(id));
}

template <LockPolicy P>
Value ip_list_ids(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "list_ids", nargs, kw, 0, 0)) return Value();
  Ref<P> out(new_list(t));
  for (int64_t id : Registry<P>::get().ids()) as_list(*out)->items.push_back(Value::integer(id));
  return out.release();
}

template <LockPolicy P>
Value ip_current_id(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "current_id", nargs, kw, 0, 0)) return Value();
  return Value::integer(current_id(t));
}

template <LockPolicy P>
Value ip_dumps(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "dumps", nargs, kw, 1, 1)) return Value();
  std::string out;
  if (!serialize(t, args[0], out)) return Value();
  return new_bytes(t, out);
}

template <LockPolicy P>
Value ip_loads(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "loads", nargs, kw, 1, 1)) return Value();
  if (!is_kind(args[0], Kind::Bytes)) return raise(t, t.types().TypeError, "loads() argument must be bytes");
  return load_value(t, static_cast<BytesObject*>(args[0].o)->view());
}

}  // namespace xi

// At the end of the main program (runtime/session_impl.hpp), after its
// threads are joined: closes every sub-interpreter that is not running, until
// none is left that can be (closing one lets the calls its threads made into
// another finish). One still running is left alone: a daemon thread of the
// program is waiting for it, and the process ends without tearing down.
template <LockPolicy P>
void close_all_interpreters(Thread<P>& t) {
  using namespace xi;
  for (bool progress = true; progress;) {
    progress = false;
    for (int64_t id : Registry<P>::get().ids()) {
      auto w = Registry<P>::get().find(id);
      bool idle = false;
      if (!w || id == current_id(t) || !w->busy.compare_exchange_strong(idle, true)) continue;
      if (!close_worker(t, w)) clear_exception(t);
      progress = true;
    }
  }
}

template <LockPolicy P>
Value make_interpreters_module(Thread<P>& t) {
  using namespace xi;
  Value mod = new_module(t, "_interpreters");
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_function(t, d, "create", ip_create<P>);
  add_function(t, d, "destroy", ip_destroy<P>);
  add_function(t, d, "exec", ip_exec<P>);
  add_function(t, d, "call", ip_call<P>);
  add_function(t, d, "prepare_main", ip_prepare_main<P>);
  add_function(t, d, "is_running", ip_is_running<P>);
  add_function(t, d, "list_ids", ip_list_ids<P>);
  add_function(t, d, "was_created", ip_was_created<P>);
  add_function(t, d, "current_id", ip_current_id<P>);
  add_function(t, d, "dumps", ip_dumps<P>);
  add_function(t, d, "loads", ip_loads<P>);
  xiq::add_queue_functions(t, d);
  return keep.release();
}

}  // namespace lockvm::rt
