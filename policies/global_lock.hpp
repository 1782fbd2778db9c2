// GlobalLock: a global interpreter lock as CPython >= 3.2 has it. Reference
// counts are plain (the lock makes them safe); a thread must hold the lock to
// run bytecode. The switch-interval hand-off is in gil.hpp.
#pragma once

#include "policies/gil.hpp"
#include "policies/os_threads.hpp"
#include "policies/plain_refcount.hpp"
#include "policies/policy_concept.hpp"

namespace lockvm {

struct GlobalLock : PlainRefcount {
  static constexpr const char* kName = "gil";
  static constexpr bool kParallel = false;
  using InterpreterLock = Gil;
  using Threads = OsThreads;
};
static_assert(LockPolicy<GlobalLock>);

}  // namespace lockvm
