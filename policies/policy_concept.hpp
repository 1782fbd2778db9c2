// What a locking policy must provide.
//
// A policy is a struct of static hooks (no virtual calls, no state of its
// own): the header it puts in front of every heap object, how that header's
// reference count is changed, how a mutable object is locked for one
// operation, and the per-interpreter lock a thread must hold to run bytecode
// (a real GIL, or nothing). The VM, the object model and the builtins are
// templates on the policy; `static_assert(LockPolicy<P>)` in each policy's
// header catches a missing hook at its definition, not deep in the VM.
#pragma once

#include <concepts>
#include <cstddef>

#include "policies/policy_stats.hpp"

namespace lockvm {

template <class P>
concept LockPolicy = requires(typename P::Header& h, const typename P::Header& ch,
                              typename P::InterpreterLock& gil) {
  // The header in front of each object; its size is the policy's per-object cost.
  typename P::Header;
  requires sizeof(typename P::Header) % alignof(std::max_align_t) == 0 ||
               sizeof(typename P::Header) % 8 == 0;
  { P::kName } -> std::convertible_to<const char*>;
  // True when script threads may run bytecode at the same time.
  { P::kParallel } -> std::convertible_to<bool>;

  { P::init_header(h) } noexcept;
  { P::incref(h) } noexcept;
  // Drops one reference; true when that was the last one (the caller frees).
  { P::decref(h) } noexcept -> std::same_as<bool>;
  { P::refcount(ch) } noexcept -> std::convertible_to<long>;
  // Never freed until interpreter teardown; reference counting may skip it.
  { P::make_immortal(h) } noexcept;
  { P::is_immortal(ch) } noexcept -> std::same_as<bool>;

  // Per-object lock around one container operation (no-ops where one thread
  // runs at a time). lock_object says whether it took the lock (a policy may
  // elide it); unlock_object is told the same.
  { P::lock_object(h) } noexcept -> std::same_as<bool>;
  { P::unlock_object(h, true) } noexcept;

  // How script threads are made and how they block (os_threads.hpp,
  // fiber_threads.hpp).
  typename P::Threads;
  typename P::Threads::Mutex;
  typename P::Threads::CondVar;

  // The lock a thread holds while it runs bytecode.
  typename P::InterpreterLock;
  { gil.acquire() };
  { gil.release() };
};

}  // namespace lockvm
