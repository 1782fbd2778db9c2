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
      if constexpr (requires { P::attach_thread(); })
        if (!h_.counted && P::current_thread() != e_.creator_) [[unlikely]] e_.count_thread(h_);
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

// An outermost host call (exec, eval, call) arms a tick and time budget of
// its own on the thread state that runs it (Thread::budget, checked by
// check_limits in vm/eval.hpp); nested ones (a host function calling back)
// run under the same budget. Host threads running at once (free-threaded
// policies) each have their own budget: one tripping does not stop another.
template <LockPolicy P>
class Engine<P>::HostCall {
 public:
  HostCall(Interp<P>& in, Thread<P>& t) : in_(in), t_(t) {
    ExecLimits& l = in_.limits;
    if (t_.budget || (l.max_ticks == 0 && l.max_seconds <= 0)) return;
    b_.max_ticks = l.max_ticks;
    b_.max_seconds = l.max_seconds;
    b_.count_ticks = l.max_ticks > 0;
    b_.ticks_left = l.max_ticks;
    b_.has_deadline = l.max_seconds > 0;
    if (b_.has_deadline)
      b_.deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(l.max_seconds));
    t_.budget = &b_;
    // Counted before the bit is set: check_limits clears the bit only when
    // it finds no budget armed (and looks again after clearing it).
    l.armed.fetch_add(1, std::memory_order_seq_cst);
    in_.eval_breaker.fetch_or(kBreakLimit, std::memory_order_seq_cst);
  }
  ~HostCall() {
    if (t_.budget != &b_) return;
    t_.budget = nullptr;
    in_.limits.armed.fetch_sub(1, std::memory_order_seq_cst);  // the next check clears the bit if it was the last
  }
  HostCall(const HostCall&) = delete;
  HostCall& operator=(const HostCall&) = delete;

 private:
  Interp<P>& in_;
  Thread<P>& t_;
  ExecBudget b_;
};

template <LockPolicy P>
Engine<P>::Engine(const E::Options& opts) : in_(std::make_unique<Interp<P>>()), serial_(next_engine_serial++) {
  in_->argv = opts.argv;
  in_->module_path = opts.module_path;
  in_->write_out = opts.out ? opts.out : [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); };
  in_->write_err = opts.err ? opts.err : [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stderr); };
  for (const char* m : kOptionalModules) in_->blocked_modules.push_back(m);
  for (const std::string& m : opts.modules) enable_module(m);
  in_->limits.heap.breaker = &in_->eval_breaker;
  in_->limits.heap.bit = kBreakLimit;
  apply_limits(opts.max_ticks, opts.max_seconds, opts.max_heap_bytes, opts.max_recursion);
  if constexpr (requires { P::attach_thread(); }) creator_ = P::current_thread();
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
  {
    // A host thread exiting right now (host_thread_exit) finishes first.
    std::unique_lock lk(threads_mu_);
    exited_.wait(lk, [&] { return exiting_ == 0; });
  }
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
      std::lock_guard bl(bindings_mu_);
      for (auto& b : bindings_)
        for (Value& d : b->defaults) lockvm::decref<P>(std::exchange(d, Value()));
      lockvm::decref<P>(Value::object(main_));
      rt::teardown(t);
    }
  }
  {
    // The host threads counted as running threads (BiasedRC) will not touch
    // this interpreter's objects again; their links now fail (in_ is null).
    std::lock_guard lk(threads_mu_);
    for (auto& [id, h] : threads_)
      if (std::exchange(h->counted, false)) {
        if constexpr (requires { P::detach_thread(); }) P::detach_thread();
      }
    if (leak) {
      (void)in_.release();  // the daemon threads' interpreter stays as it is
      return;
    }
    threads_.clear();
  }
  in_.reset();
  LiveObjects::flush();
}

// ---- threads and the gate ---------------------------------------------------

// Before teardown, as at the end of a program: threading._shutdown() joins
// the non-daemon script threads, then they finish their last C++ steps.
template <LockPolicy P>
void Engine<P>::join_script_threads(Thread<P>& t) {
  if (in_->threads.running() == 0) return;
  Ref<P> threading(dict_get_str_ref<P>(in_->modules, intern(*in_, "threading")));
  if (is_kind(*threading, Kind::Module)) {
    Ref<P> fn(dict_get_str_ref<P>(static_cast<ModuleObject*>(threading->o)->dict, intern(*in_, "_shutdown")));
    if (!fn.is_null()) {
      Value r = rt::call(t, *fn, nullptr, 0);
      if (r.is_null()) clear_exception(t);
      lockvm::decref<P>(r);
    }
  }
  rt::wait_for_thread_exits(t);
}

// This thread's links to the engines it entered: a trivially destructible
// thread_local pointer, so that it can still be read (as null) while the
// thread's other thread_locals are destroyed.
template <LockPolicy P>
typename Engine<P>::Links*& Engine<P>::tl_links() {
  thread_local Links* links = nullptr;
  return links;
}
template <LockPolicy P>
bool& Engine<P>::tl_exited() {
  thread_local bool exited = false;
  return exited;
}

