// The `socket` module: blocking TCP and Unix-domain stream sockets with
// CPython's API, enough for script threads doing real I/O.
//
//   socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)
//     bind, listen, accept, connect, connect_ex, send, sendall, recv,
//     settimeout, gettimeout, setblocking, getblocking, getsockname,
//     getpeername, setsockopt, getsockopt, shutdown, close, detach, fileno,
//     with-statement, family/type/proto/timeout
//   socketpair(), create_server(), create_connection()
//   AF_INET, AF_UNIX, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, SO_REUSEPORT,
//   SO_KEEPALIVE, SO_ERROR, SO_RCVBUF, SO_SNDBUF, IPPROTO_TCP, TCP_NODELAY,
//   SHUT_RD/WR/RDWR, SOMAXCONN
//   error (= OSError), timeout (= TimeoutError, as in 3.10+), gaierror
//
// How a call blocks. Every socket is non-blocking at the OS level; the
// Python-level timeout (None: blocking, 0: non-blocking, > 0: seconds) is
// implemented here, as CPython's socketmodule.c does it (sock_call_ex): try
// the system call; if it would block, wait for the descriptor (wait_fd,
// runtime/io_wait.hpp) and try again, until the deadline. Under OS threads
// the whole loop runs with the interpreter lock released (BlockingSection),
// like CPython's Py_BEGIN_ALLOW_THREADS around each call — which is what
// makes an I/O thread queue for the GIL behind a CPU-bound one (the convoy
// effect, samples/convoy.py). Under fibers the lock is nothing and a wait
// suspends only the calling fiber.
//
// Plain POSIX calls, not Boost.Asio's socket classes: a Python socket is one
// object whatever its family (Asio's are typed by protocol: tcp::socket,
// local::stream_protocol::socket), CPython's behaviour is defined by errno
// (which exception, which message), and setsockopt/fileno/shutdown pass raw
// integers through. Each operation is a single non-blocking system call; the
// waiting around it is where Asio is used (the fiber reactor in io_wait.hpp).
//
// Not here: IPv6 addresses, SOCK_DGRAM's sendto/recvfrom, recv_into,
// makefile, getaddrinfo/gethostbyname as functions, setdefaulttimeout,
// OSError(errno, ...) choosing its subclass when called from Python.
// Host names are resolved with getaddrinfo() with the interpreter lock
// released; under fibers that blocks the OS thread (numeric addresses and
// "localhost" from /etc/hosts do not wait).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "runtime/classes.hpp"
#include "runtime/io_wait.hpp"
#include "runtime/methods_common.hpp"
#include "runtime/methods_numbers.hpp"
#include "runtime/registry.hpp"
#include "runtime/thread_runtime.hpp"

