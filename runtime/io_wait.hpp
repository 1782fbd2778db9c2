// Waiting for a file descriptor to become readable or writable, as a
// blocking call of the policy's thread model: the one primitive the socket
// module (runtime/modules_socket.hpp) blocks with.
//
//   wait_fd(t, fd, for_write, deadline) -> Ready / TimedOut / Interrupted
//   wait_fds(t, pollfds, deadline)       -> the same for several (select)
//
//   * OS threads (gil, and the parallel policies): poll() on the calling
//     thread. Call it inside a BlockingSection, so that other threads run
//     meanwhile. On the main thread the poll is sliced (20 ms), so that a
//     Ctrl-C is seen, as in wait_for_condition (runtime/thread_runtime.hpp).
//   * Fibers (nolock): the OS thread must keep running the other fibers, so
//     the wait is handed to one shared background thread running a
//     Boost.Asio io_context (IoReactor: epoll underneath). It waits on the
//     descriptor with stream_descriptor::async_wait and fulfils a
//     boost::fibers::promise; the calling fiber waits on the future, which
//     suspends only that fiber (Boost.Fiber wakes a fiber from another OS
//     thread through its scheduler's remote-ready queue). Before parking
//     there, the fiber yields to the others and looks again for up to 50 µs,
//     which is enough when the other end of the socket is a fiber too. When
//     no other fiber exists (only the main thread runs), the wait is a plain
//     poll().
//
// Ready also covers errors and hang-ups (POLLERR, POLLHUP, a closed fd): the
// caller retries its system call, which then reports the error itself.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/fiber/future.hpp>

#include "runtime/thread_runtime.hpp"

