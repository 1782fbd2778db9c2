// NoLock: nothing is synchronized. Script threads (once the threading issue
// lands) are fibers on one OS thread, so this is the single-core baseline
// every other policy is measured against.
#pragma once

#include "policies/fiber_threads.hpp"
#include "policies/plain_refcount.hpp"
#include "policies/policy_concept.hpp"

namespace lockvm {

struct NoLock : PlainRefcount {
  static constexpr const char* kName = "nolock";
  static constexpr bool kParallel = false;
  using Threads = FiberThreads;

  // One OS thread runs all bytecode: there is no lock to take.
  struct InterpreterLock {
    void acquire() {}
    void release() {}
  };
};
static_assert(LockPolicy<NoLock>);

}  // namespace lockvm