namespace lockvm::rt {

template <LockPolicy P> Value make_socket_module(Thread<P>& t);

namespace sockm {

// One socket's state; the Python object is a HostDataObject pointing at it.
template <LockPolicy P>
struct SocketCore {
  int fd = -1;           // -1 once closed or detached
  int family = AF_INET;
  int type = SOCK_STREAM;
  int proto = 0;
  double timeout = -1;   // seconds; < 0: None (blocking), 0: non-blocking
  TypeObject* cls = nullptr;  // owned: the instance keeps its type alive
};

template <LockPolicy P>
void destroy_socket(void* p) {
  std::unique_ptr<SocketCore<P>> core(static_cast<SocketCore<P>*>(p));
  if (core->fd >= 0) ::close(core->fd);  // CPython warns (ResourceWarning, silenced by default) and closes
  TypeObject* cls = core->cls;
  core.reset();
  decref<P>(cls);
}

template <LockPolicy P>
SocketCore<P>* core_of(Thread<P>& t, const Value* args, size_t nargs, const char* what) {
  if (nargs < 1 || !is_kind(args[0], Kind::HostData) ||
      static_cast<HostDataObject*>(args[0].o)->destroy != &destroy_socket<P>) {
    raisef(t, t.types().TypeError, "descriptor '", what, "' for '_socket.socket' objects doesn't apply to a '",
           nargs ? type_name(t, args[0]) : std::string_view("nothing"), "' object");
    return nullptr;
  }
  return static_cast<SocketCore<P>*>(static_cast<HostDataObject*>(args[0].o)->ptr);
}

// ------------------------------------------------------------------ errors

// The OSError subclass CPython picks for an errno (Objects/exceptions.c).
template <LockPolicy P>
TypeObject* errno_type(Thread<P>& t, int err) {
  BuiltinTypes& ty = t.types();
  switch (err) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: return ty.BlockingIOError;
    case EPIPE:
    case ESHUTDOWN: return ty.BrokenPipeError;
    case ECONNABORTED: return ty.ConnectionAbortedError;
    case ECONNREFUSED: return ty.ConnectionRefusedError;
    case ECONNRESET: return ty.ConnectionResetError;
    case ENOENT: return ty.FileNotFoundError;
    case EINTR: return ty.InterruptedError;
    case EACCES:
    case EPERM: return ty.PermissionError;
    case ESRCH: return ty.ProcessLookupError;
    case ECHILD: return ty.ChildProcessError;
    case ETIMEDOUT: return ty.TimeoutError;
    default: return ty.OSError;
  }
}

inline std::string errno_text(int err) {
  char buf[256];
  return strerror_r(err, buf, sizeof buf);  // the GNU strerror_r: returns the message
}

// type(errno, message): "[Errno 9] Bad file descriptor".
template <LockPolicy P>
Value raise_errno_as(Thread<P>& t, TypeObject* type, int err, std::string_view msg) {
  Value items[2] = {Value::integer(err), new_str(t, msg)};
  Value args = new_tuple(t, items, 2);
  decref<P>(items[1]);
  Value e = new_exception(t, type, args);
  decref<P>(args);
  set_pending(t, e);
  return Value();
}

template <LockPolicy P>
Value raise_errno(Thread<P>& t, int err) {
  return raise_errno_as(t, errno_type(t, err), err, errno_text(err));
}

template <LockPolicy P>
Value raise_timeout(Thread<P>& t) {
  return raise(t, t.types().TimeoutError, "timed out");
}

// socket.gaierror, looked up in the module (it is made there, a subclass of OSError).
template <LockPolicy P>
Value raise_gai(Thread<P>& t, int code) {
  TypeObject* type = t.types().OSError;
  Value mod = dict_get_str<P>(t.interp.modules, intern(t.interp, "socket"));
  if (is_kind(mod, Kind::Module)) {
    Value g = dict_get_str<P>(static_cast<ModuleObject*>(mod.o)->dict, intern(t.interp, "gaierror"));
    if (is_kind(g, Kind::Type) && as_type(g)->is_exception) type = as_type(g);
  }
  if (code == EAI_SYSTEM) return raise_errno(t, errno);
  return raise_errno_as(t, type, code, gai_strerror(code));
}

// ------------------------------------------------------------ blocking calls

struct IoOutcome {
  ssize_t n = -1;   // the call's result (>= 0), or -1
  int err = 0;      // its errno when n < 0 and wait == Ready
  WaitResult wait = WaitResult::Ready;
};

// Runs `attempt` (one non-blocking system call: >= 0, or -1 with errno set)
// until it goes through, fails otherwise than "would block", or the
// timeout passes. The interpreter lock is released throughout: `attempt`
// must not touch Python objects.
template <LockPolicy P, class Attempt>
IoOutcome sock_io(Thread<P>& t, int fd, bool for_write, double timeout, Attempt attempt) {
  IoDeadline deadline = timeout > 0 ? deadline_after(timeout) : std::nullopt;
  BlockingSection<P> unlocked(t);
  for (;;) {
    ssize_t n = attempt();
    if (n >= 0) return {n, 0, WaitResult::Ready};
    int err = errno;
    if (err == EINTR) {
      if (t.is_main && (t.interp.eval_breaker.load(std::memory_order_relaxed) & kBreakInterrupt))
        return {-1, 0, WaitResult::Interrupted};
      continue;
    }
    if ((err != EAGAIN && err != EWOULDBLOCK) || timeout == 0) return {-1, err, WaitResult::Ready};
    WaitResult w = wait_fd(t, fd, for_write, deadline);
    if (w != WaitResult::Ready) return {-1, 0, w};
  }
}

// Turns a failed outcome into the Python exception; false if it succeeded.
template <LockPolicy P>
bool io_failed(Thread<P>& t, const IoOutcome& o) {
  if (o.wait == WaitResult::Interrupted) {
    raise_interrupt(t);
    return true;
  }
  if (o.wait == WaitResult::TimedOut) {
    raise_timeout(t);
    return true;
  }
  if (o.n < 0) {
    raise_errno(t, o.err);
    return true;
  }
  return false;
}

// ------------------------------------------------------------- addresses

struct SockAddr {
  sockaddr_storage ss{};
  socklen_t len = 0;
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&ss); }
};

// An AF_INET host: '' is INADDR_ANY, '<broadcast>' INADDR_BROADCAST, else a
// dotted quad or a name to resolve.
template <LockPolicy P>
bool resolve_inet(Thread<P>& t, const std::string& host, in_addr& out) {
  if (host.empty()) {
    out.s_addr = htonl(INADDR_ANY);
    return true;
  }
  if (host == "<broadcast>") {
    out.s_addr = htonl(INADDR_BROADCAST);
    return true;
  }
  if (inet_pton(AF_INET, host.c_str(), &out) == 1) return true;
  addrinfo hints{};
  hints.ai_family = AF_INET;
  addrinfo* res = nullptr;
  int rc;
  {
    BlockingSection<P> unlocked(t);
    rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
  }
  if (rc != 0) {
    raise_gai(t, rc);
    return false;
  }
  out = reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr;
  freeaddrinfo(res);
  return true;
}

// A host given as str or bytes.
template <LockPolicy P>
bool host_text(Thread<P>& t, const Value& v, std::string& out) {
  if (is_str(v)) out = as_str(v)->view();
  else if (is_kind(v, Kind::Bytes)) out = static_cast<BytesObject*>(v.o)->view();
  else {
    raisef(t, t.types().TypeError, "str, bytes or bytearray expected, not ", type_name(t, v));
    return false;
  }
  return true;
}

