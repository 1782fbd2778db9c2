// Script threads, written once for every policy.
//
// The policy's thread model (P::Threads: OsThreads or FiberThreads) says how
// a script thread is started and how it blocks; the policy's interpreter
// lock says who may run bytecode. Everything here combines the two:
//
//   * start_thread: a new script thread with its own Thread<P> state, that
//     takes the interpreter lock, calls the function, and prints an uncaught
//     exception like CPython's _thread module.
//   * BlockingSection: the interpreter lock is released for the length of a
//     blocking call (sleep, lock wait, join, I/O), so other threads run — the
//     GIL's "released around blocking calls". Under fibers the blocking call
//     itself switches fibers, and the section costs nothing.
//   * wait_for_condition: a timed wait on a condition variable that the main
//     thread breaks off every few milliseconds to see Ctrl-C, as CPython's
//     lock waits are interruptible on the main thread.
//   * The fiber ticker (vm/script_threads.hpp) makes the eval loop yield to
//     the next fiber every switch interval.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/core.hpp"

namespace lockvm::rt {

// Stack of a script thread. Python-to-Python calls do not use the C++ stack;
// C++ re-entries into Python (sort keys, __eq__, __repr__) do, bounded by the
// recursion limit. Address space only: pages are committed as used.
inline constexpr size_t kScriptThreadStack = 64u << 20;

// Releases the interpreter lock for the length of a blocking call. The code
// inside must not touch Python objects: another thread may be running.
template <LockPolicy P>
class BlockingSection {
 public:
  explicit BlockingSection(Thread<P>& t) : in_(t.interp) { in_.lock.release(); }
  ~BlockingSection() { in_.lock.acquire(); }
  BlockingSection(const BlockingSection&) = delete;
  BlockingSection& operator=(const BlockingSection&) = delete;

