// How far down the C++ stack a thread may go before calls from C++ into
// Python (sort keys, __eq__, __repr__ of nested containers) stop with a
// RecursionError. Python-to-Python calls do not use the C++ stack; these
// re-entries do, and how much each takes depends on the build (ASan frames
// are several times larger), so the bound is the real stack, not a count.
#pragma once

#include <pthread.h>

#include <algorithm>
#include <cstddef>

namespace lockvm {

// Room kept below the limit for the deepest chain between two checks.
inline size_t stack_margin(size_t stack_size) { return std::max<size_t>(256u << 10, stack_size / 8); }

// The limit for the calling OS thread (nullptr if unknown: no check).
inline char* os_thread_stack_limit() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return nullptr;
  void* addr = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || !addr) return nullptr;
  return static_cast<char*>(addr) + stack_margin(size);
}

// The limit for a stack of `size` bytes whose top is near `here` (a fiber's).
inline char* stack_limit_below(void* here, size_t size) {
  return static_cast<char*>(here) - size + stack_margin(size);
}

[[gnu::always_inline]] inline bool stack_exhausted(const char* limit) {
  return limit && static_cast<char*>(__builtin_frame_address(0)) < limit;
}

}  // namespace lockvm
