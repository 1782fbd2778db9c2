// The `_interpreters` module: isolated interpreters in one process, after
// PEP 684/734. runtime/lib/interpreters.py is the public `interpreters`
// module on top of it; the queues between interpreters are in
// runtime/interp_queues.hpp.
//
// Each sub-interpreter is a whole Interp<P> of the caller's policy, with its
// own built-in types, modules, cycle collector and interpreter lock (its own
// GIL under gil). Nothing is shared: values cross only as bytes of
// runtime/serialize.hpp, so interpreters run bytecode in parallel under every
// policy, gil and nolock included.
//
// Each sub-interpreter lives on a worker OS thread of its own, which
// constructs it, bootstraps it, runs every exec()/call() in it and tears it
// down at close(). PEP 734 runs them on the calling thread; lockvm cannot,
// because an interpreter is bound to OS threads in three ways: its cycle
// collector's registry is found through a thread-local binding made by the
// constructing thread (runtime/gc.hpp), biased reference counts are owned per
// OS thread (objects made by the worker stay owned by it, so they are counted
// without atomics), and nolock's fibers are scheduled per OS thread. The
// caller posts a request (source text or serialized bytes) and waits for the
// worker's answer as a blocking call: its own interpreter lock is released
// (BlockingSection), under nolock only the calling fiber waits (wait_fd on an
// eventfd, runtime/io_wait.hpp), and a Ctrl-C on the main thread is passed on
// to the code running in the sub-interpreter (KeyboardInterrupt there; the
// caller raises its own once that code has stopped).
//
// BiasedRC lock elision (others_running(), policies/biased_refcount.hpp)
// counts the script threads of every interpreter of the process; workers are
// not counted. That stays correct: the elision is safe for an object as long
// as no second thread can reach it, and an interpreter's objects are only
// ever reached by that interpreter's own threads. A worker alone in its
// interpreter is exactly like a main thread alone in its own; a script thread
// started in another interpreter raises the count (locks are then taken
// everywhere, uselessly but safely) without giving it a way to reach objects
// that are not its interpreter's. So N single-threaded interpreters run
// with no object locks at all, as one does.
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
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/gc.hpp"
#include "runtime/interp_queues.hpp"
#include "runtime/modules_import.hpp"
#include "runtime/serialize.hpp"

namespace lockvm::rt {

template <LockPolicy P> void bootstrap(Thread<P>& t);  // runtime/bootstrap.hpp
template <LockPolicy P> void teardown(Thread<P>& t);

namespace xi {

enum Status : int64_t { kOk = 0, kFailed = 1, kClosed = 2, kRunning = 3, kCurrent = 4, kMain = 5, kUnknown = 6 };

// What an exec/call/prepare_main hands to the worker, and gets back.
struct Request {
  enum Kind { Exec, Call, Prepare, Close } kind;
  std::string payload;      // source text, or serialized bytes
  bool ok = true;
  std::string result;       // Call: the serialized return value
  std::string type_name, type_module, msg, formatted, errdisplay;  // when !ok
};

// One sub-interpreter and its worker thread.
template <LockPolicy P>
struct Worker {
  int64_t id = 0;
  // The creator's settings.
  std::vector<std::string> argv, module_path, blocked_modules;
  std::function<void(std::string_view)> write_out, write_err;
  std::string main_file;  // the main script: functions of __main__ are found in it
  int req_fd = -1, done_fd = -1;  // eventfds: a request was posted / it is done
  std::mutex mu;
  Request* request = nullptr;  // posted, not yet taken (under mu)
  bool done = false;           // the last request is done (under mu)
  std::atomic<bool> busy{false};    // a caller owns it: a request in flight, or closing
  std::atomic<bool> closed{false};
  std::atomic<Interp<P>*> interp{nullptr};  // while it exists (Ctrl-C is passed on through it)
  pthread_t thread{};

