// Biased reference counting, PEP 703's design (CPython's Include/object.h,
// Objects/object.c and Python/brc.c, after Choi et al., PACT 2018):
//
//   owner   the thread that created the object (a small never-reused index)
//   local   the owner's count: plain loads and stores, no lock prefix
//   shared  everyone else's count, atomic, shifted left 2; the low bits say
//           whether the counts were merged or the object is queued
//
//   incref/decref by the owner      local ± 1                  ("fast")
//   incref/decref by another thread shared ± 4, atomic         ("shared")
//   owner's local reaches 0         shared 0 → free now; else the counts
//                                   merge (owner gone, state MERGED), and the
//                                   object is freed when shared reaches 0
//   shared would go below 0         the object is queued to its owner, which
//   (unmerged)                      merges it at its next eval-breaker check
//                                   (or at once if the owner has exited)
//
// Immortal objects have local == kImmortal and are never counted.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "policies/object_mutex.hpp"

namespace lockvm {

struct BiasedRefcount {
  // 16 bytes.
  struct Header {
    std::atomic<uint32_t> owner;   // owning thread's index, 0 once merged
    std::atomic<uint32_t> local;   // the owner's count (relaxed: plain moves on x86)
    std::atomic<int32_t> shared;   // (count << 2) | state
    std::atomic<uint32_t> lock;    // the object's lock (object_mutex.hpp)
  };
  static constexpr uint32_t kImmortal = 0xFFFFFFFFu;
  static constexpr int32_t kMerged = 1;
  static constexpr int32_t kQueued = 2;
  static constexpr int32_t kShift = 2;

  // The calling thread's index: assigned at its first allocation, never
  // reused, so an object owned by an exited thread is never mistaken for a
  // new thread's. Until then it is kNoThread, which owns nothing: the
  // reference-count fast path reads tl_fast_id_ as it is, with no test, and a
  // thread that has allocated nothing takes the shared path, as it must.
  static constexpr uint32_t kNoThread = 0xFFFFFFFFu;
  [[gnu::always_inline]] static uint32_t current_thread() noexcept {
    uint32_t id = tl_id_;
    if (id == kNoThread) [[unlikely]] id = assign_thread_id();
    return id;
  }
  [[gnu::noinline]] static uint32_t assign_thread_id() noexcept {
    tl_id_ = next_id_.fetch_add(1, std::memory_order_relaxed);
    tl_fast_id_ = counting_.load(std::memory_order_relaxed) ? kNoThread : tl_id_;
    return tl_id_;
  }

  static void init_header(Header& h) noexcept {
    h.owner.store(current_thread(), std::memory_order_relaxed);
    h.local.store(1, std::memory_order_relaxed);
    h.shared.store(0, std::memory_order_relaxed);
    h.lock.store(0, std::memory_order_relaxed);
  }

  // Forced inline: the eval loop is too big for GCC to inline them on its own.
  // The owner test comes first and is the whole fast path: an immortal object
  // has no owner (make_immortal), so it is recognised on the other path.
  // The fast path compares the owner with tl_fast_id_, which is the thread's
  // index, or kNoThread while owner updates are counted (count_owner_updates):
  // then every update of a mortal object takes the out-of-line path, which
  // counts it and applies it as the owner's or as a shared update.
  [[gnu::always_inline]] static void incref(Header& h) noexcept {
    if (h.owner.load(std::memory_order_relaxed) == tl_fast_id_) [[likely]] {
      local_add_one(h.local);
      return;
    }
    if (h.local.load(std::memory_order_relaxed) == kImmortal) return;
    incref_slow(h);
  }

  // True when the caller must free the object now.
  [[gnu::always_inline]] static bool decref(Header& h) noexcept {
    if (h.owner.load(std::memory_order_relaxed) == tl_fast_id_) [[likely]] return owner_decref(h);
    if (h.local.load(std::memory_order_relaxed) == kImmortal) return false;
    return decref_slow(h);
  }

  // Counting the owner's updates costs an add to a thread-local counter on
  // every reference-count change, about a quarter of what brc adds to
  // nolock's instructions, so it is done only when asked for (lockvm
  // --stats; `lockvm compare` makes a separate counting run). Set it before
  // script threads start: a thread reads it when it gets its index.
  static void count_owner_updates(bool on) noexcept {
    counting_.store(on, std::memory_order_relaxed);
    if (tl_id_ != kNoThread) tl_fast_id_ = on ? kNoThread : tl_id_;
  }

