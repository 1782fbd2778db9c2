// The `_multiprocessing` module: the few POSIX primitives the
// `multiprocessing` and `concurrent.futures` modules (runtime/lib, in Python)
// are built on. Every wait is a blocking call of the policy's thread model
// (wait_fd in runtime/io_wait.hpp): the GIL is released, or only the calling
// fiber is suspended, so other threads keep running.
//
//   fork() -> pid                   0 in the child (runtime/fork.hpp resets it)
//   waitpid(pid, timeout=None)      exit code (-signal if killed), None on timeout;
//                                   waits on a pidfd, so a join is one wake-up
//   kill(pid, sig), getpid(), getppid(), cpu_count(), _exit(code)
//   pipe() -> (r, w)                non-blocking, close-on-exec, 1 MiB buffer
//   close(fd)
//   send(fd, data)                  one message: 4-byte length + bytes
//   recv(fd, timeout=None)          the next message; None on timeout, EOFError at EOF
//   poll(fd, timeout=0)             readable (a message, or EOF) within timeout?
//   sem_acquire(fd, timeout=None)   take one byte from a pipe (a cross-process
//   sem_release(fd)                 semaphore: the bytes in the pipe are its value)
//   drain(fd)                       read what is there (Event.clear)
//   SharedMemory(size)              MAP_SHARED anonymous memory, shared with
//     .get(typecode, i), .set(typecode, i, v)   children forked after it
//
// Messages between processes are written by one write() when they fit in
// PIPE_BUF (atomic); bigger ones need the writers to hold a lock, which
// multiprocessing.Queue does.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "runtime/fork.hpp"
#include "runtime/io_wait.hpp"
#include "runtime/methods_common.hpp"
#include "runtime/modules_import.hpp"
#include "runtime/modules_socket.hpp"
#include "runtime/registry.hpp"

namespace lockvm::rt {

namespace mp {

template <LockPolicy P>
bool int_arg(Thread<P>& t, const Value& v, int64_t& out) {
  return to_int64(t, v, out);
}

// None or a number of seconds; negative = wait forever.
template <LockPolicy P>
bool timeout_arg(Thread<P>& t, const Value& v, double& out) {
  out = -1;
  if (v.is_null() || v.is_none()) return true;
  if (!numm::to_double_safe(t, v, out)) return false;
  if (out < 0) out = 0;
  return true;
}

template <LockPolicy P>
Value mp_fork(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "fork", nargs, kw)) return Value();
  pid_t pid = fork_interpreter(t);
  if (pid < 0) return sockm::raise_errno(t, errno);
  return Value::integer(pid);
}

inline int exit_code_of(int status) {
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WEXITSTATUS(status);
}

// waitpid(pid, timeout=None): reaps the child. A pidfd becomes readable when
// the child exits, so the wait is an ordinary fd wait; kernels without
// pidfd_open get a poll every few milliseconds instead.
template <LockPolicy P>
Value mp_waitpid(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "waitpid", args, nargs, kw, {"pid", "timeout"}, 1, a)) return Value();
  int64_t pid;
  double timeout;
  if (!int_arg(t, a[0], pid) || !timeout_arg(t, a[1], timeout)) return Value();
  int status = 0;
  pid_t r = ::waitpid(static_cast<pid_t>(pid), &status, WNOHANG);
  if (r < 0) return sockm::raise_errno(t, errno);
  if (r == 0 && timeout != 0) {
    IoDeadline deadline = timeout < 0 ? IoDeadline() : deadline_after(timeout);
    int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, static_cast<pid_t>(pid), 0));
    WaitResult w = WaitResult::Ready;
    {
      BlockingSection<P> unlocked(t);
      for (;;) {
        if (pidfd >= 0) {
          w = wait_fd(t, pidfd, false, deadline);
        } else {
          auto step = std::chrono::milliseconds(2);
          if (deadline && std::chrono::steady_clock::now() + step > *deadline) w = WaitResult::TimedOut;
          else P::Threads::sleep_for(step);
          if (t.is_main && (t.interp.eval_breaker.load(std::memory_order_relaxed) & kBreakInterrupt))
            w = WaitResult::Interrupted;
        }
        r = ::waitpid(static_cast<pid_t>(pid), &status, WNOHANG);
        if (r != 0 || w != WaitResult::Ready) break;
      }
    }
    if (pidfd >= 0) ::close(pidfd);
    if (r < 0) return sockm::raise_errno(t, errno);
    if (r == 0 && w == WaitResult::Interrupted) return raise_interrupt(t);
  }
  if (r == 0) return Value::none();
  return Value::integer(exit_code_of(status));
}