 private:
  Interp<P>& in_;
};

enum class WaitResult { Ready, TimedOut, Interrupted };

// Waits on `cv` (with `lk` held) until `ready()` or the deadline. On the
// main thread the wait is sliced so that Ctrl-C is seen within 20 ms; the
// caller raises KeyboardInterrupt on Interrupted. Call inside a
// BlockingSection.
template <LockPolicy P, class Lock, class Pred>
WaitResult wait_for_condition(Thread<P>& t, typename P::Threads::CondVar& cv, Lock& lk, Pred ready,
                              std::optional<std::chrono::steady_clock::time_point> deadline) {
  using clock = std::chrono::steady_clock;
  constexpr auto slice = std::chrono::milliseconds(20);
  while (!ready()) {
    if (t.is_main && (t.interp.eval_breaker.load(std::memory_order_relaxed) & kBreakInterrupt))
      return WaitResult::Interrupted;
    auto now = clock::now();
    if (deadline && now >= *deadline) return WaitResult::TimedOut;
    auto until = now + slice;
    if (!t.is_main) until = deadline ? *deadline : now + std::chrono::hours(24);
    if (deadline && *deadline < until) until = *deadline;
    cv.wait_until(lk, until, ready);
  }
  return WaitResult::Ready;
}

// Turns a Python timeout in seconds (negative: none) into a deadline.
inline std::optional<std::chrono::steady_clock::time_point> deadline_after(double seconds) {
  if (seconds < 0) return std::nullopt;
  if (seconds > 1e9) seconds = 1e9;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

// The KeyboardInterrupt a sliced wait reports (the eval breaker bit is
// consumed, as the eval loop does).
template <LockPolicy P>
Value raise_interrupt(Thread<P>& t) {
  t.interp.eval_breaker.fetch_and(~kBreakInterrupt, std::memory_order_relaxed);
  return raise(t, t.types().KeyboardInterrupt, "");
}

// Sleeps `seconds` as a blocking call: other threads (or fibers) run
// meanwhile, and the main thread wakes up for Ctrl-C.
template <LockPolicy P>
bool sleep_blocking(Thread<P>& t, double seconds) {
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
  BlockingSection<P> unlocked(t);
  for (;;) {
    auto now = clock::now();
    if (now >= deadline) return true;
    auto step = deadline - now;
    if (t.is_main) {
      if (t.interp.eval_breaker.load(std::memory_order_relaxed) & kBreakInterrupt) return false;
      step = std::min<clock::duration>(step, std::chrono::milliseconds(20));
    }
    P::Threads::sleep_for(step);
  }
}

// At exit, after threading._shutdown() has joined the non-daemon threads:
// lets them run the last C++ steps of their exit (which need the interpreter
// lock) so that the interpreter can be torn down after them.
template <LockPolicy P>
void wait_for_thread_exits(Thread<P>& t) {
  while (t.interp.threads.running_joinable() > 0) {
    BlockingSection<P> unlocked(t);
    P::Threads::sleep_for(std::chrono::microseconds(200));
  }
}

namespace threadm {
template <LockPolicy P> Value lock_release(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw);
}

// Starts `fn(*args, **kwargs)` on a new script thread and returns its ident
// (0 with RuntimeError set if the thread could not be started).
// `sentinel`, if not Null, is a held _thread.lock that the thread releases as
// its very last step, after it has let go of every object (CPython's
// _thread._set_sentinel): threading.Thread.join() waits for it, so a join
// is followed by no reference-count change of the finished thread. The
// calling thread made the lock, so the new thread's one reference to it is
// a shared count: safe to drop once the thread has handed its own objects
// over (P::thread_exit).
template <LockPolicy P>
uint64_t start_thread(Thread<P>& t, Value fn, TupleObject* args, DictObject* kwargs, Value sentinel = Value()) {
  Interp<P>& in = t.interp;
  incref<P>(fn);
  incref<P>(args);
  if (kwargs) incref<P>(kwargs);
  incref<P>(sentinel);
  in.threads.thread_started();
  // BiasedRC elides object locks while no other thread exists: it must count
  // this one before it exists (see BiasedRefcount::attach_thread).
  if constexpr (requires { P::attach_thread(); }) P::attach_thread();
  auto body = [&in, fn, args, kwargs, sentinel] {
    // Declared first, so destroyed last: after the thread's final touch of
    // any object (its Thread state included).
    struct Detach {
      ~Detach() {
        if constexpr (requires { P::detach_thread(); }) P::detach_thread();
      }
    } detach;
    // A new OS thread finds the cycle collector's registry through a
    // thread-local binding (runtime/gc.hpp); fibers share their OS thread's.
    std::optional<typename GcState<P>::Binding> gc_binding;
    if constexpr (!P::Threads::kFibers) gc_binding.emplace(in.gc);
    Thread<P> th(in);
    th.ident = P::Threads::current_id();
    // A fiber runs on its own stack, not the OS thread's.
    if constexpr (P::Threads::kFibers) th.stack_limit = stack_limit_below(__builtin_frame_address(0), kScriptThreadStack);
    in.lock.acquire();
    if constexpr (requires { P::thread_start(&in.eval_breaker, kBreakMerge); })
      P::thread_start(&in.eval_breaker, kBreakMerge);
    Value r = call_tuple_dict(th, fn, args, kwargs);
    if (r.is_null()) {
      // CPython's _thread: SystemExit ends the thread quietly; anything else
      // is printed as "Exception ignored in thread started by: <fn>".
      if (exception_matches(th, th.types().SystemExit)) {
        clear_exception(th);
      } else {
        write_unraisable(th, "Exception ignored in thread started by: ", fn);
      }
    }
    decref<P>(r);
    decref<P>(fn);
    decref<P>(Value::object(args));
    if (kwargs) decref<P>(Value::object(kwargs));
    clear_exception(th);
    decref<P>(std::exchange(th.handled, Value()));
    // Counted before the thread says it is done: the main thread's leak
    // check may run as soon as it is.
    if constexpr (requires { P::any_pending(); })  // biased RC: hand our objects over
      P::thread_exit([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
    if (!sentinel.is_null()) {  // join() returns from here on
      decref<P>(threadm::lock_release(th, &sentinel, 1, nullptr));
      clear_exception(th);
      decref<P>(sentinel);
    }
    LiveObjects::flush();
    PolicyStatsRegistry::flush();
    in.threads.thread_finished(th.is_joinable);
    in.lock.release();  // the last touch of the interpreter
  };
  if constexpr (P::Threads::kFibers) in.threads.ensure_ticker(in.eval_breaker, kBreakSwitch, in.switch_interval);
  uint64_t ident = P::Threads::spawn(std::move(body), kScriptThreadStack);
  if (ident == 0) {
    in.threads.thread_finished(false);
    if constexpr (requires { P::detach_thread(); }) P::detach_thread();
    decref<P>(sentinel);
    decref<P>(fn);
    decref<P>(Value::object(args));
    if (kwargs) decref<P>(Value::object(kwargs));
    raise(t, t.types().RuntimeError, "can't start new thread");
    return 0;
  }
  return ident;
}

}  // namespace lockvm::rt