// The Python address of `family` (CPython's getsockaddrarg). `caller` names
// the method in messages ("bind", "connect").
template <LockPolicy P>
bool parse_address(Thread<P>& t, int family, const Value& addr, const char* caller, SockAddr& out) {
  if (family == AF_INET) {
    if (!is_kind(addr, Kind::Tuple)) {
      raisef(t, t.types().TypeError, caller, "(): AF_INET address must be tuple, not ", type_name(t, addr));
      return false;
    }
    TupleObject* tup = as_tuple(addr);
    if (tup->size != 2) {
      raise(t, t.types().TypeError, "AF_INET address must be a pair (host, port)");
      return false;
    }
    std::string host;
    if (!host_text(t, tup->items[0], host)) return false;
    int64_t port = -1;  // a big int is out of range too
    if (!is_kind(tup->items[1], Kind::BigInt) && !to_int64(t, tup->items[1], port)) return false;
    if (port < 0 || port > 65535) {
      raisef(t, t.types().OverflowError, caller, "(): port must be 0-65535.");
      return false;
    }
    auto* sin = reinterpret_cast<sockaddr_in*>(&out.ss);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(static_cast<uint16_t>(port));
    if (!resolve_inet(t, host, sin->sin_addr)) return false;
    out.len = sizeof(sockaddr_in);
    return true;
  }
  if (family == AF_UNIX) {
    std::string path;
    if (is_str(addr)) path = as_str(addr)->view();
    else if (is_kind(addr, Kind::Bytes)) path = static_cast<BytesObject*>(addr.o)->view();
    else {
      raisef(t, t.types().TypeError, "a bytes-like object is required, not '", type_name(t, addr), "'");
      return false;
    }
    auto* sun = reinterpret_cast<sockaddr_un*>(&out.ss);
    if (path.size() >= sizeof(sun->sun_path) + (!path.empty() && path[0] == '\0')) {
      raise(t, t.types().OSError, "AF_UNIX path too long");
      return false;
    }
    sun->sun_family = AF_UNIX;
    std::memcpy(sun->sun_path, path.data(), path.size());
    out.len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + (path.empty() || path[0] ? 1 : 0));
    return true;
  }
  raisef(t, t.types().OSError, caller, "(): bad family");
  return false;
}

// The Python value of an address (CPython's makesockaddr).
template <LockPolicy P>
Value address_value(Thread<P>& t, const sockaddr* sa, socklen_t len) {
  if (len == 0) return Value::none();
  switch (sa->sa_family) {
    case AF_INET: {
      auto* sin = reinterpret_cast<const sockaddr_in*>(sa);
      char buf[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf);
      Value items[2] = {new_str(t, buf), Value::integer(ntohs(sin->sin_port))};
      Value r = new_tuple(t, items, 2);
      decref<P>(items[0]);
      return r;
    }
    case AF_UNIX: {
      auto* sun = reinterpret_cast<const sockaddr_un*>(sa);
      size_t off = offsetof(sockaddr_un, sun_path);
      if (len <= off) return new_str(t, "");  // unnamed (socketpair, a client's end)
      size_t n = len - off;
      if (sun->sun_path[0] == '\0') return new_bytes(t, std::string_view(sun->sun_path, n));  // abstract namespace
      return new_str(t, std::string_view(sun->sun_path, strnlen(sun->sun_path, n)));
    }
    default: return Value::none();
  }
}

// ------------------------------------------------------------- the objects

template <LockPolicy P>
Value new_socket_object(Thread<P>& t, TypeObject* cls, int fd, int family, int type, int proto) {
  auto* h = alloc_object<P, HostDataObject>(cls, Kind::HostData);
  auto core = std::make_unique<SocketCore<P>>();
  core->fd = fd;
  core->family = family;
  core->type = type;
  core->proto = proto;
  core->cls = cls;
  incref<P>(cls);
  h->ptr = core.release();
  h->destroy = &destroy_socket<P>;
  return Value::object(h);
}

inline int open_socket(int family, int type, int proto) {
  return ::socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
}

// A Python timeout: None -> -1, else a non-negative number of seconds.
template <LockPolicy P>
bool timeout_arg(Thread<P>& t, const Value& v, double& out) {
  if (v.is_none()) {
    out = -1;
    return true;
  }
  if (!(v.tag == Tag::Float || is_integer_value(v))) {
    raisef(t, t.types().TypeError, "'", type_name(t, v), "' object cannot be interpreted as an integer");
    return false;
  }
  double d;
  if (!numm::to_double_safe(t, v, d)) return false;
  if (std::isnan(d)) {
    raise(t, t.types().ValueError, "Invalid value NaN (not a number)");
    return false;
  }
  if (d < 0) {
    raise(t, t.types().ValueError, "Timeout value out of range");
    return false;
  }
  out = d;
  return true;
}

// socket(family=-1, type=-1, proto=-1, fileno=None); args[0] is the class.
template <LockPolicy P>
Value sock_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[5];
  if (!bind_args(t, "socket", args, nargs, kw, {"cls", "family", "type", "proto", "fileno"}, 1, a)) return Value();
  if (!is_kind(a[0], Kind::Type)) return raise(t, t.types().TypeError, "socket.__new__(X): X is not a type object");
  int64_t v[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i)
    if (!a[i + 1].is_null() && !a[i + 1].is_none() && !to_int64(t, a[i + 1], v[i])) return Value();
  int family = static_cast<int>(v[0]), type = static_cast<int>(v[1]), proto = static_cast<int>(v[2]);
  int fd;
  if (!a[4].is_null() && !a[4].is_none()) {
    // An existing descriptor: its family, type and protocol come from the OS.
    int64_t given;
    if (!to_int64(t, a[4], given)) return Value();
    if (given < 0) return raise(t, t.types().ValueError, "negative file descriptor");
    fd = static_cast<int>(given);
    socklen_t l = sizeof(int);
    int x;
    if (family == -1) {
      if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &x, &l) != 0) return raise_errno(t, errno);
      family = x;
    }
    if (type == -1) {
      l = sizeof(int);
      if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &x, &l) != 0) return raise_errno(t, errno);
      type = x;
    }
    if (proto == -1) {
      l = sizeof(int);
      if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &x, &l) != 0) return raise_errno(t, errno);
      proto = x;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) return raise_errno(t, errno);
  } else {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    fd = open_socket(family, type, proto);
    if (fd < 0) return raise_errno(t, errno);
  }
  return new_socket_object(t, as_type(a[0]), fd, family, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), proto);
}

// The common shape of a method: self is a socket, the rest bound by name.
#define LOCKVM_SOCK_SELF(name)                          \
  SocketCore<P>* s = core_of(t, args, nargs, name);     \
  if (!s) return Value();