template <LockPolicy P>
Value mp_kill(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "kill", nargs, kw, 2, 2)) return Value();
  int64_t pid, sig;
  if (!int_arg(t, args[0], pid) || !int_arg(t, args[1], sig)) return Value();
  if (::kill(static_cast<pid_t>(pid), static_cast<int>(sig)) < 0) return sockm::raise_errno(t, errno);
  return Value::none();
}

template <LockPolicy P>
Value mp_getpid(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "getpid", nargs, kw)) return Value();
  return Value::integer(::getpid());
}

template <LockPolicy P>
Value mp_getppid(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "getppid", nargs, kw)) return Value();
  return Value::integer(::getppid());
}

template <LockPolicy P>
Value mp_cpu_count(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "cpu_count", nargs, kw)) return Value();
  unsigned n = std::thread::hardware_concurrency();
  return Value::integer(n ? n : 1);
}

// _exit(code): ends the process now (a child after its target ran), output flushed.
template <LockPolicy P>
Value mp_exit(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "_exit", nargs, kw, 1, 1)) return Value();
  int64_t code;
  if (!int_arg(t, args[0], code)) return Value();
  std::fflush(stdout);
  std::fflush(stderr);
  ::_exit(static_cast<int>(code));
}

template <LockPolicy P>
Value mp_pipe(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "pipe", nargs, kw)) return Value();
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0) return sockm::raise_errno(t, errno);
  // A larger buffer: fewer writers wait for a reader (best effort; the
  // system's pipe-max-size may refuse it).
  ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
  Value items[2] = {Value::integer(fds[0]), Value::integer(fds[1])};
  return new_tuple(t, items, 2);
}

template <LockPolicy P>
Value mp_close(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "close", nargs, kw, 1, 1)) return Value();
  int64_t fd;
  if (!int_arg(t, args[0], fd)) return Value();
  if (::close(static_cast<int>(fd)) < 0 && errno != EINTR) return sockm::raise_errno(t, errno);
  return Value::none();
}

// Writes all of buf, waiting while the pipe is full. Returns 0 or an errno.
template <LockPolicy P>
int write_all(Thread<P>& t, int fd, const char* buf, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, buf, n);
    if (w > 0) {
      buf += w;
      n -= static_cast<size_t>(w);
      continue;
    }
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && errno != EAGAIN) return errno;
    if (wait_fd(t, fd, true, IoDeadline()) == WaitResult::Interrupted) return EINTR;
  }
  return 0;
}

// Reads exactly n bytes. Returns 0, -1 at EOF before the first byte when
// `eof_ok`, or an errno; ETIMEDOUT when the deadline passed first.
template <LockPolicy P>
int read_all(Thread<P>& t, int fd, char* buf, size_t n, const IoDeadline& deadline) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, buf + got, n - got);
    if (r > 0) {
      got += static_cast<size_t>(r);
      continue;
    }
    if (r == 0) return got == 0 ? -1 : EPIPE;  // EOF (mid-message: the writer died)
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return errno;
    // Once a message has begun, it is read to its end whatever the deadline.
    WaitResult w = wait_fd(t, fd, false, got == 0 ? deadline : IoDeadline());
    if (w == WaitResult::TimedOut) return ETIMEDOUT;
    if (w == WaitResult::Interrupted) return EINTR;
  }
  return 0;
}

template <LockPolicy P>
Value raise_io(Thread<P>& t, int err) {
  if (err == EINTR) return raise_interrupt(t);
  return sockm::raise_errno(t, err);
}

template <LockPolicy P>
Value mp_send(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "send", nargs, kw, 2, 2)) return Value();
  int64_t fd;
  if (!int_arg(t, args[0], fd)) return Value();
  if (!is_kind(args[1], Kind::Bytes)) return raise(t, t.types().TypeError, "send() data must be bytes");
  std::string_view data = static_cast<BytesObject*>(args[1].o)->view();
  if (data.size() > 0xFFFFFFFFu) return raise(t, t.types().ValueError, "message too long");
  // One buffer, so that a message up to PIPE_BUF is one atomic write.
  std::string msg(4, '\0');
  uint32_t n = static_cast<uint32_t>(data.size());
  std::memcpy(msg.data(), &n, 4);
  msg.append(data);
  int err;
  {
    BlockingSection<P> unlocked(t);
    err = write_all(t, static_cast<int>(fd), msg.data(), msg.size());
  }
  if (err) return raise_io(t, err);
  return Value::none();
}

