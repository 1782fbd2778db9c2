// Sub-interpreters on worker threads: the machinery of the `_interpreters`
// module (runtime/modules_interpreters.hpp), which is its Python face.
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
#pragma once

#include <pthread.h>
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
#include "runtime/io_wait.hpp"
#include "runtime/per_process.hpp"
#include "runtime/modules_import.hpp"
#include "runtime/serialize.hpp"

namespace lockvm::rt {

template <LockPolicy P> void bootstrap(Thread<P>& t);  // runtime/bootstrap.hpp
template <LockPolicy P> void teardown(Thread<P>& t);

namespace xi {

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
  static Registry& get() { return per_process_instance<Registry>(); }
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

}  // namespace xi
}  // namespace lockvm::rt
