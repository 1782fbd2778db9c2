// BiasedRC: PEP 703's free-threaded design. Biased reference counts (the
// owner thread counts without atomics, the others atomically, merged when the
// owner lets go: biased_refcount.hpp), immortal singletons, interned strings
// and code objects, and the same per-object locks as ObjectLocks. Script
// threads are OS threads running truly in parallel.
#pragma once

#include "policies/biased_refcount.hpp"
#include "policies/os_threads.hpp"
#include "policies/policy_concept.hpp"

namespace lockvm {

struct BiasedRC : BiasedRefcount {
  static constexpr const char* kName = "brc";
  static constexpr bool kParallel = true;
  static constexpr bool kImmortalCode = true;
  using Threads = OsThreads;

  struct InterpreterLock {
    void acquire() {}
    void release() {}
  };
};
static_assert(LockPolicy<BiasedRC>);

}  // namespace lockvm