template <LockPolicy P>
Value mp_recv(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "recv", args, nargs, kw, {"fd", "timeout"}, 1, a)) return Value();
  int64_t fd;
  double timeout;
  if (!int_arg(t, a[0], fd) || !timeout_arg(t, a[1], timeout)) return Value();
  IoDeadline deadline = timeout < 0 ? IoDeadline() : deadline_after(timeout);
  std::string body;
  int err;
  {
    BlockingSection<P> unlocked(t);
    uint32_t n = 0;
    err = read_all(t, static_cast<int>(fd), reinterpret_cast<char*>(&n), 4, deadline);
    if (err == 0) {
      body.resize(n);
      err = read_all(t, static_cast<int>(fd), body.data(), n, IoDeadline());
      if (err == -1) err = EPIPE;
    }
  }
  if (err == ETIMEDOUT) return Value::none();
  if (err == -1 || err == EPIPE) return raise(t, t.types().EOFError, "");
  if (err) return raise_io(t, err);
  return new_bytes(t, body);
}

template <LockPolicy P>
Value mp_poll(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "poll", args, nargs, kw, {"fd", "timeout"}, 1, a)) return Value();
  int64_t fd;
  double timeout = 0;
  if (!int_arg(t, a[0], fd)) return Value();
  if (!a[1].is_null() && !timeout_arg(t, a[1], timeout)) return Value();
  IoDeadline deadline = timeout < 0 ? IoDeadline() : deadline_after(timeout);
  WaitResult w;
  {
    BlockingSection<P> unlocked(t);
    if (timeout == 0) {
      pollfd p{static_cast<int>(fd), POLLIN, 0};
      w = ::poll(&p, 1, 0) > 0 ? WaitResult::Ready : WaitResult::TimedOut;
    } else {
      w = wait_fd(t, static_cast<int>(fd), false, deadline);
    }
  }
  if (w == WaitResult::Interrupted) return raise_interrupt(t);
  return Value::boolean(w == WaitResult::Ready);
}

// sem_acquire(fd, timeout=None) -> bool: one byte out of the pipe. Several
// processes may wait: poll wakes them all, one read wins, the others wait again.
template <LockPolicy P>
Value mp_sem_acquire(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "sem_acquire", args, nargs, kw, {"fd", "timeout"}, 1, a)) return Value();
  int64_t fd;
  double timeout;
  if (!int_arg(t, a[0], fd) || !timeout_arg(t, a[1], timeout)) return Value();
  IoDeadline deadline = timeout < 0 ? IoDeadline() : deadline_after(timeout);
  char byte;
  ssize_t r = ::read(static_cast<int>(fd), &byte, 1);
  if (r == 1) return Value::boolean(true);
  if (timeout == 0) return Value::boolean(false);
  WaitResult w = WaitResult::Ready;
  {
    BlockingSection<P> unlocked(t);
    for (;;) {
      w = wait_fd(t, static_cast<int>(fd), false, deadline);
      if (w != WaitResult::Ready) break;
      r = ::read(static_cast<int>(fd), &byte, 1);
      if (r == 1 || r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) break;
    }
  }
  if (w == WaitResult::Interrupted) return raise_interrupt(t);
  return Value::boolean(r == 1);
}

template <LockPolicy P>
Value mp_sem_release(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "sem_release", nargs, kw, 1, 1)) return Value();
  int64_t fd;
  if (!int_arg(t, args[0], fd)) return Value();
  char byte = 1;
  int err;
  {
    BlockingSection<P> unlocked(t);
    err = write_all(t, static_cast<int>(fd), &byte, 1);
  }
  if (err) return raise_io(t, err);
  return Value::none();
}

template <LockPolicy P>
Value mp_drain(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "drain", nargs, kw, 1, 1)) return Value();
  int64_t fd;
  if (!int_arg(t, args[0], fd)) return Value();
  char buf[256];
  int64_t total = 0;
  for (ssize_t r; (r = ::read(static_cast<int>(fd), buf, sizeof buf)) > 0;) total += r;
  return Value::integer(total);
}

