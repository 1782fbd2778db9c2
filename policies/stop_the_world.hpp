// The interpreter lock of the free-threaded policies (ObjectLocks, BiasedRC),
// and their stop-the-world pause, after CPython 3.13t's thread states and
// _PyEval_StopTheWorld (Python/pystate.c).
//
// The lock is not exclusive: any number of threads hold it at once, which is
// what lets them run bytecode in parallel. What it adds is knowing who is
// running bytecode ("attached": holding it) and who is in a blocking call
// ("detached": BlockingSection released it), so that one thread can stop all
// the others at a safe point:
//
//        requester                       other attached threads
//        ─────────                       ──────────────────────
//        stop_world():
//          stopping = 1
//          set the eval-breaker bit ───► next backward jump or call:
//                                          yield_on_request(): detach, wait
//          wait: attached == 1   ◄─────── (detached threads need nothing;
//          clear the bit                   acquire() waits while stopping)
//        ... the world is stopped ...
//        start_world(): stopping = 0 ──► all resume
//
// A parked thread is between two instructions: it holds no object lock, no
// table or registry lock, and no reference it has not counted. So
//   * fork() (runtime/fork.hpp) stops the world first, and the child never
//     inherits an object lock held by a thread that does not exist there;
//   * the cycle collector (runtime/gc.hpp) reads every reference count and
//     container while nothing changes them.
//
// acquire() and release() are on the path of every blocking call, so they are
// one atomic each when no pause is asked for; the requester and the threads
// it waits for meet on a mutex only during a pause. attached_ and stopping_
// are sequentially consistent: a thread attaching while a pause begins either
// is counted by the requester or sees `stopping` and backs off (Dekker).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <new>

namespace lockvm {

struct PauseStats {
  uint64_t pauses = 0;   // stop-the-world pauses
  uint64_t wait_ns = 0;  // time requesters waited for the others to park
};

class StopTheWorldLock {
 public:
  // The eval breaker this interpreter's threads poll (the bit makes them call
  // yield_on_request).
  void set_eval_breaker(std::atomic<uint32_t>* breaker, uint32_t request_bit) {
    breaker_ = breaker;
    request_bit_ = request_bit;
  }

  // Attach: the calling thread is about to run bytecode.
  void acquire() {
    attached_.fetch_add(1, std::memory_order_seq_cst);
    if (!stopping_.load(std::memory_order_seq_cst)) [[likely]] return;
    std::unique_lock lk(mu_);
    park(lk);  // counted a moment ago: un-count, wait for the world to start
  }

  // Detach: the calling thread will not touch objects until acquire().
  void release() {
    attached_.fetch_sub(1, std::memory_order_seq_cst);
    if (stopping_.load(std::memory_order_seq_cst)) [[unlikely]] {
      std::lock_guard lk(mu_);
      parked_.notify_all();
    }
  }

  // At a safe point, with the request bit seen: park if a pause is on.
  void yield_on_request() {
    std::unique_lock lk(mu_);
    if (stopping_.load(std::memory_order_relaxed)) park(lk);
  }

  // Returns once every other attached thread is parked; threads attaching
  // meanwhile wait. The caller must be attached. If another thread is
  // stopping the world, the caller is stopped first, then takes its turn.
  void stop_world() {
    std::unique_lock lk(mu_);
    while (stopping_.load(std::memory_order_relaxed)) park(lk);
    stopping_.store(true, std::memory_order_seq_cst);
    auto start = std::chrono::steady_clock::now();
    if (breaker_) breaker_->fetch_or(request_bit_, std::memory_order_relaxed);
    parked_.wait(lk, [&] { return attached_.load(std::memory_order_seq_cst) <= 1; });
    ++stats_.pauses;
    stats_.wait_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
    // Everyone who could see the bit is parked; later arrivals see stopping_.
    if (breaker_) breaker_->fetch_and(~request_bit_, std::memory_order_relaxed);
  }

  void start_world() {
    {
      std::lock_guard lk(mu_);
      stopping_.store(false, std::memory_order_seq_cst);
    }
    resumed_.notify_all();
  }

  // In the child of fork(): the caller, which stopped the world to fork, is
  // the only thread; the parked ones do not exist there.
  void reset_after_fork() {
    new (&mu_) std::mutex();
    new (&parked_) std::condition_variable();
    new (&resumed_) std::condition_variable();
    attached_.store(1, std::memory_order_relaxed);
    stopping_.store(false, std::memory_order_relaxed);
  }

  PauseStats pause_stats() {
    std::lock_guard lk(mu_);
    return stats_;
  }

 private:
  // With mu_ held and the caller counted in attached_.
  void park(std::unique_lock<std::mutex>& lk) {
    attached_.fetch_sub(1, std::memory_order_seq_cst);
    parked_.notify_all();
    resumed_.wait(lk, [&] { return !stopping_.load(std::memory_order_relaxed); });
    attached_.fetch_add(1, std::memory_order_seq_cst);
  }

  std::atomic<int> attached_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable parked_;   // a thread detached or parked (the requester waits)
  std::condition_variable resumed_;  // the world started again
  std::atomic<uint32_t>* breaker_ = nullptr;
  uint32_t request_bit_ = 0;
  PauseStats stats_;  // under mu_
};

// The world stopped for a scope, where the interpreter lock can stop it;
// under the GIL or fibers the thread running bytecode is already the only one.
template <class Lock>
class StoppedWorld {
 public:
  explicit StoppedWorld(Lock& lock) : lock_(lock) {
    if constexpr (requires { lock.stop_world(); }) lock.stop_world();
  }
  ~StoppedWorld() {
    if constexpr (requires { lock_.start_world(); }) lock_.start_world();
  }
  StoppedWorld(const StoppedWorld&) = delete;
  StoppedWorld& operator=(const StoppedWorld&) = delete;

 private:
  Lock& lock_;
};

}  // namespace lockvm
