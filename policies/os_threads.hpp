// Script threads as OS threads: GlobalLock (one of them runs bytecode at a
// time, by the GIL) and the parallel policies (all of them run at once).
//
// A thread model is what the runtime's threading support is written against
// (runtime/thread_runtime.hpp): how to start a script thread, and the mutex,
// condition variable, sleep and yield that block *only the calling script
// thread*. FiberThreads (fiber_threads.hpp) is the other model.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace lockvm {

struct OsThreads {
  static constexpr const char* kKind = "OS threads";
  static constexpr bool kFibers = false;
  using Mutex = std::mutex;
  using CondVar = std::condition_variable;

  // Returns the new thread's ident (what current_id() gives inside it), or 0
  // if it could not be started.
  // Starts `fn` on a new detached OS thread with a stack of `stack_bytes`
  // (address space only: pages are committed as the stack grows). Python
  // calls do not use the C++ stack, but C++ re-entries into Python do.
  static uint64_t spawn(std::function<void()> fn, size_t stack_bytes) {
    auto job = std::make_unique<std::function<void()>>(std::move(fn));
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_bytes);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    // Script threads never take SIGINT: CPython delivers signals to the main
    // thread, and so does lockvm (runtime/main.cpp).
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_t th;
    int rc = pthread_create(&th, &attr, &run, job.get());
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    pthread_attr_destroy(&attr);
    if (rc != 0) return 0;
    job.release();  // owned by the new thread now
    return static_cast<uint64_t>(th);
  }

  static void sleep_for(std::chrono::nanoseconds d) { std::this_thread::sleep_for(d); }
  static void yield() { std::this_thread::yield(); }
  static uint64_t current_id() { return static_cast<uint64_t>(pthread_self()); }

 private:
  static void* run(void* p) {
    std::unique_ptr<std::function<void()>> job(static_cast<std::function<void()>*>(p));
    (*job)();
    return nullptr;
  }
};

}  // namespace lockvm
