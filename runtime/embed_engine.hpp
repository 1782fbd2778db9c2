// Engine<P> (runtime/embed_impl.hpp): entering the interpreter from a host
// thread, running code, reading and making values, limits and the sandbox.
#pragma once

namespace lockvm::rt::embedding {

inline std::atomic<uint64_t> next_engine_serial{1};

// Modules a host must enable (Options::modules, Interpreter::enable): every
// module that reaches outside the interpreter or starts threads, and those
// that only make sense with them. "threading" and "queue" come with "_thread".
inline const char* const kOptionalModules[] = {
    "math", "random", "time", "sys", "gc", "_thread", "threading", "queue", "socket", "os", "signal",
    // processes (issue 5): enabled together, see enable()
    "_multiprocessing", "_serialize", "multiprocessing", "multiprocessing.pool", "concurrent",
    "concurrent.futures", "concurrent.futures.process", "concurrent.futures.thread",
    // isolated interpreters (issue 5): each one a thread of its own
    "_interpreters", "interpreters"};

// Enters the interpreter for one API call: this thread's Thread<P>, the
// policy's gate (unless this thread is already past it: a host function
// calling back), and this interpreter's cycle collector and heap meter bound
// to the thread.
template <LockPolicy P>
class Engine<P>::Entry {
 public:
  explicit Entry(Engine& e) : e_(e), h_(e.this_thread()), took_(!h_.holding), gc_(e.in_->gc) {
    if (took_) {
      e_.gate_acquire();
      h_.holding = true;
    }
    saved_meter_ = std::exchange(HeapMeter::current, e.in_->limits.heap.limit ? &e.in_->limits.heap : nullptr);
  }
  ~Entry() {
    HeapMeter::current = saved_meter_;
    if (!took_) return;
    if constexpr (requires { P::any_pending(); }) {  // biased RC: objects other threads queued to this one
      if (P::any_pending()) P::merge_queued([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
    }
    LiveObjects::flush();
    h_.holding = false;
    e_.gate_release();
  }
  Entry(const Entry&) = delete;
  Entry& operator=(const Entry&) = delete;
  Thread<P>& t() { return h_.running ? *h_.running : *h_.t; }
  HostThread& host() { return h_; }

 private:
  Engine& e_;
  HostThread& h_;
  bool took_;
  typename GcState<P>::Binding gc_;
  HeapMeter* saved_meter_;
};

template <LockPolicy P>
class Engine<P>::InHostFunction {
 public:
  InHostFunction(Engine& e, Thread<P>& t)
      : h_(e.this_thread()), running_(std::exchange(h_.running, &t)), holding_(std::exchange(h_.holding, true)) {}
  ~InHostFunction() {
    h_.running = running_;
    h_.holding = holding_;
  }
  InHostFunction(const InHostFunction&) = delete;
  InHostFunction& operator=(const InHostFunction&) = delete;

 private:
  HostThread& h_;
  Thread<P>* running_;
  bool holding_;
};

// An outermost host call (exec, eval, call) arms the limits; nested ones
// (a host function calling back) run under the same budget.
template <LockPolicy P>
class Engine<P>::HostCall {
 public:
  HostCall(Interp<P>& in, HostThread& h) : in_(in), h_(h) {
    if (h_.calls++ > 0) return;
    ExecLimits& l = in_.limits;
    l.count_ticks = l.max_ticks > 0;
    l.ticks_left = l.max_ticks;
    l.has_deadline = l.max_seconds > 0;
    l.clock_skip = 0;
    l.expired = false;
    if (l.has_deadline)
      l.deadline = std::chrono::steady_clock::now() +
                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(l.max_seconds));
    if (l.count_ticks || l.has_deadline) in_.eval_breaker.fetch_or(kBreakLimit, std::memory_order_relaxed);
  }
  ~HostCall() {
    if (--h_.calls > 0) return;
    in_.limits.count_ticks = in_.limits.has_deadline = false;
    in_.eval_breaker.fetch_and(~kBreakLimit, std::memory_order_relaxed);
  }

 private:
  Interp<P>& in_;
  HostThread& h_;
};

template <LockPolicy P>
Engine<P>::Engine(const E::Options& opts) : in_(std::make_unique<Interp<P>>()), serial_(next_engine_serial++) {
  in_->argv = opts.argv;
  in_->module_path = opts.module_path;
  in_->write_out = opts.out ? opts.out : [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); };
  in_->write_err = opts.err ? opts.err : [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stderr); };
  for (const char* m : kOptionalModules) in_->blocked_modules.push_back(m);
  for (const std::string& m : opts.modules) enable(m);
  in_->limits.heap.breaker = &in_->eval_breaker;
  in_->limits.heap.bit = kBreakLimit;
  apply_limits(opts.max_ticks, opts.max_seconds, opts.max_heap_bytes, opts.max_recursion);
  // The creating thread bootstraps; bootstrap() ends holding the interpreter
  // lock, which the first Entry's gate then owns.
  this_thread().t->is_main = true;  // Ctrl-C (interrupt) goes to the creating thread
  alive_.store(true, std::memory_order_release);
  Entry en(*this);
  Thread<P>& t = en.t();
  if constexpr (gate_of<P>() != Gate::Exclusive) in_->lock.release();  // bootstrap takes it again
  rt::bootstrap(t);
  Value mod = rt::new_module(t, "__main__");
  main_ = static_cast<ModuleObject*>(mod.o);
  Value b = rt::new_str(t, "builtins");
  rt::dict_set(t, main_->dict, Value::object(t.names().__builtins__), b);
  lockvm::decref<P>(b);
  rt::dict_set(t, in_->modules, Value::object(t.names().__main__), mod);
  in_->limits.heap.used = 0;  // the heap limit is on what scripts allocate, not the built-in world
}

