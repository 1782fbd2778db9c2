// The select module: select.select(rlist, wlist, xlist[, timeout]), on
// poll(2) through io_wait.hpp's wait_fds, so it is a blocking call of the
// policy's thread model like a socket call: it releases the GIL, or suspends
// only its fiber under nolock. asyncio's event loop waits with it once it
// has sockets to watch.
//
//   template <LockPolicy P> Value make_select_module(Thread<P>& t);
#pragma once

#include <poll.h>

#include <cmath>
#include <unordered_map>
#include <vector>

#include "runtime/io_wait.hpp"
#include "runtime/modules_socket.hpp"

namespace lockvm::rt {

namespace selectm {

// An int, or an object whose fileno() returns one (a socket).
template <LockPolicy P>
bool fd_of(Thread<P>& t, const Value& v, int& fd) {
  Value n = v;  // an int: no reference to take
  if (!v.is_int() && !v.is_bool()) {
    Value m = getattr_opt(t, v, intern(t.interp, "fileno"));
    if (m.is_null()) {
      if (t.exc.is_null())
        raise(t, t.types().TypeError, "argument must be an int, or have a fileno() method.");
      return false;
    }
    n = call(t, m, nullptr, 0);
    decref<P>(m);
    if (n.is_null()) return false;
    if (!n.is_int()) {
      decref<P>(n);
      raise(t, t.types().TypeError, "fileno() returned a non-integer");
      return false;
    }
  }
  int64_t x = n.is_bool() ? static_cast<int64_t>(n.b) : n.i;
  decref<P>(n);
  if (x < 0) {
    raisef(t, t.types().ValueError, "file descriptor cannot be a negative integer (", x, ")");
    return false;
  }
  if (x > INT_MAX) {
    raise(t, t.types().OverflowError, "file descriptor is too large");
    return false;
  }
  fd = static_cast<int>(x);
  return true;
}

// The items of one of the three lists, each with its descriptor.
template <LockPolicy P>
struct Watched {
  std::vector<Value> objs;  // owned
  std::vector<int> fds;
  ~Watched() {
    for (Value& v : objs) decref<P>(v);
  }
};

template <LockPolicy P>
bool collect(Thread<P>& t, const Value& seq, Watched<P>& out) {
  Value it = get_iter(t, seq);
  if (it.is_null()) {
    if (exception_matches(t, t.types().TypeError)) {
      clear_exception(t);
      raise(t, t.types().TypeError, "arguments 1-3 must be sequences");
    }
    return false;
  }
  Ref<P> keep(it);
  for (;;) {
    Value v = iter_next(t, it);
    if (v.is_null()) return t.exc.is_null();
    int fd;
    if (!fd_of(t, v, fd)) {
      decref<P>(v);
      return false;
    }
    out.objs.push_back(v);
    out.fds.push_back(fd);
  }
}

template <LockPolicy P>
Value ready_list(Thread<P>& t, const Watched<P>& w, const std::vector<pollfd>& pfds,
                 const std::unordered_map<int, size_t>& slot, short mask) {
  std::vector<Value> ready;  // borrowed from w
  for (size_t i = 0; i < w.fds.size(); ++i)
    if (pfds[slot.at(w.fds[i])].revents & mask) ready.push_back(w.objs[i]);
  return new_list(t, ready.data(), ready.size());
}

template <LockPolicy P>
Value sel_select(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "select", nargs, kw, 3, 4)) return Value();
  IoDeadline deadline;
  if (nargs == 4 && !args[3].is_none()) {
    double secs;
    if (args[3].is_float()) {
      secs = args[3].f;
    } else if (is_integer_value(args[3])) {
      if (!numm::to_double_safe(t, args[3], secs)) return Value();
    } else {
      return raise(t, t.types().TypeError, "timeout must be a float or None");
    }
    if (std::isnan(secs)) return raise(t, t.types().ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return raise(t, t.types().ValueError, "timeout must be non-negative");
    deadline = deadline_after(secs > 9e9 ? 9e9 : secs);
  }
  Watched<P> r, w, x;
  if (!collect(t, args[0], r) || !collect(t, args[1], w) || !collect(t, args[2], x)) return Value();
  // One pollfd per descriptor, whichever lists name it.
  std::vector<pollfd> pfds;
  std::unordered_map<int, size_t> slot;
  auto want = [&](const Watched<P>& list, short events) {
    for (int fd : list.fds) {
      auto [pos, added] = slot.emplace(fd, pfds.size());
      if (added) pfds.push_back(pollfd{fd, 0, 0});
      pfds[pos->second].events |= events;
    }
  };
  want(r, POLLIN);
  want(w, POLLOUT);
  want(x, POLLPRI);
  WaitResult res;
  {
    BlockingSection<P> unlocked(t);
    res = wait_fds(t, pfds, deadline);
  }
  if (res == WaitResult::Interrupted) return raise_interrupt(t);
  for (const pollfd& p : pfds)
    if (p.revents & POLLNVAL) return sockm::raise_errno(t, EBADF);
  Value lists[3] = {ready_list(t, r, pfds, slot, POLLIN | POLLHUP | POLLERR),
                    ready_list(t, w, pfds, slot, POLLOUT | POLLHUP | POLLERR),
                    ready_list(t, x, pfds, slot, POLLPRI)};
  Value result = new_tuple(t, lists, 3);
  for (Value& l : lists) decref<P>(l);
  return result;
}

}  // namespace selectm

template <LockPolicy P>
Value make_select_module(Thread<P>& t) {
  Value mod = new_module(t, "select");
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_function(t, d, "select", selectm::sel_select<P>);
  Value e = Value::object(t.types().OSError);
  add_value(t, d, "error", e);
  return mod;
}

}  // namespace lockvm::rt
