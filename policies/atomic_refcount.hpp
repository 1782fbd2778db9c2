// Atomic reference counts and a per-object lock word: the ObjectLocks
// policy's header. Every increment and decrement is a locked instruction,
// even when only one thread ever sees the object — that is the cost this
// policy shows (BiasedRC avoids most of it).
#pragma once

#include <atomic>
#include <cstdint>

#include "policies/object_mutex.hpp"

namespace lockvm {

struct AtomicRefcount {
  // 8 bytes: the count and the lock word.
  struct Header {
    std::atomic<uint32_t> refcnt;
    std::atomic<uint32_t> lock;
  };
  // Immortal objects start here and are never allowed to reach zero by
  // ordinary counting (as PlainRefcount does).
  static constexpr uint32_t kImmortalCount = 1u << 30;

  static void init_header(Header& h) noexcept {
    h.refcnt.store(1, std::memory_order_relaxed);
    h.lock.store(0, std::memory_order_relaxed);
  }
  // Forced inline: the eval loop is too big for GCC to inline them on its own.
  [[gnu::always_inline]] static void incref(Header& h) noexcept {
    ++policy_stats().atomic_increfs;
    h.refcnt.fetch_add(1, std::memory_order_relaxed);
  }
  [[gnu::always_inline]] static bool decref(Header& h) noexcept {
    ++policy_stats().atomic_decrefs;
    // acq_rel: the thread that frees must see every other thread's writes.
    return h.refcnt.fetch_sub(1, std::memory_order_acq_rel) == 1;
  }
  static long refcount(const Header& h) noexcept { return h.refcnt.load(std::memory_order_relaxed); }
  static void make_immortal(Header& h) noexcept { h.refcnt.store(kImmortalCount, std::memory_order_relaxed); }
  static bool is_immortal(const Header& h) noexcept {
    return h.refcnt.load(std::memory_order_relaxed) >= kImmortalCount / 2;
  }
  [[gnu::always_inline]] static bool lock_object(Header& h) noexcept {
    ObjectMutex::lock(h.lock);
    return true;
  }
  [[gnu::always_inline]] static void unlock_object(Header& h, bool) noexcept { ObjectMutex::unlock(h.lock); }
  // The naive design: every lock is taken, even with one thread (compare
  // BiasedRefcount's lock elision).
  static constexpr bool others_running() noexcept { return true; }
};

}  // namespace lockvm
