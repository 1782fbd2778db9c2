// A process-wide instance that a forked child makes anew, for the registries
// of the interpreters module (runtime/interp_worker.hpp, interp_queues.hpp).
//
// The child cannot use the parent's: the threads it lists do not exist there,
// and one of them may have held its mutex at the fork. The old instance is
// never freed: in the parent, threads still running at exit may reach it.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <mutex>

namespace lockvm::rt {

template <class T>
T& per_process_instance() {
  static std::mutex mu;
  static T* instance = nullptr;
  static pid_t owner = 0;
  std::lock_guard lk(mu);
  if (!instance || owner != ::getpid()) {
    instance = new T();  // leaked on purpose: see above
    owner = ::getpid();
  }
  return *instance;
}

}  // namespace lockvm::rt