  // The owner's count changes with one plain read-modify-write of memory
  // (`addl $1, mem`; `subl $1, mem` and its zero flag). Only the owner writes
  // the local count, so no lock prefix is needed, and an aligned 32-bit
  // access is atomic on x86: another thread reading it (the immortality test
  // of the non-owner path, a merge) sees the old or the new value, as with a
  // relaxed load and store, which GCC emits as three instructions.
  // ThreadSanitizer does not see inline assembly, so its builds (and other
  // CPUs) use the load and store.
  [[gnu::always_inline]] static void local_add_one(std::atomic<uint32_t>& local) noexcept {
#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
    asm("addl $1, %0" : "+m"(*reinterpret_cast<uint32_t*>(&local)));
#else
    local.store(local.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
#endif
  }
  [[gnu::always_inline]] static bool local_sub_one_is_zero(std::atomic<uint32_t>& local) noexcept {
#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
    bool zero;
    asm("subl $1, %0" : "+m"(*reinterpret_cast<uint32_t*>(&local)), "=@ccz"(zero));
    return zero;
#else
    uint32_t l = local.load(std::memory_order_relaxed) - 1;
    local.store(l, std::memory_order_relaxed);
    return l == 0;
#endif
  }
  static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t) && std::atomic<uint32_t>::is_always_lock_free);

  static long refcount(const Header& h) noexcept {
    uint32_t l = h.local.load(std::memory_order_relaxed);
    if (l == kImmortal) return 1l << 30;
    return static_cast<long>(l) + (h.shared.load(std::memory_order_relaxed) >> kShift);
  }
  static void make_immortal(Header& h) noexcept {
    h.local.store(kImmortal, std::memory_order_relaxed);
    h.owner.store(0, std::memory_order_relaxed);  // nobody's: never on the fast path
  }
  static bool is_immortal(const Header& h) noexcept { return h.local.load(std::memory_order_relaxed) == kImmortal; }
  // Lock elision: while the process runs no thread of this policy besides
  // the ones that created their interpreters, no two threads can reach one
  // object, so object locks are not taken (CPython 3.13t skips its critical
  // sections on objects the current thread owns for the same reason). The
  // count goes up in the parent, before a new thread exists
  // (attach_thread), and down when that thread has finished with every
  // object (detach_thread): a thread that skipped a lock can only see the
  // count rise through its own doing, between two operations (or inside one
  // that runs Python code with the lock let go: ObjectGuard::reacquire
  // decides again). lock_object says whether it locked and the guard
  // remembers it, so a region entered locked is unlocked even if the other
  // threads finished meanwhile, and unlocking costs no load when elided.
  [[gnu::always_inline]] static bool others_running() noexcept { return attached_.load(std::memory_order_acquire) > 0; }
  static void attach_thread() noexcept { attached_.fetch_add(1, std::memory_order_acq_rel); }  // host threads: embed_engine.hpp, count_thread
  static void detach_thread() noexcept { attached_.fetch_sub(1, std::memory_order_acq_rel); }
  [[gnu::always_inline]] static bool lock_object(Header& h) noexcept {
    if (!others_running()) return false;
    ObjectMutex::lock(h.lock);
    return true;
  }
  [[gnu::always_inline]] static void unlock_object(Header& h, bool locked) noexcept {
    if (locked) ObjectMutex::unlock(h.lock);
  }

  // ---- the merge queues (runtime side: handle_eval_breaker, thread exit) ----

  // Registers the calling thread and the flag to raise when an object is
  // queued to it (the interpreter's eval breaker).
  static void thread_start(std::atomic<uint32_t>* breaker, uint32_t merge_bit) {
    std::lock_guard lk(mu_);
    Queue& q = queues()[current_thread()];
    q.breaker = breaker;
    q.merge_bit = merge_bit;
  }

  // Merges the objects other threads queued to the calling thread; `free_fn`
  // frees those whose count reached zero. Returns how many were merged.
  template <class FreeFn>
  static size_t merge_queued(FreeFn&& free_fn) {
    std::vector<Header*> items;
    {
      std::lock_guard lk(mu_);
      auto it = queues().find(current_thread());
      if (it == queues().end() || it->second.items.empty()) return 0;
      items.swap(it->second.items);
      pending_.fetch_sub(static_cast<int>(items.size()), std::memory_order_acq_rel);
    }
    for (Header* h : items)
      if (explicit_merge(*h, -1) == 0) free_fn(*h);
    return items.size();
  }
  static bool any_pending() { return pending_.load(std::memory_order_acquire) > 0; }

  // In the child of fork(): only the calling thread exists. The other
  // owners are dead, as if they had exited (what is queued to them stays
  // there: the child ends with _exit), and the mutex one of them may have
  // held is made anew.
  static void after_fork_child() {
    new (&mu_) std::mutex();
    for (auto& [id, q] : queues()) {
      if (id == current_thread()) continue;
      q.dead = true;
      q.breaker = nullptr;
    }
  }

