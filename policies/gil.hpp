// The global interpreter lock, after CPython's "new GIL" (Python/ceval_gil.c,
// Antoine Pitrou, 3.2):
//
//   * A thread that wants the lock waits on a condition variable for at most
//     the switch interval (5 ms by default). If the lock has not changed hands
//     in that time it sets `drop_request`, which the holder's eval loop polls
//     at backward jumps and calls (the "eval breaker").
//   * The holder, seeing the request, releases the lock and then waits until
//     another thread has actually taken it ("forced switching"), so it cannot
//     grab the lock straight back — the fix for the 2.x convoy pathology.
//   * Blocking calls (sleep, I/O, lock waits, join) release the lock around
//     the wait.
//
//        holder                         waiter
//        ──────                         ──────
//        runs bytecode                  wait(interval) ... timeout
//                                       drop_request = 1
//        poll: drop_request? ──yes──►
//        release(); switch_cond.wait ◄─ takes lock, switch_number++
//        (resumes waiting for the lock)  runs bytecode
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace lockvm {

struct GilStats {
  uint64_t acquisitions = 0;   // times the lock was taken
  uint64_t waits = 0;          // acquisitions that had to wait
  uint64_t wait_ns = 0;        // total time spent waiting
  uint64_t drop_requests = 0;  // times a waiter asked the holder to drop it
  uint64_t forced_switches = 0;  // hand-offs caused by a drop request
};

class Gil {
 public:
  // The eval breaker the holder polls; owned by the interpreter.
  void set_eval_breaker(std::atomic<uint32_t>* breaker, uint32_t drop_bit) {
    breaker_ = breaker;
    drop_bit_ = drop_bit;
  }
  void set_interval(std::chrono::microseconds us) { interval_ = us; }
  std::chrono::microseconds interval() const { return interval_; }

  void acquire() {
    std::unique_lock lk(mu_);
    ++stats_.acquisitions;
    if (locked_) {
      ++stats_.waits;
      auto start = std::chrono::steady_clock::now();
      ++waiters_;
      while (locked_) {
        uint64_t seen = switch_number_;
        if (!cond_.wait_for(lk, interval_, [&] { return !locked_; })) {
          // Timed out and nobody switched meanwhile: ask the holder to drop.
          if (locked_ && seen == switch_number_) {
            ++stats_.drop_requests;
            set_drop_request(true);
          }
        }
      }
      --waiters_;
      stats_.wait_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now() - start).count();
    }
    locked_ = true;
    ++switch_number_;
    if (forced_pending_) {  // we are the thread a forced drop handed over to
      forced_pending_ = false;
      switch_cond_.notify_all();
    }
    if (waiters_ == 0) set_drop_request(false);
  }

  void release() {
    std::lock_guard lk(mu_);
    locked_ = false;
    cond_.notify_one();
  }

  // Called by the holder's eval loop when it sees the drop request: release,
  // then wait until another thread has taken the lock before competing again.
  void yield_on_request() {
    std::unique_lock lk(mu_);
    set_drop_request(false);
    if (waiters_ == 0) return;  // the waiter gave up meanwhile; keep running
    ++stats_.forced_switches;
    locked_ = false;
    forced_pending_ = true;
    uint64_t seen = switch_number_;
    cond_.notify_one();
    switch_cond_.wait(lk, [&] { return switch_number_ != seen; });
    lk.unlock();
    acquire();
  }

  GilStats stats() {
    std::lock_guard lk(mu_);
    return stats_;
  }

  // After fork() only the forking thread exists: it holds the lock, alone.
  void reset_after_fork() {
    new (&mu_) std::mutex();
    new (&cond_) std::condition_variable();
    new (&switch_cond_) std::condition_variable();
    locked_ = true;
    waiters_ = 0;
    forced_pending_ = false;
    set_drop_request(false);
  }

 private:
  void set_drop_request(bool on) {
    if (!breaker_) return;
    if (on) breaker_->fetch_or(drop_bit_, std::memory_order_relaxed);
    else breaker_->fetch_and(~drop_bit_, std::memory_order_relaxed);
  }

  std::mutex mu_;
  std::condition_variable cond_;         // lock released
  std::condition_variable switch_cond_;  // lock taken by someone else
  bool locked_ = false;
  int waiters_ = 0;
  bool forced_pending_ = false;
  uint64_t switch_number_ = 0;
  std::chrono::microseconds interval_{5000};
  std::atomic<uint32_t>* breaker_ = nullptr;
  uint32_t drop_bit_ = 0;
  GilStats stats_;
};

}  // namespace lockvm
