// Allocation, reference counting and freeing of heap objects, per policy.
//
//     ┌──────────────────┬───────────────────────────────┐
//     │ P::Header         │ Object (type, kind, flags...)  │ ...body
//     └──────────────────┴───────────────────────────────┘
//     ^ malloc'd block    ^ Object* handed to the VM
//
// Freeing is iterative: when an object dies, the objects it owned are pushed
// on a per-thread list instead of being freed recursively, so dropping a
// million-deep nested list cannot overflow the C++ stack (CPython's
// "trashcan" solves the same problem).
#pragma once

#include <atomic>
#include <cstdlib>
#include <new>
#include <mutex>
#include <utility>
#include <vector>

#include "policies/policy_concept.hpp"
#include "vm/object.hpp"
#include "vm/raw_alloc.hpp"

namespace lockvm {

// Live heap objects, for leak checks: each thread counts locally (no shared
// cache line on the allocation path) and folds its count into the global
// total when asked or when it exits.
struct LiveObjects {
  static inline std::atomic<int64_t> total{0};
  static inline thread_local int64_t local = 0;
  static void flush() { total.fetch_add(std::exchange(local, 0), std::memory_order_relaxed); }
  static int64_t count() { flush(); return total.load(std::memory_order_relaxed); }
};

// An embedder's heap limit (runtime/embed_impl.hpp): the bytes of the objects
// allocated and freed on a thread while the meter is bound to it. Allocation
// cannot fail softly, so going over the limit only raises the eval breaker
// bit; the eval loop raises MemoryError at its next check. Several host
// threads may allocate at once (free-threaded policies): `used` is a relaxed
// atomic, paid only while a heap limit is set; `limit` changes only while no
// other thread runs bytecode.
struct HeapMeter {
  std::atomic<int64_t> used{0};
  int64_t limit = 0;  // 0: none
  std::atomic<uint32_t>* breaker = nullptr;
  uint32_t bit = 0;
  static inline thread_local HeapMeter* current = nullptr;
  bool over() const { return limit && used.load(std::memory_order_relaxed) > limit; }
  void add(void* block) {
    auto n = static_cast<int64_t>(raw_usable_size(block));
    int64_t now = used.fetch_add(n, std::memory_order_relaxed) + n;
    if (limit && now > limit) breaker->fetch_or(bit, std::memory_order_seq_cst);
  }
  void sub(void* block) { used.fetch_sub(static_cast<int64_t>(raw_usable_size(block)), std::memory_order_relaxed); }
};

template <LockPolicy P>
struct Heap {
  using Header = typename P::Header;

  [[gnu::always_inline]] static Header& header(Object* o) {
    return *reinterpret_cast<Header*>(reinterpret_cast<char*>(o) - sizeof(Header));
  }
  static Object* object_of(Header& h) {
    return reinterpret_cast<Object*>(reinterpret_cast<char*>(&h) + sizeof(Header));
  }
  [[gnu::always_inline]] static const Header& header(const Object* o) {
    return *reinterpret_cast<const Header*>(reinterpret_cast<const char*>(o) - sizeof(Header));
  }

  // Padding in front of the header so that the body is `align`-aligned
  // (malloc gives 16; only cpp_int inside BigIntObject needs more than 8).
  static constexpr size_t pad_for(size_t align) {
    size_t h = sizeof(Header);
    return ((h + align - 1) / align) * align - h;
  }

  // Raw storage for an object of `body` bytes; the caller constructs it.
  static void* allocate(size_t body, size_t align = alignof(Object)) {
    size_t pad = pad_for(align);
    char* block = static_cast<char*>(raw_alloc(pad + sizeof(Header) + body));
    if (!block) throw std::bad_alloc();
    P::init_header(*reinterpret_cast<Header*>(block + pad));
    ++LiveObjects::local;
    if (HeapMeter* m = HeapMeter::current) [[unlikely]] m->add(block);
    return block + pad + sizeof(Header);
  }