// When an OS thread that entered engines exits: each engine still alive
// forgets its state (host_thread_exit), and under BiasedRC gets the objects
// the thread owns handed over and its count dropped.
template <LockPolicy P>
struct Engine<P>::ExitHook {
  ~ExitHook() {
    tl_exited() = true;
    Links* links = std::exchange(tl_links(), nullptr);
    if (!links) return;
    for (const Link& l : links->v)
      if (auto c = l.engine.lock()) static_cast<Engine*>(c.get())->host_thread_exit(l.id);
    delete links;
  }
};

template <LockPolicy P>
typename Engine<P>::HostThread& Engine<P>::this_thread() {
  if (!in_) throw E::Error("RuntimeError", "lockvm: the interpreter was destroyed");
  // Keyed by the policy's thread id: under fibers (NoLock) each script thread
  // is a fiber of its own on the OS thread.
  uint64_t id = P::Threads::current_id();
  if (Links* links = tl_links())
    for (const Link& l : links->v)
      if (l.serial == serial_ && l.id == id) return *l.h;
  return link_thread(id);
}

// The first entry of a thread (or fiber) into this engine.
template <LockPolicy P>
typename Engine<P>::HostThread& Engine<P>::link_thread(uint64_t id) {
  HostThread* h;
  {
    std::lock_guard lk(threads_mu_);
    auto& slot = threads_[id];
    if (!slot) {
      slot = std::make_unique<HostThread>();
      slot->t = std::make_unique<Thread<P>>(*in_);
      slot->t->ident = id;
      if constexpr (requires { P::thread_start(&in_->eval_breaker, kBreakMerge); })
        P::thread_start(&in_->eval_breaker, kBreakMerge);  // biased RC: where other threads queue our objects
    } else if constexpr (!P::Threads::kFibers) {
      // A thread id is reused once its thread has exited: the state of a
      // thread this engine did not see exit (it exited while the engine was
      // busy shutting down, say) serves the new thread, on another stack.
      slot->t->stack_limit = os_thread_stack_limit();
      if constexpr (requires { P::thread_start(&in_->eval_breaker, kBreakMerge); })
        P::thread_start(&in_->eval_breaker, kBreakMerge);
    }
    h = slot.get();
  }
  if (tl_exited()) return *h;  // the thread is exiting (ExitHook): its links are gone
  Links*& links = tl_links();
  if (!links) {
    links = new Links;
    thread_local ExitHook hook;  // constructed now, after `links`: destroyed at the thread's exit
    (void)hook;
  }
  std::erase_if(links->v, [](const Link& l) { return l.engine.expired(); });  // engines gone
  links->v.push_back({serial_, id, h, weak_from_this()});  // empty in the constructor: see link_creator
  return *h;
}

template <LockPolicy P>
void Engine<P>::link_creator() {
  if (Links* links = tl_links())
    for (Link& l : links->v)
      if (l.serial == serial_) l.engine = weak_from_this();
}

// BiasedRC elides object locks while BiasedRefcount::others_running() is
// false: while no thread runs but those that created their interpreters
// (docs/policies.md, item 8). A host thread that enters an interpreter it did
// not create can reach the same objects as the creator, so it must be
// counted, and before it touches any object:
//   1. P::attach_thread() raises the count;
//   2. a stop-the-world pause then makes every other thread attached to this
//      interpreter pass a safe point (an eval-breaker check, or leaving the
//      interpreter): a thread parked there is between two operations, inside
//      no region entered with its lock elided, and when it resumes it reads
//      the new count (the pause's mutex orders the two), so from then on it
//      takes the locks. A thread not attached reads the count after its next
//      acquire(), which the pause orders after step 1 as well.
// Only then does the newcomer go on, with every thread taking locks. The
// count goes down when the thread exits (host_thread_exit, after its last
// touch of any object) or when the interpreter is shut down. Threads of other
// interpreters cannot reach these objects: the count is process-wide only
// because others_running() is a static test, so they merely lose elision.
// Done once per thread per engine; the creating thread is never counted.
template <LockPolicy P>
void Engine<P>::count_thread(HostThread& h) {
  if constexpr (requires { P::attach_thread(); }) {
    {
      std::lock_guard lk(threads_mu_);
      P::attach_thread();
      h.counted = true;
    }
    Exclusive pause(in_->lock);
  }
}