template <LockPolicy P>
void Engine<P>::shutdown() {
  if (!alive_.exchange(false, std::memory_order_acq_rel)) return;  // Values' references are now no-ops
  bool leak = false;
  {
    Entry en(*this);
    Thread<P>& t = en.t();
    join_script_threads(t);
    rt::close_all_interpreters(t);  // the sub-interpreters its scripts created
    if (in_->threads.running() > 0) {
      // Daemon threads still use the objects: they cannot be freed under them.
      in_->write_err("lockvm: interpreter destroyed with daemon threads running; its objects are leaked\n");
      leak = true;
    }
    if (!leak) {
      std::lock_guard lk(threads_mu_);
      for (auto& [id, h] : threads_) {
        clear_exception(*h->t);
        lockvm::decref<P>(std::exchange(h->t->handled, Value()));
      }
      for (auto& b : bindings_)
        for (Value& d : b->defaults) lockvm::decref<P>(std::exchange(d, Value()));
      lockvm::decref<P>(Value::object(main_));
      rt::teardown(t);
    }
  }
  if (leak) {
    (void)in_.release();  // the daemon threads' interpreter stays as it is
    return;
  }
  threads_.clear();
  in_.reset();
  LiveObjects::flush();
}

// ---- threads and the gate ---------------------------------------------------

// Before teardown, as at the end of a program: threading._shutdown() joins
// the non-daemon script threads, then they finish their last C++ steps.
template <LockPolicy P>
void Engine<P>::join_script_threads(Thread<P>& t) {
  if (in_->threads.running() == 0) return;
  Value threading = dict_get_str<P>(in_->modules, intern(*in_, "threading"));
  if (is_kind(threading, Kind::Module)) {
    Value fn = dict_get_str<P>(static_cast<ModuleObject*>(threading.o)->dict, intern(*in_, "_shutdown"));
    if (!fn.is_null()) {
      Ref<P> keep(share<P>(fn));
      Value r = rt::call(t, fn, nullptr, 0);
      if (r.is_null()) clear_exception(t);
      lockvm::decref<P>(r);
    }
  }
  rt::wait_for_thread_exits(t);
}