template <LockPolicy P>
Value sock_close(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("close")
  if (!bi::arg_none(t, "close", nargs - 1, kw)) return Value();
  int fd = std::exchange(s->fd, -1);
  if (fd >= 0 && ::close(fd) != 0 && errno != ECONNRESET && errno != EINTR) return raise_errno(t, errno);
  return Value::none();
}

template <LockPolicy P>
Value sock_detach(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("detach")
  if (!bi::arg_none(t, "detach", nargs - 1, kw)) return Value();
  return Value::integer(std::exchange(s->fd, -1));
}

template <LockPolicy P>
Value sock_fileno(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("fileno")
  if (!bi::arg_none(t, "fileno", nargs - 1, kw)) return Value();
  return Value::integer(s->fd);
}

template <LockPolicy P>
Value sock_enter(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LOCKVM_SOCK_SELF("__enter__")
  return share<P>(args[0]);
}

template <LockPolicy P>
Value sock_exit(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  Value r = sock_close(t, args, nargs > 0 ? 1 : 0, nullptr);
  if (r.is_null()) return r;
  return Value::none();
}

template <LockPolicy P>
Value sock_bind(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("bind")
  if (!bi::arg_one(t, "bind", nargs - 1, kw)) return Value();
  SockAddr sa;
  if (!parse_address(t, s->family, args[1], "bind", sa)) return Value();
  if (::bind(s->fd, sa.get(), sa.len) != 0) return raise_errno(t, errno);
  return Value::none();
}

template <LockPolicy P>
Value sock_listen(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("listen")
  if (!bi::no_kw(t, "listen", kw)) return Value();
  if (nargs > 2) return raisef(t, t.types().TypeError, "listen() takes at most 1 argument (", nargs - 1, " given)");
  int64_t backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
  if (nargs == 2 && !to_int64(t, args[1], backlog)) return Value();
  if (backlog < 0) backlog = 0;
  if (backlog > INT_MAX) backlog = INT_MAX;
  if (::listen(s->fd, static_cast<int>(backlog)) != 0) return raise_errno(t, errno);
  return Value::none();
}

template <LockPolicy P>
Value sock_accept(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("accept")
  if (!bi::arg_none(t, "accept", nargs - 1, kw)) return Value();
  int fd = s->fd;
  SockAddr peer;
  IoOutcome o = sock_io(t, fd, false, s->timeout, [&]() -> ssize_t {
    peer.len = sizeof peer.ss;
    return ::accept4(fd, peer.get(), &peer.len, SOCK_NONBLOCK | SOCK_CLOEXEC);
  });
  if (io_failed(t, o)) return Value();
  // The new socket is blocking (timeout None), as CPython's with no default timeout.
  Ref<P> conn(new_socket_object(t, s->cls, static_cast<int>(o.n), s->family, s->type, s->proto));
  Ref<P> addr(address_value(t, peer.get(), peer.len));
  Value items[2] = {*conn, *addr};
  return new_tuple(t, items, 2);
}

// connect(): 0, or the errno it failed with (-1: an exception is set:
// timeout, Ctrl-C, a bad address).
template <LockPolicy P>
int do_connect(Thread<P>& t, SocketCore<P>* s, const Value& address, const char* caller) {
  SockAddr sa;
  if (!parse_address(t, s->family, address, caller, sa)) return -1;
  int fd = s->fd;
  double timeout = s->timeout;
  int err = 0;
  WaitResult w = WaitResult::Ready;
  {
    BlockingSection<P> unlocked(t);
    if (::connect(fd, sa.get(), sa.len) != 0) {
      err = errno;
      // In progress (or interrupted, which goes on in the background): wait
      // for the outcome unless the socket is non-blocking.
      if ((err == EINPROGRESS || err == EINTR) && timeout != 0) {
        w = wait_fd(t, fd, true, timeout > 0 ? deadline_after(timeout) : std::nullopt);
        if (w == WaitResult::Ready) {
          socklen_t l = sizeof err;
          if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0) err = errno;
        }
      }
    }
  }
  if (w == WaitResult::Interrupted) {
    raise_interrupt(t);
    return -1;
  }
  if (w == WaitResult::TimedOut) {
    raise_timeout(t);
    return -1;
  }
  return err;
}

template <LockPolicy P>
Value sock_connect(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("connect")
  if (!bi::arg_one(t, "connect", nargs - 1, kw)) return Value();
  int err = do_connect(t, s, args[1], "connect");
  if (err < 0) return Value();
  if (err > 0) return raise_errno(t, err);
  return Value::none();
}

template <LockPolicy P>
Value sock_connect_ex(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("connect_ex")
  if (!bi::arg_one(t, "connect_ex", nargs - 1, kw)) return Value();
  int err = do_connect(t, s, args[1], "connect_ex");
  if (err < 0) return Value();
  return Value::integer(err);
}

// The bytes of a bytes-like argument (bytes is the only one lockvm has).
template <LockPolicy P>
bool data_arg(Thread<P>& t, const Value& v, std::string_view& out) {
  if (!is_kind(v, Kind::Bytes)) {
    raisef(t, t.types().TypeError, "a bytes-like object is required, not '", type_name(t, v), "'");
    return false;
  }
  out = static_cast<BytesObject*>(v.o)->view();
  return true;
}

template <LockPolicy P>
bool flags_arg(Thread<P>& t, const Value* args, size_t nargs, size_t index, int& flags) {
  flags = 0;
  if (nargs <= index) return true;
  int64_t f;
  if (!to_int64(t, args[index], f)) return false;
  flags = static_cast<int>(f);
  return true;
}

