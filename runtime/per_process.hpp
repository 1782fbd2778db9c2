// A process-wide instance that a forked child makes anew, for the registries
// of the interpreters module (runtime/interp_worker.hpp, interp_queues.hpp).
//
// The child cannot use the parent's: the threads it lists do not exist there,
// and one of them may have held its lock at the fork. So the instance is
// found without a lock: one atomic pointer to the instance and the process
// that made it; a process that finds another's makes its own and installs it
// with a compare-and-swap (the loser of a race frees its copy). The old
// instance is never freed: in the parent, threads still running at exit may
// reach it.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <memory>

namespace lockvm::rt {

template <class T>
T& per_process_instance() {
  struct Owned {
    T value;
    pid_t pid = 0;
  };
  static std::atomic<Owned*> current{nullptr};
  const pid_t me = ::getpid();
  Owned* seen = current.load(std::memory_order_acquire);
  while (!seen || seen->pid != me) {
    auto fresh = std::make_unique<Owned>();
    fresh->pid = me;
    if (current.compare_exchange_strong(seen, fresh.get(), std::memory_order_acq_rel)) {
      seen = fresh.release();  // leaked on purpose: see above
      break;
    }
    // Another thread of this process installed one first: `seen` is now it.
  }
  return seen->value;
}

}  // namespace lockvm::rt