template <LockPolicy P>
typename Engine<P>::HostThread& Engine<P>::this_thread() {
  if (!in_) throw E::Error("RuntimeError", "lockvm: the interpreter was destroyed");
  // Keyed by the policy's thread id: under fibers (NoLock) each script thread
  // is a fiber of its own on the OS thread.
  uint64_t id = P::Threads::current_id();
  struct Cached {
    uint64_t serial, id;
    HostThread* h;
  };
  thread_local std::vector<Cached> cache;
  for (const Cached& c : cache)
    if (c.serial == serial_ && c.id == id) return *c.h;
  std::lock_guard lk(threads_mu_);
  auto& slot = threads_[id];
  if (!slot) {
    slot = std::make_unique<HostThread>();
    slot->t = std::make_unique<Thread<P>>(*in_);
    slot->t->ident = P::Threads::current_id();
    if constexpr (requires { P::thread_start(&in_->eval_breaker, kBreakMerge); })
      P::thread_start(&in_->eval_breaker, kBreakMerge);  // biased RC: where other threads queue our objects
  }
  if (cache.size() > 16) cache.erase(cache.begin());  // engines long gone
  cache.push_back({serial_, id, slot.get()});
  if constexpr (requires { P::any_pending(); }) {
    // Biased RC: when this OS thread exits, the objects it owns must be handed
    // over (P::thread_exit), or references dropped later by other threads
    // would wait forever in its queue. Declared after `cache`, so destroyed
    // before it.
    struct ExitHook {
      std::vector<std::weak_ptr<ED::Core>> engines;
      ~ExitHook() {
        for (auto& w : engines)
          if (auto c = w.lock()) static_cast<Engine*>(c.get())->host_thread_exit();
      }
    };
    thread_local ExitHook hook;
    hook.engines.push_back(weak_from_this());  // empty in the constructor: the creating thread is not hooked
  }
  return *slot;
}

