// Counters every policy keeps of its own events (what `lockvm --stats` and
// `lockvm compare` print). Each OS thread counts in its own block — no shared
// cache line on a hot path — and folds it into the process totals when it
// exits or when the totals are read.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

namespace lockvm {

#define LOCKVM_POLICY_COUNTERS(X)                                                        \
  X(lock_acquisitions, "object lock acquisitions")                                      \
  X(lock_contentions, "object lock acquisitions that found it held")                    \
  X(lock_parks, "threads parked on an object lock")                                     \
  X(atomic_increfs, "atomic reference count increments")                               \
  X(atomic_decrefs, "atomic reference count decrements")                               \
  X(biased_fast, "biased count updates by the owner thread (non-atomic)")              \
  X(biased_shared, "biased count updates by other threads (atomic)")                   \
  X(biased_merges, "local and shared counts merged")                                   \
  X(biased_queued, "objects queued to their owner for merging")

struct PolicyStats {
#define LOCKVM_FIELD(name, text) uint64_t name = 0;
  LOCKVM_POLICY_COUNTERS(LOCKVM_FIELD)
#undef LOCKVM_FIELD

  void add(const PolicyStats& o) {
#define LOCKVM_ADD(name, text) name += o.name;
    LOCKVM_POLICY_COUNTERS(LOCKVM_ADD)
#undef LOCKVM_ADD
  }
};

// The process totals and the calling thread's block.
class PolicyStatsRegistry {
 public:
  static PolicyStats& local() { return local_; }
  static void flush() {
    std::lock_guard lk(mu_);
    total_.add(local_);
    local_ = PolicyStats();
  }
  static PolicyStats total() {
    flush();
    std::lock_guard lk(mu_);
    return total_;
  }
  static void reset() {
    std::lock_guard lk(mu_);
    total_ = PolicyStats();
    local_ = PolicyStats();
  }

 private:
  static inline std::mutex mu_;
  static inline PolicyStats total_;
  static inline thread_local PolicyStats local_;
};

inline PolicyStats& policy_stats() { return PolicyStatsRegistry::local(); }

}  // namespace lockvm
