// Script threads as fibers on one OS thread (NoLock): Boost.Fiber, built on
// Boost.Context. A fiber runs until it blocks (a lock, a sleep, a join, I/O)
// or until the switch interval has passed, when the eval loop yields (the
// ticker in runtime/thread_runtime.hpp sets the eval breaker). Nothing is
// ever run in parallel, so nothing else needs synchronizing: the single-core
// baseline.
#pragma once

#include <boost/fiber/all.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <set>

#include "policies/fiber_fork.hpp"

namespace lockvm {

struct FiberThreads {
  static constexpr const char* kKind = "fibers";
  static constexpr bool kFibers = true;
  using Mutex = boost::fibers::mutex;
  using CondVar = boost::fibers::condition_variable;

  // Starts `fn` as a detached fiber. The stack is mmap'ed with a guard page,
  // so its size costs address space, not memory.
  // Returns the fiber's ident (what current_id() gives inside it).
  static uint64_t spawn(std::function<void()> fn, size_t stack_bytes) {
    // Each live fiber is listed (after_fork_child needs them); launch::post,
    // so the fiber cannot run, and finish, before it is listed.
    boost::fibers::fiber f(std::allocator_arg, boost::fibers::protected_fixedsize_stack(stack_bytes),
                           [fn = std::move(fn)] {
                             fn();
                             live().erase(boost::this_fiber::get_id());
                           });
    live().insert(f.get_id());
    uint64_t ident = id_of(f.get_id());
    f.detach();
    return ident;
  }

  // In the child of fork(): only the calling fiber survives (fiber_fork.hpp).
  static void after_fork_child() {
    auto stale = std::move(live());
    live().clear();
    stale.erase(boost::this_fiber::get_id());
    bool main_stale = !boost::fibers::context::active()->is_context(boost::fibers::type::main_context);
    boost::fibers::use_scheduling_algorithm<ForkSurvivorScheduler>(std::move(stale), main_stale);
  }

  static void sleep_for(std::chrono::nanoseconds d) { boost::this_fiber::sleep_for(d); }
  static void yield() { boost::this_fiber::yield(); }
  static uint64_t current_id() { return id_of(boost::this_fiber::get_id()); }

 private:
  static std::set<boost::fibers::fiber::id>& live() {
    static thread_local std::set<boost::fibers::fiber::id> ids;
    return ids;
  }
  // A fiber id wraps its context's address and only prints it (no hash, no
  // accessor), so the ident is read back from its printed form.
  static uint64_t id_of(boost::fibers::fiber::id id) {
    std::ostringstream os;
    os << id;
    uint64_t v = std::strtoull(os.str().c_str(), nullptr, 16);
    return v ? v : 1;
  }
};

}  // namespace lockvm
