// fork() of a running interpreter, done right in a multi-threaded VM.
//
// Only the calling thread exists in the child (POSIX), but the memory of the
// others is copied as it was: locks they held stay held, fibers they were
// stay suspended, book-keeping still counts them. after_fork_child() puts
// the child's interpreter back in the state of a process whose one thread is
// the caller, and which holds what it needs to run bytecode. Each reset is
// owned by the piece that knows the state (the policy's lock, its thread
// model, its reference counting); this is the one place that calls them all.
// docs/processes.md says per policy what is reset and why.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <cstdio>
#include <new>

#include "policies/stop_the_world.hpp"
#include "runtime/core.hpp"

namespace lockvm::rt {

template <LockPolicy P>
void after_fork_child(Thread<P>& t) {
  Interp<P>& in = t.interp;
  // The interpreter lock: the GIL is held by the caller (it was running
  // bytecode), and its mutex may have been held by a thread that vanished.
  if constexpr (requires { in.lock.reset_after_fork(); }) in.lock.reset_after_fork();
  // The thread model: fibers of the parent must never be resumed.
  if constexpr (requires { P::Threads::after_fork_child(); }) P::Threads::after_fork_child();
  // The reference counting: biased RC's merge queues of vanished owners.
  if constexpr (requires { P::after_fork_child(); }) P::after_fork_child();
  // Interpreter-wide tables another thread may have been changing (the
  // free-threaded runtime's table lock, where it exists).
  if constexpr (requires { in.tables_mu.unlock(); }) new (&in.tables_mu) std::mutex();
  in.threads.after_fork_child();
  // Requests aimed at the parent's other threads (a drop request, a fiber
  // switch) mean nothing here.
  in.eval_breaker.fetch_and(~(kBreakLockRequest | kBreakSwitch | kBreakMerge), std::memory_order_relaxed);
  // The survivor is the child's main thread (Ctrl-C goes to it, as in CPython).
  t.is_main = true;
}

// fork() from Python: the child returns 0 and continues on the calling
// thread; -1 with errno on failure. Buffered output is flushed first, or the
// child would print it a second time. Under the free-threaded policies the
// other threads are stopped at a safe point first, so that none is half-way
// through an operation on an object (holding its lock) when the memory is
// copied; the child starts with a fresh interpreter lock, the parent
// restarts its world.
template <LockPolicy P>
pid_t fork_interpreter(Thread<P>& t) {
  StoppedWorld stopped(t.interp.lock);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = ::fork();
  if (pid == 0) after_fork_child(t);
  return pid;
}

}  // namespace lockvm::rt