// send(data[, flags]) -> bytes sent. The data (an immutable bytes object,
// kept alive by the caller) is read with the interpreter lock released.
template <LockPolicy P>
Value sock_send(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("send")
  if (!bi::arg_range(t, "send", nargs - 1, kw, 1, 2)) return Value();
  std::string_view data;
  int flags;
  if (!data_arg(t, args[1], data) || !flags_arg(t, args, nargs, 2, flags)) return Value();
  int fd = s->fd;
  IoOutcome o = sock_io(t, fd, true, s->timeout,
                        [&]() -> ssize_t { return ::send(fd, data.data(), data.size(), flags | MSG_NOSIGNAL); });
  if (io_failed(t, o)) return Value();
  return Value::integer(o.n);
}

// sendall(data[, flags]): the timeout bounds the whole call (CPython >= 3.5);
// Ctrl-C is checked between chunks.
template <LockPolicy P>
Value sock_sendall(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("sendall")
  if (!bi::arg_range(t, "sendall", nargs - 1, kw, 1, 2)) return Value();
  std::string_view data;
  int flags;
  if (!data_arg(t, args[1], data) || !flags_arg(t, args, nargs, 2, flags)) return Value();
  int fd = s->fd;
  double timeout = s->timeout;
  IoDeadline deadline = timeout > 0 ? deadline_after(timeout) : std::nullopt;
  size_t done = 0;
  do {
    double left = timeout;
    if (deadline) {
      left = std::chrono::duration<double>(*deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) return raise_timeout(t);
    }
    IoOutcome o = sock_io(t, fd, true, left, [&]() -> ssize_t {
      return ::send(fd, data.data() + done, data.size() - done, flags | MSG_NOSIGNAL);
    });
    if (io_failed(t, o)) return Value();
    done += static_cast<size_t>(o.n);
    if (t.is_main && (t.interp.eval_breaker.load(std::memory_order_relaxed) & kBreakInterrupt))
      return raise_interrupt(t);
  } while (done < data.size());
  return Value::none();
}

// recv(bufsize[, flags]) -> bytes; b'' at end of stream.
template <LockPolicy P>
Value sock_recv(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("recv")
  if (!bi::no_kw(t, "recv", kw)) return Value();
  if (nargs < 2) return raisef(t, t.types().TypeError, "recv() takes at least 1 argument (", nargs - 1, " given)");
  if (nargs > 3) return raisef(t, t.types().TypeError, "recv() takes at most 2 arguments (", nargs - 1, " given)");
  int64_t size;
  int flags;
  if (!to_int64(t, args[1], size) || !flags_arg(t, args, nargs, 2, flags)) return Value();
  if (size < 0) return raise(t, t.types().ValueError, "negative buffersize in recv");
  if (size == 0) return new_bytes(t, "");  // as CPython: no system call, even once closed
  int fd = s->fd;
  std::unique_ptr<char[]> buf(new (std::nothrow) char[size ? size : 1]);
  if (!buf) return raise(t, t.types().MemoryError, "");
  IoOutcome o = sock_io(t, fd, false, s->timeout,
                        [&]() -> ssize_t { return ::recv(fd, buf.get(), static_cast<size_t>(size), flags); });
  if (io_failed(t, o)) return Value();
  return new_bytes(t, std::string_view(buf.get(), static_cast<size_t>(o.n)));
}

template <LockPolicy P>
Value sock_settimeout(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("settimeout")
  if (!bi::arg_one(t, "settimeout", nargs - 1, kw)) return Value();
  double timeout;
  if (!timeout_arg(t, args[1], timeout)) return Value();
  s->timeout = timeout;
  // CPython sets the descriptor's O_NONBLOCK here, which fails once closed.
  if (s->fd < 0) return raise_errno(t, EBADF);
  return Value::none();
}

template <LockPolicy P>
Value sock_gettimeout(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("gettimeout")
  if (!bi::arg_none(t, "gettimeout", nargs - 1, kw)) return Value();
  return s->timeout < 0 ? Value::none() : Value::number(s->timeout);
}

template <LockPolicy P>
Value sock_setblocking(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("setblocking")
  if (!bi::arg_one(t, "setblocking", nargs - 1, kw)) return Value();
  int b = truthy(t, args[1]);
  if (b < 0) return Value();
  s->timeout = b ? -1 : 0;
  if (s->fd < 0) return raise_errno(t, EBADF);
  return Value::none();
}

template <LockPolicy P>
Value sock_getblocking(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("getblocking")
  if (!bi::arg_none(t, "getblocking", nargs - 1, kw)) return Value();
  return Value::boolean(s->timeout != 0);
}

template <LockPolicy P>
Value name_of(Thread<P>& t, SocketCore<P>* s, bool peer) {
  SockAddr sa;
  sa.len = sizeof sa.ss;
  int rc = peer ? ::getpeername(s->fd, sa.get(), &sa.len) : ::getsockname(s->fd, sa.get(), &sa.len);
  if (rc != 0) return raise_errno(t, errno);
  return address_value(t, sa.get(), sa.len);
}

template <LockPolicy P>
Value sock_getsockname(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("getsockname")
  if (!bi::arg_none(t, "getsockname", nargs - 1, kw)) return Value();
  return name_of(t, s, false);
}

template <LockPolicy P>
Value sock_getpeername(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("getpeername")
  if (!bi::arg_none(t, "getpeername", nargs - 1, kw)) return Value();
  return name_of(t, s, true);
}