template <LockPolicy P>
void Engine<P>::host_thread_exit() noexcept {
  if (!alive()) return;
  try {
    Entry en(*this);
    if constexpr (requires { P::any_pending(); })
      P::thread_exit([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
  } catch (const std::exception&) {
  }
}

template <LockPolicy P>
void Engine<P>::gate_acquire() {
  if constexpr (gate_of<P>() == Gate::Exclusive) {
    std::thread::id none{};
    if (!owner_.compare_exchange_strong(none, std::this_thread::get_id()))
      throw E::Error("RuntimeError",
                     "lockvm: this NoLock interpreter is in use by another host thread; NoLock allows one host "
                     "thread at a time (use GlobalLock to share an interpreter between threads)");
  } else if constexpr (gate_of<P>() == Gate::Gil) {
    in_->lock.acquire();
  } else {
    // Host calls take turns; the caller then attaches like a script thread,
    // so that a stop-the-world pause (policies/stop_the_world.hpp) waits for it.
    host_mu_.lock();
    in_->lock.acquire();
  }
}

template <LockPolicy P>
void Engine<P>::gate_release() {
  if constexpr (gate_of<P>() == Gate::Exclusive) owner_.store(std::thread::id{});
  else if constexpr (gate_of<P>() == Gate::Gil) in_->lock.release();
  else {
    in_->lock.release();
    host_mu_.unlock();
  }
}

// A thread-safe host function runs outside the gate: other host threads (and,
// under the GIL, script threads) go on meanwhile.
template <LockPolicy P>
class Engine<P>::Unlocked {
 public:
  explicit Unlocked(Engine& e) : e_(e), h_(e.this_thread()) {
    if (h_.holding) {
      h_.holding = false;
      e_.gate_release();
    }
  }
  ~Unlocked() {
    e_.gate_acquire();
    h_.holding = true;
  }

 private:
  Engine& e_;
  HostThread& h_;
};

template <LockPolicy P>
std::shared_ptr<void> Engine<P>::unlock() {
  if constexpr (gate_of<P>() == Gate::Exclusive) return nullptr;  // nothing else may run anyway
  else return std::make_shared<Unlocked>(*this);
}

// ---- errors -------------------------------------------------------------------

template <LockPolicy P>
void Engine<P>::throw_pending(Thread<P>& t) {
  Value exc = fetch_exception(t);
  E::Value keep = own(exc);
  std::string type(exc.o->type->name->view());
  std::string message;
  Value s = to_str(t, exc);
  if (s.is_null()) clear_exception(t);
  else message = std::string(as_str(s)->view());
  lockvm::decref<P>(s);
  std::string tb = format_exception(t, exc);
  throw E::Error(std::move(type), std::move(message), std::move(tb), std::move(keep));
}

template <LockPolicy P>
Value Engine<P>::in(const E::Value& v) {
  if (v.is_object() && v.core().get() != this) throw E::Error("ValueError", "a Value of another interpreter");
  return from_raw(v.raw());
}

// ---- references and reading values ----------------------------------------------

template <LockPolicy P>
void Engine<P>::incref(ED::Raw v) noexcept {
  if (!alive()) return;
  try {
    Entry en(*this);
    lockvm::incref<P>(from_raw(v));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lockvm: a Value was copied from the wrong thread (%s); std::terminate\n", e.what());
    std::terminate();  // a missing reference would be a use after free later
  }
}

template <LockPolicy P>
void Engine<P>::decref(ED::Raw v) noexcept {
  if (!alive()) return;  // freed by the interpreter's teardown
  try {
    Entry en(*this);
    lockvm::decref<P>(from_raw(v));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lockvm: a Value was dropped from the wrong thread (%s); the object is leaked\n", e.what());
  }
}

template <LockPolicy P>
ED::Shape Engine<P>::shape(ED::Raw r) {
  Value v = from_raw(r);
  if (!v.is_obj()) return v.is_int() ? ED::Shape::Int : v.is_float() ? ED::Shape::Float : v.is_bool() ? ED::Shape::Bool : ED::Shape::None;
  switch (v.o->kind) {
    case Kind::Str: return ED::Shape::Str;
    case Kind::Bytes: return ED::Shape::Bytes;
    case Kind::BigInt: return ED::Shape::BigInt;
    case Kind::List: return ED::Shape::List;
    case Kind::Tuple: return ED::Shape::Tuple;
    case Kind::Dict: return ED::Shape::Dict;
    case Kind::Set:
    case Kind::FrozenSet: return ED::Shape::Set;
    case Kind::HostData: return ED::Shape::HostObject;
    default: return ED::Shape::Other;
  }
}

template <LockPolicy P>
std::string Engine<P>::type_name(ED::Raw r) {
  Entry en(*this);
  return std::string(rt::type_name(en.t(), from_raw(r)));
}

template <LockPolicy P>
std::string_view Engine<P>::str_view(ED::Raw r) {
  Value v = from_raw(r);
  if (!is_str(v)) throw ED::ConversionError("must be str");
  return as_str(v)->view();  // immutable: no lock needed to read it
}

template <LockPolicy P>
size_t Engine<P>::length(ED::Raw r) {
  Entry en(*this);
  Value v = from_raw(r);
  if (is_kind(v, Kind::List)) return as_list(v)->items.size();
  if (is_kind(v, Kind::Tuple)) return as_tuple(v)->size;
  if (is_kind(v, Kind::Dict)) return as_dict(v)->table.used;
  throw E::Error("TypeError", "object has no length here");
}

template <LockPolicy P>
E::Value Engine<P>::item(ED::Raw r, size_t i) {
  Entry en(*this);
  Value v = from_raw(r);
  if (is_kind(v, Kind::List) && i < as_list(v)->items.size()) return own(share<P>(as_list(v)->items[i]));
  if (is_kind(v, Kind::Tuple) && i < as_tuple(v)->size) return own(share<P>(as_tuple(v)->items[i]));
  throw ED::ConversionError("changed size during conversion");
}

template <LockPolicy P>
std::vector<std::pair<E::Value, E::Value>> Engine<P>::dict_items(ED::Raw r) {
  Entry en(*this);
  std::vector<std::pair<E::Value, E::Value>> out;
  for (const HashEntry& e : as_dict(from_raw(r))->table.entries)
    if (!e.key.is_null()) out.emplace_back(own(share<P>(e.key)), own(share<P>(e.value)));
  return out;
}

template <LockPolicy P>
std::string Engine<P>::text(ED::Raw r, bool as_repr) {
  Entry en(*this);
  Thread<P>& t = en.t();
  Value s = as_repr ? rt::repr(t, from_raw(r)) : rt::to_str(t, from_raw(r));
  if (s.is_null()) throw_pending(t);
  std::string out(as_str(s)->view());
  lockvm::decref<P>(s);
  return out;
}

template <LockPolicy P>
bool Engine<P>::truthy(ED::Raw r) {
  Entry en(*this);
  int b = rt::truthy(en.t(), from_raw(r));
  if (b < 0) throw_pending(en.t());
  return b != 0;
}

// ---- making values --------------------------------------------------------------

template <LockPolicy P>
E::Value Engine<P>::make_str(std::string_view s) {
  Entry en(*this);
  return own(rt::new_str(en.t(), s));
}

template <LockPolicy P>
E::Value Engine<P>::make_seq(std::span<const E::Value> items, bool tuple) {
  std::vector<Value> vals;
  vals.reserve(items.size());
  for (const E::Value& x : items) vals.push_back(in(x));
  Entry en(*this);
  return own(tuple ? rt::new_tuple(en.t(), vals.data(), vals.size()) : rt::new_list(en.t(), vals.data(), vals.size()));
}

template <LockPolicy P>
E::Value Engine<P>::make_dict(std::span<const std::pair<E::Value, E::Value>> items) {
  Entry en(*this);
  Thread<P>& t = en.t();
  Ref<P> d(rt::new_dict(t));
  for (const auto& [k, v] : items)
    if (rt::dict_set(t, as_dict(*d), in(k), in(v)) < 0) throw_pending(t);
  return own(d.release());
}

// ---- running code ------------------------------------------------------------------

template <LockPolicy P>
void Engine<P>::exec(std::string_view source, std::string_view filename) {
  Entry en(*this);
  HostCall hc(*in_, en.host());
  Thread<P>& t = en.t();
  Ref<P> code(rt::compile_source(t, source, filename, CompileMode::Exec));
  if (code.is_null()) throw_pending(t);
  Value r = rt::run_code(t, static_cast<CodeObject*>(code->o), main_->dict, nullptr);
  if (r.is_null()) throw_pending(t);
  lockvm::decref<P>(r);
}

template <LockPolicy P>
void Engine<P>::exec_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw E::Error("FileNotFoundError", "No such file: '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  exec(ss.str(), path);
}

template <LockPolicy P>
E::Value Engine<P>::eval(std::string_view expr) {
  Entry en(*this);
  HostCall hc(*in_, en.host());
  Thread<P>& t = en.t();
  Ref<P> code(rt::compile_source(t, expr, "<eval>", CompileMode::Eval));
  if (code.is_null()) throw_pending(t);
  Value r = rt::run_code(t, static_cast<CodeObject*>(code->o), main_->dict, nullptr);
  if (r.is_null()) throw_pending(t);
  return own(r);
}

template <LockPolicy P>
E::Value Engine<P>::call(ED::Raw f, std::span<const E::Value> args,
                         std::span<const std::pair<std::string, E::Value>> kwargs) {
  std::vector<Value> argv;
  for (const E::Value& a : args) argv.push_back(in(a));
  for (const auto& kv : kwargs) argv.push_back(in(kv.second));
  Entry en(*this);
  HostCall hc(*in_, en.host());
  Thread<P>& t = en.t();
  Ref<P> names;
  if (!kwargs.empty()) {
    std::vector<Value> keys;
    for (const auto& kv : kwargs) keys.push_back(Value::object(intern(*in_, kv.first)));
    names = Ref<P>(rt::new_tuple(t, keys.data(), keys.size()));
  }
  Value r = rt::call(t, from_raw(f), argv.data(), args.size(), names.is_null() ? nullptr : as_tuple(*names));
  if (r.is_null()) throw_pending(t);
  return own(r);
}

template <LockPolicy P>
E::Value Engine<P>::getattr(ED::Raw obj, std::string_view name) {
  Entry en(*this);
  Value r = rt::getattr(en.t(), from_raw(obj), intern(*in_, name));
  if (r.is_null()) throw_pending(en.t());
  return own(r);
}

template <LockPolicy P>
void Engine<P>::setattr(ED::Raw obj, std::string_view name, const E::Value& v) {
  Value x = in(v);
  Entry en(*this);
  if (rt::setattr(en.t(), from_raw(obj), intern(*in_, name), x) < 0) throw_pending(en.t());
}

template <LockPolicy P>
E::Value Engine<P>::get_global(std::string_view name) {
  Entry en(*this);
  StrObject* key = intern(*in_, name);
  Value v = dict_get_str<P>(main_->dict, key);
  if (v.is_null()) v = dict_get_str<P>(in_->builtins, key);
  if (v.is_null()) throw E::Error("NameError", "name '" + std::string(name) + "' is not defined");
  return own(share<P>(v));
}

template <LockPolicy P>
void Engine<P>::set_global(std::string_view name, const E::Value& v) {
  Value x = in(v);
  Entry en(*this);
  if (rt::dict_set(en.t(), main_->dict, Value::object(intern(*in_, name)), x) < 0) throw_pending(en.t());
}

template <LockPolicy P>
bool Engine<P>::has_global(std::string_view name) {
  Entry en(*this);
  return !dict_get_str<P>(main_->dict, intern(*in_, name)).is_null();
}

// ---- sandbox and limits -------------------------------------------------------------

template <LockPolicy P>
void Engine<P>::enable(std::string_view module) {
  auto& blocked = in_->blocked_modules;
  auto unblock = [&](std::string_view m) { std::erase(blocked, std::string(m)); };
  bool known = false;
  for (const char* m : kOptionalModules) known |= module == m;
  if (!known) throw E::Error("ValueError", "lockvm: no built-in module '" + std::string(module) + "' to enable");
  unblock(module);
  // The thread modules come together: threading and queue are Python on top of _thread.
  // threading also needs sys (sys.exc_info, excepthook).
  if (module == "_thread" || module == "threading" || module == "queue")
    for (const char* m : {"_thread", "threading", "queue", "sys"}) unblock(m);
  // multiprocessing and concurrent.futures are Python on top of _multiprocessing,
  // _serialize, os, signal and the thread modules.
  if (module.starts_with("multiprocessing") || module.starts_with("concurrent") || module == "_multiprocessing")
    for (const char* m : {"_multiprocessing", "_serialize", "multiprocessing", "multiprocessing.pool", "concurrent",
                          "concurrent.futures", "concurrent.futures.process", "concurrent.futures.thread", "os",
                          "signal", "_thread", "threading", "queue", "sys", "time"})
      unblock(m);
  // interpreters is Python on top of _interpreters and the thread modules.
  if (module == "interpreters" || module == "_interpreters")
    for (const char* m : {"_interpreters", "interpreters", "_thread", "threading", "queue", "sys"})
      unblock(m);
}

template <LockPolicy P>
void Engine<P>::set_output(std::function<void(std::string_view)> out, std::function<void(std::string_view)> err) {
  Entry en(*this);
  if (out) in_->write_out = std::move(out);
  if (err) in_->write_err = std::move(err);
}

template <LockPolicy P>
void Engine<P>::set_limits(uint64_t max_ticks, double max_seconds, size_t max_heap_bytes, int max_recursion) {
  Entry en(*this);  // script threads read them
  apply_limits(max_ticks, max_seconds, max_heap_bytes, max_recursion);
}

template <LockPolicy P>
void Engine<P>::apply_limits(uint64_t max_ticks, double max_seconds, size_t max_heap_bytes, int max_recursion) {
  ExecLimits& l = in_->limits;
  l.max_ticks = max_ticks;
  l.max_seconds = max_seconds;
  l.heap.limit = static_cast<int64_t>(max_heap_bytes);
  in_->recursion_limit = max_recursion > 0 ? max_recursion : 1000;
}

}  // namespace lockvm::rt::embedding

#include "runtime/embed_bind.hpp"
