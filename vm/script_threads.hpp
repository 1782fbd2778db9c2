// Book-keeping of an interpreter's script threads, shared by every policy:
// how many are running, and (fibers only) the ticker that asks the running
// fiber to yield every switch interval — the fiber counterpart of the GIL's
// drop request. Starting threads and blocking calls are in
// runtime/thread_runtime.hpp.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <new>
#include <thread>

namespace lockvm {

class ScriptThreads {
 public:
  ScriptThreads() = default;
  ScriptThreads(const ScriptThreads&) = delete;
  ScriptThreads& operator=(const ScriptThreads&) = delete;
  ~ScriptThreads() { stop_ticker(); }

  // Script threads started and not yet finished (the main thread excluded).
  int running() const { return running_.load(std::memory_order_acquire); }
  uint64_t started() const { return started_.load(std::memory_order_relaxed); }

  void thread_started() {
    running_.fetch_add(1, std::memory_order_acq_rel);
    started_.fetch_add(1, std::memory_order_relaxed);
  }
  void thread_finished(bool joinable) {
    if (joinable) joinable_.fetch_sub(1, std::memory_order_acq_rel);
    running_.fetch_sub(1, std::memory_order_acq_rel);
  }
  // A non-daemon threading.Thread says so when it starts
  // (_thread._mark_joinable): at exit the interpreter waits for those only,
  // as CPython does not wait for daemon threads or bare _thread ones.
  void mark_joinable() { joinable_.fetch_add(1, std::memory_order_acq_rel); }
  int running_joinable() const { return joinable_.load(std::memory_order_acquire); }

  // Fibers only: from the first script thread on, poke the eval breaker every
  // switch interval while more than one fiber exists.
  void ensure_ticker(std::atomic<uint32_t>& breaker, uint32_t switch_bit, const double& interval_s) {
    if (ticker_.joinable()) return;
    stop_ = false;
    ticker_ = std::thread([this, &breaker, switch_bit, &interval_s] {
      std::unique_lock lk(ticker_mu_);
      while (!stop_) {
        auto interval = std::chrono::duration<double>(interval_s > 0 ? interval_s : 0.005);
        ticker_cv_.wait_for(lk, interval, [&] { return stop_; });
        if (!stop_ && running() > 0) {
          breaker.fetch_or(switch_bit, std::memory_order_relaxed);
          ++ticks_;
        }
      }
    });
  }

  void stop_ticker() {
    if (!ticker_.joinable()) return;
    {
      std::lock_guard lk(ticker_mu_);
      stop_ = true;
    }
    ticker_cv_.notify_all();
    ticker_.join();
  }

  // In the child of fork(): the other threads, and the ticker thread, do not
  // exist there. Their handles are forgotten without being joined (the
  // ticker's std::thread would terminate the process if destroyed joinable,
  // and join a thread that will never run); the next script thread starts a
  // new ticker.
  void after_fork_child() {
    new (&ticker_) std::thread();
    new (&ticker_mu_) std::mutex();
    new (&ticker_cv_) std::condition_variable();
    stop_ = false;
    running_.store(0, std::memory_order_relaxed);
    joinable_.store(0, std::memory_order_relaxed);
  }

  uint64_t fiber_switches = 0;  // yields at the switch interval (fibers)
  uint64_t ticks() const { return ticks_; }

 private:
  std::atomic<int> running_{0};
  std::atomic<int> joinable_{0};
  std::atomic<uint64_t> started_{0};
  std::thread ticker_;
  std::mutex ticker_mu_;
  std::condition_variable ticker_cv_;
  bool stop_ = false;
  uint64_t ticks_ = 0;
};

}  // namespace lockvm