// setsockopt(level, option, value): an int, or bytes passed as they are.
template <LockPolicy P>
Value sock_setsockopt(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("setsockopt")
  if (!bi::arg_range(t, "setsockopt", nargs - 1, kw, 3, 3)) return Value();
  int64_t level, opt;
  if (!to_int64(t, args[1], level) || !to_int64(t, args[2], opt)) return Value();
  int rc;
  if (is_kind(args[3], Kind::Bytes)) {
    std::string_view b = static_cast<BytesObject*>(args[3].o)->view();
    rc = ::setsockopt(s->fd, static_cast<int>(level), static_cast<int>(opt), b.data(), static_cast<socklen_t>(b.size()));
  } else {
    int64_t v;
    if (!to_int64(t, args[3], v)) return Value();
    int iv = static_cast<int>(v);
    rc = ::setsockopt(s->fd, static_cast<int>(level), static_cast<int>(opt), &iv, sizeof iv);
  }
  if (rc != 0) return raise_errno(t, errno);
  return Value::none();
}

template <LockPolicy P>
Value sock_getsockopt(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("getsockopt")
  if (!bi::arg_range(t, "getsockopt", nargs - 1, kw, 2, 2)) return Value();
  int64_t level, opt;
  if (!to_int64(t, args[1], level) || !to_int64(t, args[2], opt)) return Value();
  int v = 0;
  socklen_t l = sizeof v;
  if (::getsockopt(s->fd, static_cast<int>(level), static_cast<int>(opt), &v, &l) != 0) return raise_errno(t, errno);
  return Value::integer(v);
}

template <LockPolicy P>
Value sock_shutdown(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("shutdown")
  if (!bi::arg_one(t, "shutdown", nargs - 1, kw)) return Value();
  int64_t how;
  if (!to_int64(t, args[1], how)) return Value();
  if (::shutdown(s->fd, static_cast<int>(how)) != 0) return raise_errno(t, errno);
  return Value::none();
}

// CPython's socket.__repr__ (Lib/socket.py).
template <LockPolicy P>
Value sock_repr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_SOCK_SELF("__repr__")
  std::string out = "<";
  TypeObject* cls = args[0].o->type;
  if (cls->module_name) {
    out += cls->module_name->view();
    out += '.';
  }
  out += cls->name->view();
  if (s->fd < 0) out += " [closed]";
  out += " fd=" + std::to_string(s->fd) + ", family=" + std::to_string(s->family) +
         ", type=" + std::to_string(s->type) + ", proto=" + std::to_string(s->proto);
  if (s->fd >= 0) {
    for (bool peer : {false, true}) {
      Value a = name_of(t, s, peer);
      if (a.is_null()) {
        clear_exception(t);  // not bound / not connected: left out
        continue;
      }
      Ref<P> keep(a);
      int nonempty = truthy(t, a);
      if (nonempty < 0) return Value();
      if (!nonempty) continue;
      out += peer ? ", raddr=" : ", laddr=";
      if (!str_into(t, a, out)) return Value();
    }
  }
  out += '>';
  return new_str(t, out);
}

// The read-only attributes family, type, proto and timeout.
template <LockPolicy P>
Value sock_family(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LOCKVM_SOCK_SELF("family")
  return Value::integer(s->family);
}
template <LockPolicy P>
Value sock_type(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LOCKVM_SOCK_SELF("type")
  return Value::integer(s->type);
}
template <LockPolicy P>
Value sock_proto(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LOCKVM_SOCK_SELF("proto")
  return Value::integer(s->proto);
}
template <LockPolicy P>
Value sock_timeout(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) {
  LOCKVM_SOCK_SELF("timeout")
  return s->timeout < 0 ? Value::none() : Value::number(s->timeout);
}

#undef LOCKVM_SOCK_SELF

// ------------------------------------------------------ module functions
// Bound to the socket class (args[0]), which they make instances of.

// socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0) -> (a, b)
template <LockPolicy P>
Value socketpair(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[4];
  if (!bind_args(t, "socketpair", args, nargs, kw, {"cls", "family", "type", "proto"}, 1, a)) return Value();
  int64_t v[3] = {AF_UNIX, SOCK_STREAM, 0};
  for (int i = 0; i < 3; ++i)
    if (!a[i + 1].is_null() && !a[i + 1].is_none() && !to_int64(t, a[i + 1], v[i])) return Value();
  int fds[2];
  int type = static_cast<int>(v[1]);
  if (::socketpair(static_cast<int>(v[0]), type | SOCK_NONBLOCK | SOCK_CLOEXEC, static_cast<int>(v[2]), fds) != 0)
    return raise_errno(t, errno);
  TypeObject* cls = as_type(a[0]);
  Ref<P> x(new_socket_object(t, cls, fds[0], static_cast<int>(v[0]), type, static_cast<int>(v[2])));
  Ref<P> y(new_socket_object(t, cls, fds[1], static_cast<int>(v[0]), type, static_cast<int>(v[2])));
  Value items[2] = {*x, *y};
  return new_tuple(t, items, 2);
}

