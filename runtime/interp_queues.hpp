// Queues between interpreters of one process (the `interpreters` module,
// runtime/modules_interpreters.hpp and runtime/lib/interpreters.py).
//
// A queue is process-wide: an id, a deque of serialized values (bytes made
// by runtime/serialize.hpp, so no object of one interpreter is ever seen by
// another) and a maximum size. Every interpreter that has a Queue object for
// it holds a handle (a HostDataObject of type _interpreters.QueueHandle);
// the queue lives while any handle does, whichever interpreter it is in. A
// Queue sent to another interpreter travels as its id (Queue.__reduce__) and
// is bound to a new handle there.
//
// Waiting: each queue has two eventfds that are readable exactly while the
// queue is non-empty, and while it is not full. A get() or put() that has to
// wait waits for one of them with wait_fd (runtime/io_wait.hpp), inside a
// BlockingSection: the caller's interpreter lock is released (its own GIL
// under gil), under nolock only the waiting fiber is suspended, and the main
// thread still sees Ctrl-C. Several waiters may wake for one item; the one
// that takes it under the queue's mutex wins, the others wait again.
//
// Native functions (the Python layer raises QueueEmpty/QueueFull):
//   queue_create(maxsize) -> handle        queue_bind(id) -> handle, or None
//   queue_id(h), queue_maxsize(h), queue_size(h)
//   queue_put(h, data, timeout) -> bool    False: still full at the deadline
//   queue_get(h, timeout) -> bytes|None    None: still empty at the deadline
// timeout: seconds; negative waits forever, 0 does not wait.
#pragma once

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "runtime/io_wait.hpp"
#include "runtime/per_process.hpp"
#include "runtime/registry.hpp"

namespace lockvm::rt::xiq {

class QueueState {
 public:
  QueueState(int64_t id, int64_t maxsize)
      : id_(id), maxsize_(maxsize), nonempty_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
        notfull_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    std::lock_guard lk(mu_);
    update_flags();
  }
  ~QueueState() {
    if (nonempty_ >= 0) ::close(nonempty_);
    if (notfull_ >= 0) ::close(notfull_);
  }
  QueueState(const QueueState&) = delete;
  QueueState& operator=(const QueueState&) = delete;

  bool ok() const { return nonempty_ >= 0 && notfull_ >= 0; }
  int64_t id() const { return id_; }
  int64_t maxsize() const { return maxsize_; }
  int nonempty_fd() const { return nonempty_; }
  int notfull_fd() const { return notfull_; }

  size_t size() {
    std::lock_guard lk(mu_);
    return items_.size();
  }
  // Non-blocking halves of put and get.
  bool try_put(std::string& data) {
    std::lock_guard lk(mu_);
    if (full()) return false;
    items_.push_back(std::move(data));
    update_flags();
    return true;
  }
  bool try_get(std::string& out) {
    std::lock_guard lk(mu_);
    if (items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    update_flags();
    return true;
  }

 private:
  bool full() const { return maxsize_ > 0 && static_cast<int64_t>(items_.size()) >= maxsize_; }
  // With mu_ held: makes each eventfd readable exactly while its condition holds.
  void update_flags() {
    set_flag(nonempty_, nonempty_set_, !items_.empty());
    set_flag(notfull_, notfull_set_, !full());
  }
  static void set_flag(int fd, bool& is_set, bool want) {
    if (want == is_set) return;
    uint64_t v = 1;
    if (want) (void)!::write(fd, &v, sizeof v);
    else (void)!::read(fd, &v, sizeof v);  // an eventfd read resets the counter to 0
    is_set = want;
  }

  const int64_t id_, maxsize_;
  std::mutex mu_;
  std::deque<std::string> items_;
  int nonempty_, notfull_;
  bool nonempty_set_ = false, notfull_set_ = false;
};

// id -> queue, for binding a Queue that arrives from another interpreter.
// Entries are weak: the handles own the queues. Never destroyed (handles may
// be dropped by threads still running at exit); a forked child starts a new
// one (a vanished thread may hold the old mutex).
class QueueRegistry {
 public:
  static QueueRegistry& get() { return per_process_instance<QueueRegistry>(); }
  std::shared_ptr<QueueState> create(int64_t maxsize) {
    std::lock_guard lk(mu_);
    for (auto it = queues_.begin(); it != queues_.end();) it = it->second.expired() ? queues_.erase(it) : std::next(it);
    auto q = std::make_shared<QueueState>(next_id_++, maxsize);
    if (!q->ok()) return nullptr;
    queues_[q->id()] = q;
    return q;
  }
  std::shared_ptr<QueueState> find(int64_t id) {
    std::lock_guard lk(mu_);
    auto it = queues_.find(id);
    return it == queues_.end() ? nullptr : it->second.lock();
  }