  ~Worker() {
    if (req_fd >= 0) ::close(req_fd);
    if (done_fd >= 0) ::close(done_fd);
  }
};

// The sub-interpreters of policy P in this process. Never destroyed (workers
// may still run at exit); a forked child starts a new, empty one: the workers
// do not exist there, and a vanished thread may hold the old mutex.
template <LockPolicy P>
class Registry {
 public:
  static Registry& get() {
    static std::mutex mu;
    static Registry* r = nullptr;
    std::lock_guard lk(mu);
    if (!r || r->pid_ != ::getpid()) r = new Registry();
    return *r;
  }
  int64_t add(std::shared_ptr<Worker<P>> w) {
    std::lock_guard lk(mu_);
    w->id = next_id_++;
    live_[w->id] = std::move(w);
    return next_id_ - 1;
  }
  std::shared_ptr<Worker<P>> find(int64_t id) {
    std::lock_guard lk(mu_);
    auto it = live_.find(id);
    return it == live_.end() ? nullptr : it->second;
  }
  void remove(int64_t id) {
    std::lock_guard lk(mu_);
    live_.erase(id);
  }
  std::vector<int64_t> ids() {
    std::lock_guard lk(mu_);
    std::vector<int64_t> out;
    for (auto& [id, w] : live_) out.push_back(id);
    return out;
  }
  bool ever_created(int64_t id) {
    std::lock_guard lk(mu_);
    return id > 0 && id < next_id_;
  }
  // Which sub-interpreter an Interp is (none: the main one, id 0).
  void bind(const Interp<P>* in, std::shared_ptr<Worker<P>> w) {
    std::lock_guard lk(mu_);
    by_interp_[in] = std::move(w);
  }
  void unbind(const Interp<P>* in) {
    std::lock_guard lk(mu_);
    by_interp_.erase(in);
  }
  std::shared_ptr<Worker<P>> worker_of(const Interp<P>* in) {
    std::lock_guard lk(mu_);
    auto it = by_interp_.find(in);
    return it == by_interp_.end() ? nullptr : it->second;
  }