// create_server(address, *, family=AF_INET, backlog=None, reuse_port=False,
// dualstack_ipv6=False), as Lib/socket.py.
template <LockPolicy P>
Value create_server(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[6];
  if (!bind_args(t, "create_server", args, nargs, kw,
                 {"cls", "address", "*family", "*backlog", "*reuse_port", "*dualstack_ipv6"}, 2, a))
    return Value();
  int64_t family = AF_INET;
  if (!a[2].is_null() && !to_int64(t, a[2], family)) return Value();
  int reuse_port = 0, dualstack = 0;
  if (!a[4].is_null() && (reuse_port = truthy(t, a[4])) < 0) return Value();
  if (!a[5].is_null() && (dualstack = truthy(t, a[5])) < 0) return Value();
  if (dualstack) return raise(t, t.types().ValueError, "dualstack_ipv6 not supported on this platform");
  int fd = open_socket(static_cast<int>(family), SOCK_STREAM, 0);
  if (fd < 0) return raise_errno(t, errno);
  Ref<P> sock(new_socket_object(t, as_type(a[0]), fd, static_cast<int>(family), SOCK_STREAM, 0));
  auto* core = static_cast<SocketCore<P>*>(static_cast<HostDataObject*>(sock->o)->ptr);
  auto close_it = [&] { ::close(std::exchange(core->fd, -1)); };
  auto fail = [&](int err) {
    close_it();
    return raise_errno(t, err);
  };
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // errors ignored, as CPython does
  if (reuse_port && ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) return fail(errno);
  SockAddr sa;
  if (!parse_address(t, static_cast<int>(family), a[1], "bind", sa)) {
    close_it();
    return Value();
  }
  if (::bind(fd, sa.get(), sa.len) != 0) {
    // "[Errno 98] Address already in use (while attempting to bind on address ('127.0.0.1', 8000))"
    int err = errno;
    close_it();
    std::string msg = errno_text(err) + " (while attempting to bind on address ";
    if (!repr_into(t, a[1], msg)) return Value();
    msg += ')';
    return raise_errno_as(t, errno_type(t, err), err, msg);
  }
  int64_t backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
  if (!a[3].is_null() && !a[3].is_none() && !to_int64(t, a[3], backlog)) {
    close_it();
    return Value();
  }
  if (backlog < 0) backlog = 0;
  if (backlog > INT_MAX) backlog = INT_MAX;
  if (::listen(fd, static_cast<int>(backlog)) != 0) return fail(errno);
  return sock.release();
}

// host, port = address (with the unpacking errors of that statement).
template <LockPolicy P>
bool unpack_pair(Thread<P>& t, const Value& address, Ref<P>& items) {
  Value tup = is_kind(address, Kind::Tuple) ? share<P>(address) : to_tuple(t, address);
  if (tup.is_null()) {
    if (exception_matches(t, t.types().TypeError)) {
      clear_exception(t);
      raisef(t, t.types().TypeError, "cannot unpack non-iterable ", type_name(t, address), " object");
    }
    return false;
  }
  items.reset(tup);
  size_t n = as_tuple(tup)->size;
  if (n < 2) {
    raisef(t, t.types().ValueError, "not enough values to unpack (expected 2, got ", n, ")");
    return false;
  }
  if (n > 2) {
    raise(t, t.types().ValueError, "too many values to unpack (expected 2)");
    return false;
  }
  return true;
}

// create_connection(address, timeout=<default>, source_address=None, *,
// all_errors=False), as Lib/socket.py: each IPv4 address getaddrinfo gives
// is tried in turn; the last error is raised.
template <LockPolicy P>
Value create_connection(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[5];
  if (!bind_args(t, "create_connection", args, nargs, kw,
                 {"cls", "address", "timeout", "source_address", "*all_errors"}, 2, a))
    return Value();
  Ref<P> pair;
  if (!unpack_pair(t, a[1], pair)) return Value();
  Value hostv = as_tuple(*pair)->items[0], portv = as_tuple(*pair)->items[1];
  double timeout = -1;
  bool set_timeout = !a[2].is_null();
  if (set_timeout && !timeout_arg(t, a[2], timeout)) return Value();
  std::string host, port;
  if (!hostv.is_none() && !host_text(t, hostv, host)) return Value();
  if (is_str(portv)) {
    port = as_str(portv)->view();
  } else if (is_integer_value(portv) && !is_kind(portv, Kind::BigInt)) {
    port = std::to_string(as_int_like(portv));
  } else if (portv.is_none()) {
  } else {
    return raise(t, t.types().OSError, "Int or String expected");
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc;
  {
    BlockingSection<P> unlocked(t);
    rc = getaddrinfo(hostv.is_none() ? nullptr : host.c_str(), portv.is_none() ? nullptr : port.c_str(), &hints, &res);
  }
  if (rc != 0) return raise_gai(t, rc);
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(res, freeaddrinfo);
  TypeObject* cls = as_type(a[0]);
  bool tried = false;
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET) continue;  // IPv6 is not supported
    if (tried) clear_exception(t);           // only the last error is raised
    tried = true;
    int fd = open_socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) {
      raise_errno(t, errno);
      continue;
    }
    Ref<P> sock(new_socket_object(t, cls, fd, ai->ai_family, ai->ai_socktype, ai->ai_protocol));
    auto* core = static_cast<SocketCore<P>*>(static_cast<HostDataObject*>(sock->o)->ptr);
    if (set_timeout) core->timeout = timeout;
    auto close_it = [&] { ::close(std::exchange(core->fd, -1)); };
    if (!a[3].is_null() && !a[3].is_none()) {
      int truth = truthy(t, a[3]);
      if (truth < 0) return Value();
      if (truth) {
        SockAddr src;
        if (!parse_address(t, AF_INET, a[3], "bind", src)) return Value();
        if (::bind(fd, src.get(), src.len) != 0) {
          raise_errno(t, errno);
          close_it();
          continue;
        }
      }
    }
    // Connect to the resolved address itself (no second lookup).
    int err = 0;
    WaitResult w = WaitResult::Ready;
    {
      BlockingSection<P> unlocked(t);
      if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        err = errno;
        if ((err == EINPROGRESS || err == EINTR) && core->timeout != 0) {
          w = wait_fd(t, fd, true, core->timeout > 0 ? deadline_after(core->timeout) : std::nullopt);
          if (w == WaitResult::Ready) {
            socklen_t l = sizeof err;
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0) err = errno;
          }
        }
      }
    }
    if (w == WaitResult::Interrupted) {
      close_it();
      return raise_interrupt(t);
    }
    if (w == WaitResult::TimedOut) {
      raise_timeout(t);
      close_it();
      continue;
    }
    if (err != 0) {
      raise_errno(t, err);
      close_it();
      continue;
    }
    return sock.release();
  }
  if (!tried) return raise(t, t.types().OSError, "getaddrinfo returns an empty list");
  return Value();
}