// spawn(code, fd) -> pid: a fresh lockvm of the same policy running
// `-c code`, inheriting the parent's descriptors (fd: the pipe it reads its
// Process from).
template <LockPolicy P>
Value mp_spawn(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "spawn", nargs, kw, 2, 2)) return Value();
  int64_t fd;
  if (!is_str(args[0]) || !int_arg(t, args[1], fd)) return raise(t, t.types().TypeError, "spawn(code, fd)");
  // Everything the child needs is made before fork(): after it, in a
  // threaded process, only async-signal-safe calls are allowed until exec.
  std::string exe = "/proc/self/exe", policy = std::string("--policy=") + P::kName;
  std::string code(as_str(args[0])->view());
  const char* argv[] = {"lockvm", policy.c_str(), "-c", code.c_str(), nullptr};
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = ::fork();
  if (pid < 0) return sockm::raise_errno(t, errno);
  if (pid == 0) {
    // Every descriptor survives the exec, under the same number: the
    // queues, pipes and locks sent to the child name their pipes by number.
    for (int i = 3; i < 1024; ++i) ::fcntl(i, F_SETFD, 0);
    (void)fd;
    ::execv(exe.c_str(), const_cast<char* const*>(argv));
    ::_exit(127);
  }
  return Value::integer(pid);
}

// In a spawned child: runs the main script as the module __mp_main__ (so
// its `if __name__ == "__main__":` part does not run again), which is also
// sys.modules["__main__"], where functions sent by reference are found.
template <LockPolicy P>
Value mp_run_main(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "run_main_as_mp_main", nargs, kw, 1, 1)) return Value();
  if (!is_str(args[0])) return raise(t, t.types().TypeError, "path must be a str");
  std::string path(as_str(args[0])->view());
  size_t slash = path.rfind('/');
  t.interp.module_path.insert(t.interp.module_path.begin(), slash == std::string::npos ? "." : path.substr(0, slash));
  Value mod = exec_module_file(t, "__mp_main__", path);
  if (mod.is_null()) return mod;
  dict_set(t, t.interp.modules, Value::object(t.names().__main__), mod);
  decref<P>(mod);
  return Value::none();
}

// ---- shared memory --------------------------------------------------------------

struct SharedMemory {
  char* base = nullptr;
  size_t size = 0;
  TypeObject* type = nullptr;
  ~SharedMemory() {
    if (base) ::munmap(base, size);
  }
};

template <LockPolicy P>
void destroy_shm(void* p) {
  std::unique_ptr<SharedMemory> m(static_cast<SharedMemory*>(p));
  TypeObject* type = m->type;
  m.reset();
  decref<P>(type);
}

template <LockPolicy P>
Value shm_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "SharedMemory", nargs, kw, 2, 2)) return Value();
  int64_t size;
  if (!int_arg(t, args[1], size)) return Value();
  if (size < 0) return raise(t, t.types().ValueError, "negative size");
  void* p = ::mmap(nullptr, size ? size : 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return sockm::raise_errno(t, errno);
  auto mem = std::make_unique<SharedMemory>();
  mem->base = static_cast<char*>(p);
  mem->size = size ? size : 1;
  mem->type = as_type(args[0]);
  incref<P>(mem->type);
  auto* h = alloc_object<P, HostDataObject>(mem->type, Kind::HostData);
  h->ptr = mem.release();
  h->destroy = &destroy_shm<P>;
  return Value::object(h);
}

inline size_t item_size(char code) {
  switch (code) {
    case 'b': case 'B': case 'c': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'd': return 8;
    default: return 0;
  }
}

// The item `index` of typecode `code` in the block; null with an exception set.
template <LockPolicy P>
char* shm_item(Thread<P>& t, const Value* args, size_t nargs, char& code) {
  if (nargs < 3 || !is_kind(args[0], Kind::HostData) ||
      static_cast<HostDataObject*>(args[0].o)->destroy != &destroy_shm<P>) {
    raise(t, t.types().TypeError, "SharedMemory method needs (self, typecode, index)");
    return nullptr;
  }
  auto* mem = static_cast<SharedMemory*>(static_cast<HostDataObject*>(args[0].o)->ptr);
  if (!is_str(args[1]) || as_str(args[1])->size != 1 || !item_size(as_str(args[1])->data[0])) {
    raise(t, t.types().ValueError, "bad typecode (must be b, B, h, H, i, I, l, L, q, Q, f or d)");
    return nullptr;
  }
  code = as_str(args[1])->data[0];
  int64_t index;
  if (!int_arg(t, args[2], index)) return nullptr;
  size_t sz = item_size(code);
  if (index < 0 || static_cast<size_t>(index + 1) * sz > mem->size) {
    raise(t, t.types().IndexError, "index out of range");
    return nullptr;
  }
  return mem->base + index * sz;
}