  // The calling thread is exiting: later queue requests for its objects are
  // merged by the requester, and what is queued now is merged here.
  template <class FreeFn>
  static void thread_exit(FreeFn&& free_fn) {
    merge_queued(free_fn);
    std::vector<Header*> items;
    {
      std::lock_guard lk(mu_);
      Queue& q = queues()[current_thread()];
      q.dead = true;
      q.breaker = nullptr;
      items.swap(q.items);
      pending_.fetch_sub(static_cast<int>(items.size()), std::memory_order_acq_rel);
    }
    for (Header* h : items)
      if (explicit_merge(*h, -1) == 0) free_fn(*h);
  }

 private:
  struct Queue {
    std::vector<Header*> items;
    std::atomic<uint32_t>* breaker = nullptr;
    uint32_t merge_bit = 0;
    bool dead = false;
  };

  [[gnu::always_inline]] static bool owner_decref(Header& h) noexcept {
    if (!local_sub_one_is_zero(h.local)) [[likely]] return false;
    // Most objects die never seen by another thread: free without a call.
    if (h.shared.load(std::memory_order_acquire) == 0) [[likely]] return true;
    return merge_zero_local(h);
  }

  // A mortal object's count, changed by another thread, or by its owner
  // while owner updates are counted.
  [[gnu::noinline]] static void incref_slow(Header& h) noexcept {
    if (h.owner.load(std::memory_order_relaxed) == tl_id_) {
      ++policy_stats().biased_fast;
      local_add_one(h.local);
      return;
    }
    ++policy_stats().biased_shared;
    h.shared.fetch_add(1 << kShift, std::memory_order_relaxed);
  }
  [[gnu::noinline]] static bool decref_slow(Header& h) noexcept {
    if (h.owner.load(std::memory_order_relaxed) == tl_id_) {
      ++policy_stats().biased_fast;
      return owner_decref(h);
    }
    return decref_shared(h);
  }

  // The owner's local count reached zero.
  [[gnu::noinline]] static bool merge_zero_local(Header& h) noexcept {
    int32_t shared = h.shared.load(std::memory_order_acquire);
    if (shared == 0) return true;  // nobody else ever held it
    ++policy_stats().biased_merges;
    h.owner.store(0, std::memory_order_relaxed);
    int32_t merged;
    do {
      merged = shared | kMerged;
    } while (!h.shared.compare_exchange_weak(shared, merged, std::memory_order_acq_rel));
    return merged == kMerged;  // count zero once merged
  }

  static bool decref_shared(Header& h) noexcept {
    ++policy_stats().biased_shared;
    int32_t shared = h.shared.load(std::memory_order_relaxed);
    int32_t next;
    bool queue;
    do {
      queue = shared == 0;  // unmerged and would go negative: the owner must merge
      next = queue ? kQueued : shared - (1 << kShift);  // a queued object keeps this reference
    } while (!h.shared.compare_exchange_weak(shared, next, std::memory_order_acq_rel));
    if (queue) return enqueue(h);
    return next == kMerged;
  }

  // Hands the object to its owner; if the owner has exited, merges it here.
  [[gnu::noinline]] static bool enqueue(Header& h) noexcept {
    ++policy_stats().biased_queued;
    {
      std::lock_guard lk(mu_);
      Queue& q = queues()[h.owner.load(std::memory_order_relaxed)];
      if (!q.dead) {
        q.items.push_back(&h);
        pending_.fetch_add(1, std::memory_order_acq_rel);
        if (q.breaker) q.breaker->fetch_or(q.merge_bit, std::memory_order_release);
        return false;
      }
    }
    return explicit_merge(h, -1) == 0;
  }

  // Folds the local count into the shared one (plus `extra`) and makes the
  // object ownerless; returns the merged count.
  static int32_t explicit_merge(Header& h, int32_t extra) noexcept {
    ++policy_stats().biased_merges;
    int32_t shared = h.shared.load(std::memory_order_acquire);
    int32_t count, merged;
    do {
      count = (shared >> kShift) + static_cast<int32_t>(h.local.load(std::memory_order_relaxed)) + extra;
      merged = (count << kShift) | kMerged;
    } while (!h.shared.compare_exchange_weak(shared, merged, std::memory_order_acq_rel));
    h.local.store(0, std::memory_order_relaxed);
    h.owner.store(0, std::memory_order_relaxed);
    return count;
  }

  static absl::flat_hash_map<uint32_t, Queue>& queues() {
    static absl::flat_hash_map<uint32_t, Queue> q;
    return q;
  }

  static inline thread_local uint32_t tl_id_ = kNoThread;
  static inline thread_local uint32_t tl_fast_id_ = kNoThread;
  static inline std::atomic<bool> counting_{false};
  static inline std::atomic<uint32_t> next_id_{1};
  static inline std::mutex mu_;
  static inline std::atomic<int> pending_{0};
  static inline std::atomic<int> attached_{0};  // script threads started and not yet finished
};

}  // namespace lockvm