// A native bound to `self`, stored in a module dict.
template <LockPolicy P>
void add_bound(Thread<P>& t, DictObject* d, const char* name, NativeFn<P> fn, Value self) {
  Value f = new_native(t, name, fn, self);
  add_value(t, d, name, f);
  decref<P>(f);
}

template <LockPolicy P>
void add_property(Thread<P>& t, TypeObject* type, const char* name, NativeFn<P> fget) {
  Value f = new_native(t, name, fget);
  Value prop = make_property(t, f, Value(), Value(), Value());
  decref<P>(f);
  add_attr(t, type, name, prop);
  decref<P>(prop);
}

}  // namespace sockm

template <LockPolicy P>
Value make_socket_module(Thread<P>& t) {
  using namespace sockm;
  Value mod = new_module(t, "socket");
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;

  // The class socket.socket: a built-in type whose instances are host data.
  auto* type = new_builtin_class(t, "socket", "socket", Kind::HostData);
  Ref<P> tref(Value::object(type));
  add_method(t, type, "__new__", sock_new<P>);
  add_method(t, type, "__repr__", sock_repr<P>);
  add_method(t, type, "__enter__", sock_enter<P>);
  add_method(t, type, "__exit__", sock_exit<P>);
  add_method(t, type, "close", sock_close<P>);
  add_method(t, type, "detach", sock_detach<P>);
  add_method(t, type, "fileno", sock_fileno<P>);
  add_method(t, type, "bind", sock_bind<P>);
  add_method(t, type, "listen", sock_listen<P>);
  add_method(t, type, "accept", sock_accept<P>);
  add_method(t, type, "connect", sock_connect<P>);
  add_method(t, type, "connect_ex", sock_connect_ex<P>);
  add_method(t, type, "send", sock_send<P>);
  add_method(t, type, "sendall", sock_sendall<P>);
  add_method(t, type, "recv", sock_recv<P>);
  add_method(t, type, "settimeout", sock_settimeout<P>);
  add_method(t, type, "gettimeout", sock_gettimeout<P>);
  add_method(t, type, "setblocking", sock_setblocking<P>);
  add_method(t, type, "getblocking", sock_getblocking<P>);
  add_method(t, type, "getsockname", sock_getsockname<P>);
  add_method(t, type, "getpeername", sock_getpeername<P>);
  add_method(t, type, "setsockopt", sock_setsockopt<P>);
  add_method(t, type, "getsockopt", sock_getsockopt<P>);
  add_method(t, type, "shutdown", sock_shutdown<P>);
  add_property(t, type, "family", sock_family<P>);
  add_property(t, type, "type", sock_type<P>);
  add_property(t, type, "proto", sock_proto<P>);
  add_property(t, type, "timeout", sock_timeout<P>);
  add_value(t, d, "socket", *tref);
  add_value(t, d, "SocketType", *tref);

  add_bound(t, d, "socketpair", socketpair<P>, *tref);
  add_bound(t, d, "create_server", create_server<P>, *tref);
  add_bound(t, d, "create_connection", create_connection<P>, *tref);

  // socket.gaierror(OSError): name resolution failures.
  {
    auto* g = alloc_object<P, TypeObject>(t.types().type, Kind::Type);
    Ref<P> gref(Value::object(g));
    g->name = intern(t.interp, "gaierror");
    incref<P>(g->name);
    g->base = t.types().OSError;
    incref<P>(g->base);
    g->dict = as_dict(new_dict(t));
    g->mro.push_back(g);
    for (TypeObject* m : t.types().OSError->mro) g->mro.push_back(m);
    g->instance_kind = Kind::Exception;
    g->is_exception = true;
    g->builtin = true;
    g->module_name = intern(t.interp, "socket");
    incref<P>(g->module_name);
    add_value(t, d, "gaierror", *gref);
  }
  add_value(t, d, "error", Value::object(t.types().OSError));
  add_value(t, d, "timeout", Value::object(t.types().TimeoutError));

  static constexpr std::pair<const char*, int> kConstants[] = {
      {"AF_INET", AF_INET},         {"AF_UNIX", AF_UNIX},           {"SOCK_STREAM", SOCK_STREAM},
      {"SOL_SOCKET", SOL_SOCKET},   {"SO_REUSEADDR", SO_REUSEADDR}, {"SO_REUSEPORT", SO_REUSEPORT},
      {"SO_KEEPALIVE", SO_KEEPALIVE}, {"SO_ERROR", SO_ERROR},       {"SO_RCVBUF", SO_RCVBUF},
      {"SO_SNDBUF", SO_SNDBUF},     {"SO_TYPE", SO_TYPE},           {"IPPROTO_TCP", IPPROTO_TCP},
      {"TCP_NODELAY", TCP_NODELAY}, {"SHUT_RD", SHUT_RD},           {"SHUT_WR", SHUT_WR},
      {"SHUT_RDWR", SHUT_RDWR},     {"SOMAXCONN", SOMAXCONN},       {"MSG_PEEK", MSG_PEEK},
  };
  for (const auto& [name, value] : kConstants) add_value(t, d, name, Value::integer(value));
  return keep.release();
}

}  // namespace lockvm::rt
