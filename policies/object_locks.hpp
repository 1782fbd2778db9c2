// ObjectLocks: no global lock. Reference counts are atomic and every mutable
// object carries a one-word lock (atomic_refcount.hpp, object_mutex.hpp) that
// the runtime holds around each operation on it. Script threads are OS
// threads running truly in parallel. The simple way to remove a GIL, and the
// price of it on one thread: a locked instruction per reference count change.
#pragma once

#include "policies/atomic_refcount.hpp"
#include "policies/os_threads.hpp"
#include "policies/policy_concept.hpp"
#include "policies/stop_the_world.hpp"

namespace lockvm {

struct ObjectLocks : AtomicRefcount {
  static constexpr const char* kName = "objlocks";
  static constexpr bool kParallel = true;
  using Threads = OsThreads;

  // Held by every thread running bytecode at once; it can stop them all at
  // a safe point (stop_the_world.hpp).
  using InterpreterLock = StopTheWorldLock;
};
static_assert(LockPolicy<ObjectLocks>);

}  // namespace lockvm
