// The per-object lock of the free-threaded policies: one 32-bit word that
// parks a contended thread in the kernel (futex), as PEP 703's 1-byte PyMutex
// parks through its parking lot. A std::mutex is 40 bytes and absl::Mutex 8
// plus a destructor; a word that needs neither keeps the object header small,
// which is the memory cost the policies are compared on.
//
// States (Drepper, "Futexes Are Tricky", mutex 2):
//   0 unlocked, 1 locked, 2 locked and someone may be sleeping on it.
// Uncontended lock/unlock is one compare-and-swap and one exchange.
#pragma once

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "policies/policy_stats.hpp"

namespace lockvm {

struct ObjectMutex {
  [[gnu::always_inline]] static void lock(std::atomic<uint32_t>& w) noexcept {
    uint32_t c = 0;
    if (w.compare_exchange_strong(c, 1, std::memory_order_acquire, std::memory_order_relaxed)) [[likely]] {
      ++policy_stats().lock_acquisitions;
      return;
    }
    lock_contended(w, c);
  }

  [[gnu::always_inline]] static void unlock(std::atomic<uint32_t>& w) noexcept {
    if (w.exchange(0, std::memory_order_release) == 2) [[unlikely]] wake_one(w);
  }

 private:
  [[gnu::noinline]] static void lock_contended(std::atomic<uint32_t>& w, uint32_t c) noexcept {
    PolicyStats& s = policy_stats();
    ++s.lock_acquisitions;
    ++s.lock_contentions;
    // Spin briefly: object operations are short, the holder is usually about
    // to let go.
    for (int i = 0; i < 64; ++i) {
      __builtin_ia32_pause();
      c = 0;
      if (w.compare_exchange_weak(c, 1, std::memory_order_acquire, std::memory_order_relaxed)) return;
    }
    ++s.lock_parks;
    if (c != 2) c = w.exchange(2, std::memory_order_acquire);
    while (c != 0) {
      syscall(SYS_futex, reinterpret_cast<uint32_t*>(&w), FUTEX_WAIT_PRIVATE, 2, nullptr, nullptr, 0);
      c = w.exchange(2, std::memory_order_acquire);
    }
  }

  [[gnu::noinline]] static void wake_one(std::atomic<uint32_t>& w) noexcept {
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&w), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
  }
};

}  // namespace lockvm
