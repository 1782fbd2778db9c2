// After fork() under fibers: the child is a copy of the whole OS thread, so
// every fiber of the parent is copied too, suspended where it was. Only the
// fiber that forked may run in the child (as only the forking thread exists
// in a child of a threaded process); the others must never be resumed, or
// they would go on running the parent's program.
//
// ForkSurvivorScheduler is the round-robin scheduler with a filter in
// front: a context that existed before the fork (the registry of live
// script fibers FiberThreads keeps, plus the main context if it is not the
// survivor) is dropped when it becomes ready — it is never queued, so never
// resumed, and its stack is simply abandoned (the child ends with _exit).
// Fibers started after the fork are not in the set and run normally.
#pragma once

#include <boost/fiber/algo/round_robin.hpp>
#include <boost/fiber/context.hpp>

#include <set>

namespace lockvm {

class ForkSurvivorScheduler final : public boost::fibers::algo::algorithm {
 public:
  using context = boost::fibers::context;
  ForkSurvivorScheduler(std::set<context::id> stale, bool main_stale)
      : stale_(std::move(stale)), main_stale_(main_stale) {}

  void awakened(context* ctx) noexcept override {
    if (ctx->is_context(boost::fibers::type::main_context) ? main_stale_
        : !ctx->is_context(boost::fibers::type::dispatcher_context) && stale_.count(ctx->get_id()))
      return;  // a fiber of the parent: never resumed in the child
    rr_.awakened(ctx);
  }
  context* pick_next() noexcept override { return rr_.pick_next(); }
  bool has_ready_fibers() const noexcept override { return rr_.has_ready_fibers(); }
  void suspend_until(std::chrono::steady_clock::time_point const& tp) noexcept override { rr_.suspend_until(tp); }
  void notify() noexcept override { rr_.notify(); }

 private:
  boost::fibers::algo::round_robin rr_;
  std::set<context::id> stale_;
  bool main_stale_;
};

}  // namespace lockvm