  // Returns the storage of a dead object whose destructor has run.
  static void deallocate(Object* o, size_t align = alignof(Object)) {
    --LiveObjects::local;
    char* block = reinterpret_cast<char*>(o) - sizeof(Header) - pad_for(align);
    if (HeapMeter* m = HeapMeter::current) [[unlikely]] m->sub(block);
    raw_free(block);
  }
};

// Reference-count operations on Values and objects. `release` is defined in
// dealloc.hpp, which knows every layout. Forced inline: in the huge eval
// function GCC otherwise gives up inlining these and pays a call per push.
template <LockPolicy P>
void release(Object* o);

template <LockPolicy P>
[[gnu::always_inline]] inline void incref(Object* o) { P::incref(Heap<P>::header(o)); }

template <LockPolicy P>
[[gnu::always_inline]] inline void decref(Object* o) {
  if (P::decref(Heap<P>::header(o))) release<P>(o);
}

template <LockPolicy P>
inline void xdecref(Object* o) {
  if (o) decref<P>(o);
}

template <LockPolicy P>
[[gnu::always_inline]] inline void incref(const Value& v) {
  if (v.tag == Tag::Obj) incref<P>(v.o);
}

template <LockPolicy P>
[[gnu::always_inline]] inline void decref(const Value& v) {
  if (v.tag == Tag::Obj) decref<P>(v.o);
}

// True when a reference the caller owns is the only one to o: no other
// holder, in this thread or another, can see o change (a temporary the
// caller may rebuild in place). Never true for a reference the caller only
// borrows, so callers must know theirs is owned.
template <LockPolicy P>
[[gnu::always_inline]] inline bool sole_reference(Object* o) {
  return P::refcount(Heap<P>::header(o)) == 1;
}

// Returns v with one more reference (for storing a borrowed value).
template <LockPolicy P>
[[gnu::always_inline]] inline Value share(const Value& v) {
  incref<P>(v);
  return v;
}

// An owned reference to a Value, released at scope exit: the RAII handle
// runtime code uses so that every early return drops what it holds.
template <LockPolicy P>
class Ref {
 public:
  Ref() = default;
  // Takes ownership of a new reference (e.g. a function's return value).
  explicit Ref(Value v) : v_(v) {}
  static Ref borrow(Value v) { return Ref(share<P>(v)); }
  Ref(const Ref& r) : v_(share<P>(r.v_)) {}
  Ref(Ref&& r) noexcept : v_(std::exchange(r.v_, Value())) {}
  Ref& operator=(Ref r) noexcept { std::swap(v_, r.v_); return *this; }
  ~Ref() { decref<P>(v_); }

  const Value& get() const { return v_; }
  const Value& operator*() const { return v_; }
  const Value* operator->() const { return &v_; }
  bool is_null() const { return v_.is_null(); }
  Value release() { return std::exchange(v_, Value()); }  // hand the reference on
  void reset(Value v = Value()) { decref<P>(std::exchange(v_, v)); }

 private:
  Value v_;
};

// Holds an interpreter-wide mutex, but only under the policies whose threads
// run in parallel: for the single-runner policies it compiles to nothing.
template <LockPolicy P>
class TablesLock {
 public:
  explicit TablesLock(std::mutex& mu) {
    if constexpr (P::kParallel) mu_ = &mu, mu.lock();
  }
  ~TablesLock() {
    if constexpr (P::kParallel) mu_->unlock();
  }
  TablesLock(const TablesLock&) = delete;
  TablesLock& operator=(const TablesLock&) = delete;

 private:
  std::mutex* mu_ = nullptr;
};

// Holds the per-object lock of a mutable object for one operation (a no-op
// under the single-runner policies).
template <LockPolicy P>
class ObjectGuard {
 public:
  [[gnu::always_inline]] explicit ObjectGuard(Object* o) : o_(o), locked_(P::lock_object(Heap<P>::header(o))) {}
  [[gnu::always_inline]] ~ObjectGuard() { P::unlock_object(Heap<P>::header(o_), locked_); }
  ObjectGuard(const ObjectGuard&) = delete;
  ObjectGuard& operator=(const ObjectGuard&) = delete;

  // Lets go of the lock around code that may take it again (a key's __eq__
  // in hashtable.hpp), then takes it back; whether it is taken is decided
  // anew, since that code may have started a thread.
  void release() {
    P::unlock_object(Heap<P>::header(o_), locked_);
    locked_ = false;
  }
  void reacquire() { locked_ = P::lock_object(Heap<P>::header(o_)); }

 private:
  Object* o_;
  bool locked_;  // whether this guard holds the lock (BiasedRC elides it while one thread runs)
};

// Runs `op` (which must not run Python code: ObjectGuard::release is for
// that) under o's lock, as an ObjectGuard would. For the hot readers of the
// eval loop (an item of a list, an attribute of an instance, a method of a
// class): where the policy elides the lock (BiasedRC while one thread runs)
// the elided path has one test, and `op` a copy of its own, where a guard
// also tests what it locked on the way out and keeps that flag in a register
// the eval loop has none to spare for.
// GCC inlines a lambda into the eval loop only when told to (the loop is
// past its growth limits); `[&]() LOCKVM_INLINE_LAMBDA { ... }`.
#define LOCKVM_INLINE_LAMBDA __attribute__((always_inline))
template <LockPolicy P, class Op>
[[gnu::always_inline]] inline auto with_object_locked(Object* o, Op&& op) {
  if (!P::lock_object(Heap<P>::header(o))) return op();
  struct Unlock {
    Object* o;
    [[gnu::always_inline]] ~Unlock() { P::unlock_object(Heap<P>::header(o), true); }
  } unlock{o};
  return op();
}

}  // namespace lockvm