 private:
  std::mutex mu_;
  std::map<int64_t, std::shared_ptr<Worker<P>>> live_;
  std::map<const Interp<P>*, std::shared_ptr<Worker<P>>> by_interp_;
  int64_t next_id_ = 1;
  pid_t pid_ = ::getpid();
};

inline void notify(int fd) {
  uint64_t one = 1;
  (void)!::write(fd, &one, sizeof one);
}
inline void drain(int fd) {
  uint64_t n;
  (void)!::read(fd, &n, sizeof n);
}

// ---- values in, values out ------------------------------------------------------

// Deserializes in t's interpreter. A function or class of the main script
// arrives as __main__.name; a sub-interpreter's own __main__ is where its
// exec() code ran, so if the name is not there the main script is run once
// in it as the module __mp_main__ (its `if __name__ == "__main__":` part
// does not run), as multiprocessing's spawn does, and the value is read again
// with __main__ standing for __mp_main__.
template <LockPolicy P>
Value load_value(Thread<P>& t, std::string_view data) {
  Value v = deserialize(t, data);
  if (!v.is_null() || !exception_matches(t, t.types().AttributeError)) return v;
  auto w = Registry<P>::get().worker_of(&t.interp);
  if (!w || w->main_file.empty()) return v;
  Value first_error = fetch_exception(t);
  Ref<P> mp(dict_get_str_ref<P>(t.interp.modules, t.names().__mp_main__));
  if (mp.is_null()) {
    mp = Ref<P>(exec_module_file(t, "__mp_main__", w->main_file));
    if (mp.is_null()) {  // the script raised: that is the error to report
      decref<P>(first_error);
      return Value();
    }
  }
  decref<P>(first_error);
  Value key = Value::object(t.names().__main__);
  Ref<P> own(dict_get_str_ref<P>(t.interp.modules, t.names().__main__));
  if (dict_set(t, t.interp.modules, key, *mp) < 0) return Value();
  v = deserialize(t, data);
  Value err = fetch_exception(t);
  if (!own.is_null()) dict_set(t, t.interp.modules, key, *own);
  t.exc = err;
  return v;
}

// The pending exception, described for the caller's ExecutionFailed.
template <LockPolicy P>
void record_failure(Thread<P>& t, Request& r) {
  Value exc = fetch_exception(t);
  Ref<P> keep(exc);
  r.ok = false;
  TypeObject* type = exc.o->type;
  r.type_name = type->name->view();
  r.type_module = type->module_name ? std::string(type->module_name->view()) : "builtins";
  if (r.type_module == "__mp_main__") r.type_module = "__main__";
  Value s = to_str(t, exc);
  if (s.is_null()) {
    clear_exception(t);
    r.msg = "<exception str() failed>";
  } else {
    r.msg = as_str(s)->view();
    decref<P>(s);
  }
  r.formatted = exception_last_line(t, exc);
  // A class of the main script is __main__'s to the caller ("AppError: ...").
  if (r.type_module == "__main__" && r.formatted.starts_with("__mp_main__."))
    r.formatted.erase(0, sizeof("__mp_main__.") - 1);
  r.errdisplay = format_exception(t, exc);
}

// ---- the worker ---------------------------------------------------------------------

// Runs one request in the worker's interpreter (its lock held).
template <LockPolicy P>
void handle(Thread<P>& t, ModuleObject* main, Request& r) {
  switch (r.kind) {
    case Request::Exec: {
      Ref<P> code(compile_source(t, r.payload, "<string>", CompileMode::Exec));
      if (code.is_null()) break;
      Ref<P> res(run_code(t, static_cast<CodeObject*>(code->o), main->dict, nullptr));
      if (!res.is_null()) return;
      break;
    }
    case Request::Call: {
      Ref<P> msg(load_value(t, r.payload));  // (f, args, kwargs)
      if (msg.is_null()) break;
      TupleObject* m = as_tuple(*msg);
      DictObject* kwargs = is_kind(m->items[2], Kind::Dict) ? as_dict(m->items[2]) : nullptr;
      Ref<P> res(call_tuple_dict(t, m->items[0], as_tuple(m->items[1]), kwargs));
      if (res.is_null()) break;
      r.result.clear();
      if (serialize(t, *res, r.result)) return;
      break;
    }
    case Request::Prepare: {
      Ref<P> d(load_value(t, r.payload));
      if (d.is_null()) break;
      bool ok = true;
      for (const HashEntry& e : as_dict(*d)->table.entries)
        if (ok && !e.key.is_null() && dict_set(t, main->dict, e.key, e.value) < 0) ok = false;
      if (ok) return;
      break;
    }
    case Request::Close: return;
  }
  record_failure(t, r);
}

template <LockPolicy P>
void signal_done(Worker<P>& w) {
  {
    std::lock_guard lk(w.mu);
    w.done = true;
  }
  notify(w.done_fd);
}

// Idle: waits for the next request with the interpreter lock released (the
// interpreter's own threads run meanwhile). The wait is not sliced for Ctrl-C:
// none is passed on while no request runs. With no script thread of its
// own it is a plain poll(); under nolock with fibers it must let them run.
template <LockPolicy P>
Request* next_request(Thread<P>& t, Worker<P>& w) {
  for (;;) {
    {
      std::lock_guard lk(w.mu);
      if (w.request) return std::exchange(w.request, nullptr);
    }
    BlockingSection<P> unlocked(t);
    if (t.interp.threads.running() == 0) {
      io_detail::poll_fd(w.req_fd, false, IoDeadline(), nullptr);
    } else {
      t.is_main = false;
      wait_fd(t, w.req_fd, false, IoDeadline());
      t.is_main = true;
    }
    drain(w.req_fd);
  }
}

// What the end of a program does, before the teardown: wait for the
// non-daemon threads (threading._shutdown), and for the children of
// multiprocessing. Errors are printed and ignored.
template <LockPolicy P>
void run_exit_hooks(Thread<P>& t) {
  auto hook = [&](const char* module, const char* fn_name) {
    Value mod = dict_get_str<P>(t.interp.modules, intern(t.interp, module));
    if (mod.is_null() || !is_kind(mod, Kind::Module)) return;
    Value fn = dict_get_str<P>(static_cast<ModuleObject*>(mod.o)->dict, intern(t.interp, fn_name));
    if (fn.is_null()) return;
    Ref<P> keep(share<P>(fn));
    Ref<P> r(call(t, fn, nullptr, 0));
    if (r.is_null()) {
      Value exc = fetch_exception(t);
      if (t.interp.write_err) t.interp.write_err(format_exception(t, exc));
      decref<P>(exc);
    }
  };
  hook("threading", "_shutdown");
  wait_for_thread_exits(t);
  hook("multiprocessing", "_exit_function");
}

// The worker thread: constructs the interpreter (binding its collector to
// this thread), serves requests until Close, tears it down.
template <LockPolicy P>
void worker_main(const std::shared_ptr<Worker<P>>& w) {
  auto in = std::make_unique<Interp<P>>();
  in->argv = w->argv;
  in->module_path = w->module_path;
  in->blocked_modules = w->blocked_modules;  // a host's sandbox holds in every interpreter
  in->write_out = w->write_out;
  in->write_err = w->write_err;
  if constexpr (requires { P::thread_start(&in->eval_breaker, kBreakMerge); })
    P::thread_start(&in->eval_breaker, kBreakMerge);  // biased RC: objects queued to this thread
  bool leaked = false;
  {
    Thread<P> t(*in);
    t.is_main = true;  // the interpreter's main thread: a Ctrl-C passed on is raised here
    t.ident = P::Threads::current_id();
    bootstrap(t);  // ends holding the interpreter lock
    Value mod = new_module(t, "__main__");
    auto* main = static_cast<ModuleObject*>(mod.o);
    Value b = new_str(t, "builtins");
    dict_set(t, main->dict, Value::object(t.names().__builtins__), b);
    decref<P>(b);
    dict_set(t, in->modules, Value::object(t.names().__main__), mod);
    Registry<P>::get().bind(in.get(), w);
    w->interp.store(in.get(), std::memory_order_release);
    signal_done(*w);  // create() returns
    for (;;) {
      Request* r = next_request(t, *w);
      if (r->kind == Request::Close) break;
      in->eval_breaker.fetch_and(~kBreakInterrupt, std::memory_order_relaxed);  // one passed on too late
      handle(t, main, *r);
      signal_done(*w);
    }
    in->eval_breaker.fetch_and(~kBreakInterrupt, std::memory_order_relaxed);
    run_exit_hooks(t);
    w->interp.store(nullptr, std::memory_order_release);
    if (in->threads.running() > 0) {
      // Daemon threads still use the objects: they cannot be freed under them.
      in->write_err("lockvm: interpreter " + std::to_string(w->id) +
                    " closed with daemon threads running; its objects are leaked\n");
      leaked = true;
    } else {
      decref<P>(mod);
      teardown(t);
    }
  }
  in->lock.release();
  Registry<P>::get().unbind(in.get());
  if (leaked) (void)in.release();
  else in.reset();
  if constexpr (requires { P::any_pending(); })  // biased RC: this owner is gone
    P::thread_exit([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
  LiveObjects::flush();
  PolicyStatsRegistry::flush();
  signal_done(*w);  // close() returns
}

template <LockPolicy P>
void* worker_entry(void* p) {
  std::unique_ptr<std::shared_ptr<Worker<P>>> w(static_cast<std::shared_ptr<Worker<P>>*>(p));
  worker_main(*w);
  return nullptr;
}

// ---- the caller's side --------------------------------------------------------------

// Waits, as a blocking call, until the worker has answered. A Ctrl-C seen
// meanwhile is passed on to the interpreter; returns true if there was one.
template <LockPolicy P>
bool wait_done(Thread<P>& t, Worker<P>& w) {
  bool interrupted = false;
  BlockingSection<P> unlocked(t);
  for (;;) {
    {
      std::lock_guard lk(w.mu);
      if (w.done) break;
    }
    if (wait_fd(t, w.done_fd, false, IoDeadline()) == WaitResult::Interrupted) {
      interrupted = true;
      t.interp.eval_breaker.fetch_and(~kBreakInterrupt, std::memory_order_relaxed);
      if (Interp<P>* in = w.interp.load(std::memory_order_acquire))
        in->eval_breaker.fetch_or(kBreakInterrupt, std::memory_order_relaxed);
    }
    drain(w.done_fd);
  }
  return interrupted;
}

// Posts r to the worker (which the caller owns: busy) and waits for it.
template <LockPolicy P>
bool run_request(Thread<P>& t, Worker<P>& w, Request& r) {
  {
    std::lock_guard lk(w.mu);
    w.request = &r;
    w.done = false;
  }
  notify(w.req_fd);
  return !wait_done(t, w);
}

// Closes a worker the caller owns (busy): its interpreter is torn down on
// its thread, which then ends. False on Ctrl-C (it is closed all the same).
template <LockPolicy P>
bool close_worker(Thread<P>& t, const std::shared_ptr<Worker<P>>& w) {
  w->closed.store(true, std::memory_order_release);
  Registry<P>::get().remove(w->id);
  Request r{Request::Close};
  bool ok = run_request(t, *w, r);
  BlockingSection<P> unlocked(t);
  ::pthread_join(w->thread, nullptr);  // it has signalled its last step
  return ok;
}

template <LockPolicy P>
int64_t current_id(Thread<P>& t) {
  auto w = Registry<P>::get().worker_of(&t.interp);
  return w ? w->id : 0;
}

// The main script of the calling interpreter, if it is a file.
template <LockPolicy P>
std::string main_file_of(Thread<P>& t) {
  if (auto w = Registry<P>::get().worker_of(&t.interp)) return w->main_file;
  Value mod = dict_get_str<P>(t.interp.modules, t.names().__main__);
  if (mod.is_null() || !is_kind(mod, Kind::Module)) return "";
  Value file = dict_get_str<P>(static_cast<ModuleObject*>(mod.o)->dict, t.names().__file__);
  if (!is_str(file)) return "";
  std::string path(as_str(file)->view());
  return file_exists(path) ? path : "";
}

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