 private:
  std::mutex mu_;
  std::map<int64_t, std::weak_ptr<QueueState>> queues_;
  int64_t next_id_ = 1;
};

// What a handle object points at.
template <LockPolicy P>
struct Handle {
  std::shared_ptr<QueueState> q;
  TypeObject* type;
};

template <LockPolicy P>
void destroy_handle(void* p) {
  auto* h = static_cast<Handle<P>*>(p);
  TypeObject* type = h->type;
  delete h;  // the last handle of any interpreter frees the queue
  decref<P>(type);
}

template <LockPolicy P>
Value new_handle(Thread<P>& t, TypeObject* type, std::shared_ptr<QueueState> q) {
  auto* o = alloc_object<P, HostDataObject>(type, Kind::HostData);
  incref<P>(type);
  o->ptr = new Handle<P>{std::move(q), type};
  o->destroy = &destroy_handle<P>;
  return Value::object(o);
}

template <LockPolicy P>
QueueState* queue_of(Thread<P>& t, const Value& v) {
  if (!is_kind(v, Kind::HostData) || static_cast<HostDataObject*>(v.o)->destroy != &destroy_handle<P>) {
    raise(t, t.types().TypeError, "expected a queue handle");
    return nullptr;
  }
  return static_cast<Handle<P>*>(static_cast<HostDataObject*>(v.o)->ptr)->q.get();
}

template <LockPolicy P>
bool timeout_arg(Thread<P>& t, const Value& v, double& out) {
  out = -1;
  if (v.is_null() || v.is_none()) return true;
  return to_double(t, v, out);
}

// Waits (blocking call) until `try_op` succeeds, `fd` staying unreadable
// until the deadline, or Ctrl-C. Returns Ready on success.
template <LockPolicy P, class Op>
WaitResult wait_until_done(Thread<P>& t, int fd, double timeout, Op try_op) {
  if (try_op()) return WaitResult::Ready;
  if (timeout == 0) return WaitResult::TimedOut;
  IoDeadline deadline = timeout < 0 ? IoDeadline() : deadline_after(timeout);
  BlockingSection<P> unlocked(t);
  for (;;) {
    WaitResult w = wait_fd(t, fd, false, deadline);
    if (w == WaitResult::Interrupted) return w;
    if (try_op()) return WaitResult::Ready;  // else another waiter was first
    if (w == WaitResult::TimedOut) return w;
  }
}

template <LockPolicy P>
Value q_create(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_create", nargs, kw, 2, 2)) return Value();  // (QueueHandle, maxsize)
  int64_t maxsize;
  if (!to_int64(t, args[1], maxsize)) return Value();
  auto q = QueueRegistry::get().create(maxsize);
  if (!q) return raise(t, t.types().OSError, "cannot create a queue (out of file descriptors)");
  return new_handle(t, as_type(args[0]), std::move(q));
}

template <LockPolicy P>
Value q_bind(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_bind", nargs, kw, 2, 2)) return Value();  // (QueueHandle, id)
  int64_t id;
  if (!to_int64(t, args[1], id)) return Value();
  auto q = QueueRegistry::get().find(id);
  if (!q) return Value::none();
  return new_handle(t, as_type(args[0]), std::move(q));
}

template <LockPolicy P>
Value q_id(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_id", nargs, kw, 1, 1)) return Value();
  QueueState* q = queue_of(t, args[0]);
  return q ? Value::integer(q->id()) : Value();
}

template <LockPolicy P>
Value q_maxsize(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_maxsize", nargs, kw, 1, 1)) return Value();
  QueueState* q = queue_of(t, args[0]);
  return q ? Value::integer(q->maxsize()) : Value();
}

template <LockPolicy P>
Value q_size(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_size", nargs, kw, 1, 1)) return Value();
  QueueState* q = queue_of(t, args[0]);
  return q ? Value::integer(static_cast<int64_t>(q->size())) : Value();
}

template <LockPolicy P>
Value q_put(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_put", nargs, kw, 3, 3)) return Value();
  QueueState* q = queue_of(t, args[0]);
  double timeout;
  if (!q || !timeout_arg(t, args[2], timeout)) return Value();
  if (!is_kind(args[1], Kind::Bytes)) return raise(t, t.types().TypeError, "queue_put() data must be bytes");
  std::string data(static_cast<BytesObject*>(args[1].o)->view());
  Ref<P> keep = Ref<P>::borrow(args[0]);  // the queue outlives the wait
  WaitResult w = wait_until_done(t, q->notfull_fd(), timeout, [&] { return q->try_put(data); });
  if (w == WaitResult::Interrupted) return raise_interrupt(t);
  return Value::boolean(w == WaitResult::Ready);
}

template <LockPolicy P>
Value q_get(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "queue_get", nargs, kw, 2, 2)) return Value();
  QueueState* q = queue_of(t, args[0]);
  double timeout;
  if (!q || !timeout_arg(t, args[1], timeout)) return Value();
  Ref<P> keep = Ref<P>::borrow(args[0]);
  std::string data;
  WaitResult w = wait_until_done(t, q->nonempty_fd(), timeout, [&] { return q->try_get(data); });
  if (w == WaitResult::Interrupted) return raise_interrupt(t);
  if (w != WaitResult::Ready) return Value::none();
  return new_bytes(t, data);
}

// Adds the queue functions and the QueueHandle type to the _interpreters module.
template <LockPolicy P>
void add_queue_functions(Thread<P>& t, DictObject* d) {
  Ref<P> handle(Value::object(new_builtin_class(t, "QueueHandle", "_interpreters", Kind::HostData)));
  add_value(t, d, "QueueHandle", *handle);
  // The two that make handles get the type as their first argument (bound to it).
  for (auto [name, fn] : {std::pair<const char*, NativeFn<P>>{"queue_create", q_create<P>}, {"queue_bind", q_bind<P>}}) {
    Ref<P> f(new_native(t, name, fn, *handle));
    add_value(t, d, name, *f);
  }
  add_function(t, d, "queue_id", q_id<P>);
  add_function(t, d, "queue_maxsize", q_maxsize<P>);
  add_function(t, d, "queue_size", q_size<P>);
  add_function(t, d, "queue_put", q_put<P>);
  add_function(t, d, "queue_get", q_get<P>);
}

}  // namespace lockvm::rt::xiq