namespace lockvm::rt {

using IoDeadline = std::optional<std::chrono::steady_clock::time_point>;

namespace io_detail {

inline constexpr auto kSlice = std::chrono::milliseconds(20);  // main thread: how soon Ctrl-C is seen
inline constexpr auto kSpin = std::chrono::microseconds(50);    // fibers: yield and look again before parking

inline bool interrupted(const std::atomic<uint32_t>* breaker) {
  return breaker && (breaker->load(std::memory_order_relaxed) & kBreakInterrupt);
}

// The next poll()'s timeout in ms (-1: none) until `deadline`, at most
// kSlice on the main thread (breaker given) so that Ctrl-C is seen; false
// once the deadline has passed.
inline bool poll_timeout(const IoDeadline& deadline, const std::atomic<uint32_t>* breaker, int& ms) {
  using clock = std::chrono::steady_clock;
  ms = -1;
  if (deadline) {
    auto left = *deadline - clock::now();
    if (left <= clock::duration::zero()) return false;
    // Rounded up: a timeout of 0 ms would spin until the deadline.
    auto left_ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    ms = left_ms > INT_MAX ? INT_MAX : static_cast<int>(left_ms);
  }
  if (breaker && (ms < 0 || ms > kSlice.count())) ms = static_cast<int>(kSlice.count());
  return true;
}

// poll() until ready, the deadline, or (breaker given: the main thread) an
// interrupt. Blocks the calling OS thread.
inline WaitResult poll_fd(int fd, bool for_write, const IoDeadline& deadline, const std::atomic<uint32_t>* breaker) {
  for (;;) {
    if (interrupted(breaker)) return WaitResult::Interrupted;
    int ms;
    if (!poll_timeout(deadline, breaker, ms)) return WaitResult::TimedOut;
    pollfd p{fd, static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
    int r = ::poll(&p, 1, ms);
    if (r > 0) return WaitResult::Ready;
    if (r < 0 && errno != EINTR) return WaitResult::Ready;  // the retried call reports it
  }
}

// The background thread of fiber waits: an io_context kept running by a work
// guard. Made on first use and never destroyed: at exit, fibers of daemon
// threads may still be waiting on it (the process ends without joining it,
// as it ends without joining daemon threads).
class IoReactor {
 public:
  static IoReactor& get() {
    // Its thread does not exist in the child of a fork(): a child makes its
    // own (the parent's is abandoned, not destroyed: its mutexes may be held).
    // Interpreters on several OS threads (nolock) may ask at once.
    static std::atomic<IoReactor*> r{nullptr};
    static std::atomic<pid_t> owner{0};
    static std::mutex mu;
    IoReactor* p = r.load(std::memory_order_acquire);
    if (p && owner.load(std::memory_order_acquire) == ::getpid()) return *p;
    std::lock_guard lk(mu);
    p = r.load(std::memory_order_acquire);
    if (!p || owner.load(std::memory_order_acquire) != ::getpid()) {
      p = new IoReactor();
      owner.store(::getpid(), std::memory_order_release);
      r.store(p, std::memory_order_release);
    }
    return *p;
  }
  boost::asio::io_context& context() { return ctx_; }

 private:
  IoReactor() : work_(boost::asio::make_work_guard(ctx_)) {
    // Signals stay with the main thread (runtime/main.cpp), as for script threads.
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    std::thread([this] { ctx_.run(); }).detach();
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
  }
  boost::asio::io_context ctx_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
};

// One fiber's wait. Shared by the fiber and the reactor thread; every use of
// `sd` happens on the reactor thread (posted there), as Asio requires of one
// I/O object.
struct FdWaitOp {
  explicit FdWaitOp(boost::asio::io_context& ctx) : sd(ctx) {}
  boost::asio::posix::stream_descriptor sd;
  boost::fibers::promise<void> done;
};

// Suspends the calling fiber until fd is ready (or the deadline, or an
// interrupt when breaker is given).
inline WaitResult fiber_wait_fd(int fd, bool for_write, const IoDeadline& deadline,
                                const std::atomic<uint32_t>* breaker) {
  using clock = std::chrono::steady_clock;
  namespace asio = boost::asio;
  // First let the other fibers run and look again, for a few microseconds:
  // when the other end of the socket is a fiber too (a client and a server
  // in one process), it usually answers in that time, and the wait never
  // leaves the OS thread. (Handing a wait to the reactor and back costs two
  // thread wake-ups, some 100 µs.)
  {
    auto spin_end = clock::now() + kSpin;
    for (;;) {
      boost::this_fiber::yield();
      pollfd p{fd, static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
      if (::poll(&p, 1, 0) != 0) return WaitResult::Ready;  // ready, or an error the retried call reports
      if (interrupted(breaker)) return WaitResult::Interrupted;
      auto now = clock::now();
      if (deadline && now >= *deadline) return WaitResult::TimedOut;
      if (now >= spin_end) break;
    }
  }
  // The reactor watches a duplicate of the descriptor: epoll registers a
  // descriptor once, and several fibers may wait on one socket at a time (a
  // reader and a writer). A duplicate also keeps the socket alive if it is
  // closed meanwhile (poll() on a closed socket waits on, too).
  int dup_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (dup_fd < 0) return WaitResult::Ready;  // EBADF, EMFILE: the retried call reports it
  IoReactor& reactor = IoReactor::get();
  auto op = std::make_shared<FdWaitOp>(reactor.context());
  boost::fibers::future<void> fut = op->done.get_future();
  asio::post(reactor.context(), [op, dup_fd, for_write] {
    boost::system::error_code ec;
    op->sd.assign(dup_fd, ec);
    if (ec) {
      ::close(dup_fd);
      op->done.set_value();
      return;
    }
    op->sd.async_wait(for_write ? asio::posix::stream_descriptor::wait_write
                                : asio::posix::stream_descriptor::wait_read,
                      [op](const boost::system::error_code&) {
                        boost::system::error_code ignored;
                        op->sd.close(ignored);
                        op->done.set_value();
                      });
  });
  auto give_up = [&](WaitResult r) {
    // The handler then runs with operation_aborted and closes the duplicate.
    asio::post(reactor.context(), [op] {
      boost::system::error_code ignored;
      op->sd.cancel(ignored);
    });
    return r;
  };
  for (;;) {
    if (interrupted(breaker)) return give_up(WaitResult::Interrupted);
    if (!deadline && !breaker) {
      fut.wait();
      return WaitResult::Ready;
    }
    auto until = deadline ? *deadline : clock::now() + kSlice;
    if (breaker) until = std::min(until, clock::now() + kSlice);
    if (fut.wait_until(until) == boost::fibers::future_status::ready) return WaitResult::Ready;
    if (deadline && clock::now() >= *deadline) return give_up(WaitResult::TimedOut);
  }
}

// Several descriptors at once (select.select, the asyncio loop): the same
// two ways of waiting, until any one of them is ready. Afterwards a poll()
// with no wait fills every `revents`, whatever ended the wait.
inline void fill_revents(std::vector<pollfd>& fds) {
  for (pollfd& p : fds) p.revents = 0;
  if (!fds.empty()) ::poll(fds.data(), fds.size(), 0);
}

inline WaitResult poll_fds(std::vector<pollfd>& fds, const IoDeadline& deadline,
                           const std::atomic<uint32_t>* breaker) {
  for (;;) {
    if (interrupted(breaker)) return WaitResult::Interrupted;
    int ms;
    if (!poll_timeout(deadline, breaker, ms)) {
      fill_revents(fds);
      return WaitResult::TimedOut;
    }
    int r = ::poll(fds.data(), fds.size(), ms);
    if (r > 0) return WaitResult::Ready;
    if (r < 0 && errno != EINTR) {  // EINVAL, ENOMEM: report every descriptor as it stands
      fill_revents(fds);
      return WaitResult::Ready;
    }
  }
}

// One fiber's wait on several descriptors: one stream_descriptor per
// duplicate and direction, all touched on the reactor thread only; the first
// to become ready fulfils the promise (`fired` keeps the others from it).
struct FdsWaitOp {
  explicit FdsWaitOp(boost::asio::io_context& c) : ctx(c) {}
  boost::asio::io_context& ctx;
  std::vector<std::unique_ptr<boost::asio::posix::stream_descriptor>> sds;
  boost::fibers::promise<void> done;
  bool fired = false;
  void fire() {
    if (!fired) {
      fired = true;
      done.set_value();
    }
  }
};

inline WaitResult fiber_wait_fds(std::vector<pollfd>& fds, const IoDeadline& deadline,
                                 const std::atomic<uint32_t>* breaker) {
  using clock = std::chrono::steady_clock;
  namespace asio = boost::asio;
  // Unlike a socket call, which waits only after its call would block,
  // select() is often asked about descriptors that are ready already (an
  // event loop whose own coroutines just wrote), or asked not to wait at
  // all: then it returns at once, without giving the other fibers a turn,
  // as a call that does not block would.
  if (!fds.empty() && ::poll(fds.data(), fds.size(), 0) > 0) return WaitResult::Ready;
  if (deadline && clock::now() >= *deadline) {
    fill_revents(fds);
    return WaitResult::TimedOut;
  }
  {  // as fiber_wait_fd: let the other fibers run and look again first
    auto spin_end = clock::now() + kSpin;
    for (;;) {
      boost::this_fiber::yield();
      if (!fds.empty() && ::poll(fds.data(), fds.size(), 0) > 0) return WaitResult::Ready;
      if (interrupted(breaker)) return WaitResult::Interrupted;
      auto now = clock::now();
      if (deadline && now >= *deadline) {
        fill_revents(fds);
        return WaitResult::TimedOut;
      }
      if (now >= spin_end) break;
    }
  }
  struct Want {
    int fd;
    bool for_write;
  };
  std::vector<Want> wants;
  for (const pollfd& p : fds) {
    if (p.events & (POLLIN | POLLPRI)) wants.push_back({p.fd, false});
    if (p.events & POLLOUT) wants.push_back({p.fd, true});
  }
  IoReactor& reactor = IoReactor::get();
  auto op = std::make_shared<FdsWaitOp>(reactor.context());
  boost::fibers::future<void> fut = op->done.get_future();
  asio::post(reactor.context(), [op, wants] {
    for (const Want& w : wants) {
      int dup_fd = ::fcntl(w.fd, F_DUPFD_CLOEXEC, 0);
      if (dup_fd < 0) {  // EBADF, EMFILE: the final poll() reports it
        op->fire();
        continue;
      }
      auto sd = std::make_unique<asio::posix::stream_descriptor>(op->ctx);
      boost::system::error_code ec;
      sd->assign(dup_fd, ec);
      if (ec) {
        ::close(dup_fd);
        op->fire();
        continue;
      }
      asio::posix::stream_descriptor* raw = sd.get();
      op->sds.push_back(std::move(sd));
      raw->async_wait(w.for_write ? asio::posix::stream_descriptor::wait_write
                                  : asio::posix::stream_descriptor::wait_read,
                      [op](const boost::system::error_code& e) {
                        if (e != asio::error::operation_aborted) op->fire();
                      });
    }
  });
  // Whatever ends the wait, the descriptors are closed on the reactor
  // thread (their pending waits end with operation_aborted).
  auto finish = [&](WaitResult r) {
    asio::post(reactor.context(), [op] {
      boost::system::error_code ignored;
      for (auto& sd : op->sds) sd->close(ignored);
    });
    fill_revents(fds);
    return r;
  };
  for (;;) {
    if (interrupted(breaker)) return finish(WaitResult::Interrupted);
    if (!deadline && !breaker) {
      fut.wait();
      return finish(WaitResult::Ready);
    }
    auto until = deadline ? *deadline : clock::now() + kSlice;
    if (breaker) until = std::min(until, clock::now() + kSlice);
    if (fut.wait_until(until) == boost::fibers::future_status::ready) return finish(WaitResult::Ready);
    if (deadline && clock::now() >= *deadline) return finish(WaitResult::TimedOut);
  }
}

}  // namespace io_detail

// Waits until `fd` is readable (or writable), the deadline passes, or (main
// thread only) Ctrl-C is pressed; the caller raises KeyboardInterrupt on
// Interrupted (raise_interrupt). Call inside a BlockingSection: no Python
// object may be touched.
template <LockPolicy P>
WaitResult wait_fd(Thread<P>& t, int fd, bool for_write, const IoDeadline& deadline) {
  const std::atomic<uint32_t>* breaker = t.is_main ? &t.interp.eval_breaker : nullptr;
  if constexpr (P::Threads::kFibers) {
    // Alone (no script thread besides the main one), nothing else could run.
    if (t.is_main && t.interp.threads.running() == 0) return io_detail::poll_fd(fd, for_write, deadline, breaker);
    return io_detail::fiber_wait_fd(fd, for_write, deadline, breaker);
  } else {
    return io_detail::poll_fd(fd, for_write, deadline, breaker);
  }
}

// Waits until any of `fds` is ready (each pollfd's `events`), the deadline
// passes, or (main thread) Ctrl-C; every `revents` is filled on return. As
// wait_fd: call inside a BlockingSection.
template <LockPolicy P>
WaitResult wait_fds(Thread<P>& t, std::vector<pollfd>& fds, const IoDeadline& deadline) {
  const std::atomic<uint32_t>* breaker = t.is_main ? &t.interp.eval_breaker : nullptr;
  if constexpr (P::Threads::kFibers) {
    if (!(t.is_main && t.interp.threads.running() == 0))
      return io_detail::fiber_wait_fds(fds, deadline, breaker);
  }
  return io_detail::poll_fds(fds, deadline, breaker);
}

}  // namespace lockvm::rt