template <LockPolicy P>
void Engine<P>::host_thread_exit(uint64_t id) noexcept {
  {
    std::lock_guard lk(threads_mu_);
    if (!alive()) return;  // shutdown() has seen to the thread's state and count
    ++exiting_;
  }
  try {
    if constexpr (requires { P::any_pending(); }) {
      if (id == P::Threads::current_id()) {
        // Biased RC: the objects this thread owns are handed over
        // (P::thread_exit), or references dropped later by other threads
        // would wait forever in its queue.
        Entry en(*this);
        Thread<P>& t = *en.host().t;
        clear_exception(t);
        lockvm::decref<P>(std::exchange(t.handled, Value()));
        P::thread_exit([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
      }
    }
  } catch (const std::exception&) {
  }
  std::lock_guard lk(threads_mu_);
  auto it = threads_.find(id);
  if (it != threads_.end()) {
    HostThread& h = *it->second;
    if (std::exchange(h.counted, false)) {
      if constexpr (requires { P::detach_thread(); }) P::detach_thread();  // after its last touch of any object
    }
    // Its state goes, unless it still holds references (only Entry may drop them).
    if (h.t->exc.is_null() && h.t->handled.is_null() && !h.holding) threads_.erase(it);
  }
  if (--exiting_ == 0) exited_.notify_all();
}

template <LockPolicy P>
void Engine<P>::gate_acquire() {
  if constexpr (gate_of<P>() == Gate::Exclusive) {
    std::thread::id none{};
    if (!owner_.compare_exchange_strong(none, std::this_thread::get_id()))
      throw E::Error("RuntimeError",
                     "lockvm: this NoLock interpreter is in use by another host thread; NoLock allows one host "
                     "thread at a time (use GlobalLock to share an interpreter between threads)");
  } else {
    // The GIL; or, free-threaded, attaching like a script thread (so that a
    // stop-the-world pause waits for this one too).
    in_->lock.acquire();
  }
}

template <LockPolicy P>
void Engine<P>::gate_release() {
  if constexpr (gate_of<P>() == Gate::Exclusive) owner_.store(std::thread::id{});
  else in_->lock.release();
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
  if (is_kind(v, Kind::Tuple)) return as_tuple(v)->size;
  if (is_kind(v, Kind::List) || is_kind(v, Kind::Dict)) {
    ObjectGuard<P> g(v.o);  // other threads may be changing it
    return is_kind(v, Kind::List) ? as_list(v)->items.size() : as_dict(v)->table.used;
  }
  throw E::Error("TypeError", "object has no length here");
}

template <LockPolicy P>
E::Value Engine<P>::item(ED::Raw r, size_t i) {
  Entry en(*this);
  Value v = from_raw(r);
  if (is_kind(v, Kind::List)) {
    Value x;
    {
      ObjectGuard<P> g(v.o);
      if (i < as_list(v)->items.size()) x = share<P>(as_list(v)->items[i]);
    }
    if (!x.is_null()) return own(x);
  }
  if (is_kind(v, Kind::Tuple) && i < as_tuple(v)->size) return own(share<P>(as_tuple(v)->items[i]));
  throw ED::ConversionError("changed size during conversion");
}

template <LockPolicy P>
std::vector<std::pair<E::Value, E::Value>> Engine<P>::dict_items(ED::Raw r) {
  Entry en(*this);
  DictObject* d = as_dict(from_raw(r));
  std::vector<std::pair<Value, Value>> refs;
  {
    ObjectGuard<P> g(d);  // a snapshot: other threads may be changing it
    refs.reserve(d->table.used);
    for (const HashEntry& e : d->table.entries)
      if (!e.key.is_null()) refs.emplace_back(share<P>(e.key), share<P>(e.value));
  }
  std::vector<std::pair<E::Value, E::Value>> out;
  out.reserve(refs.size());
  for (auto& [k, v] : refs) out.emplace_back(own(k), own(v));
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
  HostCall hc(*in_, en.t());
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
  HostCall hc(*in_, en.t());
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
  HostCall hc(*in_, en.t());
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
  Value v = dict_get_str_ref<P>(main_->dict, key);  // a reference taken under the dict's lock
  if (v.is_null()) v = dict_get_str_ref<P>(in_->builtins, key);
  if (v.is_null()) throw E::Error("NameError", "name '" + std::string(name) + "' is not defined");
  return own(v);
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
  Ref<P> v(dict_get_str_ref<P>(main_->dict, intern(*in_, name)));
  return !v.is_null();
}

// ---- sandbox and limits -------------------------------------------------------------

template <LockPolicy P>
void Engine<P>::enable(std::string_view module) {
  Entry en(*this);
  Exclusive pause(in_->lock);  // imports on other threads read the list
  enable_module(module);
}

template <LockPolicy P>
void Engine<P>::enable_module(std::string_view module) {
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

// The output hooks may be running on other threads (print on a script or
// host thread): they are replaced with those threads stopped. A thread can
// be stopped inside a hook only if the hook calls back into the interpreter;
// the hooks replaced are kept until shutdown for that case. The hooks
// themselves must be safe to call from several threads at once when scripts
// print from several threads.
template <LockPolicy P>
void Engine<P>::set_output(std::function<void(std::string_view)> out, std::function<void(std::string_view)> err) {
  Entry en(*this);
  Exclusive pause(in_->lock);
  if (out) old_hooks_.push_back(std::exchange(in_->write_out, std::move(out)));
  if (err) old_hooks_.push_back(std::exchange(in_->write_err, std::move(err)));
}

template <LockPolicy P>
void Engine<P>::set_limits(uint64_t max_ticks, double max_seconds, size_t max_heap_bytes, int max_recursion) {
  Entry en(*this);
  Exclusive pause(in_->lock);  // every thread reads them (the recursion limit at each call)
  apply_limits(max_ticks, max_seconds, max_heap_bytes, max_recursion);
}

// The configuration read by the next host calls; those running keep their
// budgets (HostCall).
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