template <class T>
T load_item(const char* p) {
  // Atomic per item: another process may be writing it (a Value without its lock).
  return std::atomic_ref<T>(*const_cast<T*>(reinterpret_cast<const T*>(p))).load(std::memory_order_relaxed);
}
template <class T>
void store_item(char* p, T v) {
  std::atomic_ref<T>(*reinterpret_cast<T*>(p)).store(v, std::memory_order_relaxed);
}

template <LockPolicy P>
Value shm_get(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  char code;
  char* p = shm_item(t, args, nargs, code);
  if (!p) return Value();
  switch (code) {
    case 'b': return Value::integer(load_item<int8_t>(p));
    case 'c':
    case 'B': return Value::integer(load_item<uint8_t>(p));
    case 'h': return Value::integer(load_item<int16_t>(p));
    case 'H': return Value::integer(load_item<uint16_t>(p));
    case 'i': return Value::integer(load_item<int32_t>(p));
    case 'I': return Value::integer(load_item<uint32_t>(p));
    case 'l':
    case 'q': return Value::integer(load_item<int64_t>(p));
    case 'L':
    case 'Q': {
      uint64_t v = load_item<uint64_t>(p);
      if (v <= static_cast<uint64_t>(INT64_MAX)) return Value::integer(static_cast<int64_t>(v));
      return new_bigint(t, BigInt(v));
    }
    case 'f': return Value::number(load_item<float>(p));
    default: return Value::number(load_item<double>(p));
  }
}

template <LockPolicy P>
Value shm_set(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  char code;
  char* p = shm_item(t, args, nargs, code);
  if (!p) return Value();
  if (nargs != 4) return raise(t, t.types().TypeError, "set() needs (typecode, index, value)");
  if (code == 'f' || code == 'd') {
    double d;
    if (!to_double(t, args[3], d)) return Value();
    if (code == 'f') store_item<float>(p, static_cast<float>(d));
    else store_item<double>(p, d);
    return Value::none();
  }
  int64_t v;
  if (!int_arg(t, args[3], v)) return Value();
  switch (item_size(code)) {
    case 1: store_item<uint8_t>(p, static_cast<uint8_t>(v)); break;
    case 2: store_item<uint16_t>(p, static_cast<uint16_t>(v)); break;
    case 4: store_item<uint32_t>(p, static_cast<uint32_t>(v)); break;
    default: store_item<uint64_t>(p, static_cast<uint64_t>(v)); break;
  }
  return Value::none();
}

}  // namespace mp

template <LockPolicy P>
Value make_mp_module(Thread<P>& t) {
  using namespace mp;
  // A write to a pipe whose readers are gone must raise BrokenPipeError, not
  // kill the process (CPython ignores SIGPIPE at start-up too).
  ::signal(SIGPIPE, SIG_IGN);
  Value mod = new_module(t, "_multiprocessing");
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_function(t, d, "fork", mp_fork<P>);
  add_function(t, d, "waitpid", mp_waitpid<P>);
  add_function(t, d, "kill", mp_kill<P>);
  add_function(t, d, "getpid", mp_getpid<P>);
  add_function(t, d, "getppid", mp_getppid<P>);
  add_function(t, d, "cpu_count", mp_cpu_count<P>);
  add_function(t, d, "_exit", mp_exit<P>);
  add_function(t, d, "pipe", mp_pipe<P>);
  add_function(t, d, "close", mp_close<P>);
  add_function(t, d, "send", mp_send<P>);
  add_function(t, d, "recv", mp_recv<P>);
  add_function(t, d, "poll", mp_poll<P>);
  add_function(t, d, "sem_acquire", mp_sem_acquire<P>);
  add_function(t, d, "sem_release", mp_sem_release<P>);
  add_function(t, d, "drain", mp_drain<P>);
  add_function(t, d, "spawn", mp_spawn<P>);
  add_function(t, d, "run_main_as_mp_main", mp_run_main<P>);
  Ref<P> shm(Value::object(new_builtin_class(t, "SharedMemory", "_multiprocessing", Kind::HostData)));
  add_method(t, as_type(*shm), "__new__", shm_new<P>);
  add_method(t, as_type(*shm), "get", shm_get<P>);
  add_method(t, as_type(*shm), "set", shm_set<P>);
  add_value(t, d, "SharedMemory", *shm);
  return keep.release();
}

}  // namespace lockvm::rt
