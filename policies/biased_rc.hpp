// BiasedRC: PEP 703's free-threaded design. Biased reference counts (the
// owner thread counts without atomics, the others atomically, merged when the
// owner lets go: biased_refcount.hpp), immortal singletons, interned strings
// and code objects, and the same per-object locks as ObjectLocks. Script
// threads are OS threads running truly in parallel.
#pragma once

#include "policies/biased_refcount.hpp"
#include "policies/os_threads.hpp"
#include "policies/policy_concept.hpp"
#include "policies/stop_the_world.hpp"

namespace lockvm {

struct BiasedRC : BiasedRefcount {
  static constexpr const char* kName = "brc";
  static constexpr bool kParallel = true;
  static constexpr bool kImmortalCode = true;
  using Threads = OsThreads;

  // Held by every thread running bytecode at once; it can stop them all at
  // a safe point (stop_the_world.hpp).
  using InterpreterLock = StopTheWorldLock;
};
static_assert(LockPolicy<BiasedRC>);

}  // namespace lockvm
