// The cycle collector: frees groups of objects that refer to each other but
// are no longer reachable from the program, which reference counting alone
// never frees (a recursive nested function: function → closure → cell →
// function; a tree node with a parent pointer; a dict that contains itself).
//
// The algorithm is CPython's (Modules/gcmodule.c), without generations:
//
//   1. Every object whose layout can hold references (a "container") is
//      registered when allocated and unregistered when destroyed.
//   2. A collection copies each registered object's reference count into
//      gc_refs, then, for every reference one registered object holds to
//      another, decrements the target's gc_refs. What remains is the number
//      of references from outside the registered set: C++ locals, the value
//      stacks of running frames, interpreter roots, untracked objects.
//   3. Objects with gc_refs > 0 are reachable, and so is everything they
//      reach. The rest is garbage: it is referred to only by other garbage.
//   4. The garbage is freed without ever touching a freed object: each is
//      increfed (held), then cleared (every owned reference reset and
//      dropped), then released — the last release frees it.
//
// The references each layout owns are listed once, in dealloc.hpp
// (owned_references): the collector traverses exactly what destroy() drops.
//
// Registry: a vector of the interpreter's containers; an object's position
// is kept in Object::aux32 (position + 1; 0 = untracked), so removal is O(1)
// (swap with the last, fix that one's aux32). Nothing else may use aux32: it
// must stay 0 in untracked objects. alloc_object() and destroy() receive no
// Thread, so they find the registry through a thread-local pointer to the
// interpreter bound to the calling OS thread: an Interp binds itself to the
// thread that constructs it (one interpreter per policy per OS thread at a
// time). A thread that runs an interpreter it did not create must bind it
// first (GcState::Binding), as start_thread does. Under the single-runner
// policies the registry is only touched by the thread holding the
// interpreter; under the free-threaded ones it has a lock (RegistryLock), and
// a collection stops the other threads (gc_collect).
//
// When: automatically once the registry has grown by max(10000, 2 × the
// survivors of the last collection) — the allocation sets an eval-breaker
// bit and the collection runs at the next safe point (handle_eval_breaker in
// vm/eval.hpp), never inside an allocation; explicitly from gc.collect(); and
// at teardown, until nothing more is freed.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

#include "policies/object_mutex.hpp"
#include "policies/stop_the_world.hpp"
#include "runtime/dealloc.hpp"
#include "runtime/methods_common.hpp"
#include "runtime/registry.hpp"

namespace lockvm {

template <LockPolicy P>
class GcState {
 public:
  // Kinds whose layout can own references: only these can be part of a cycle.
  // (Str, Bytes, BigInt, Range, Singleton and HostData own none.)
  static constexpr bool tracks(Kind k) {
    constexpr uint32_t untracked = 1u << static_cast<unsigned>(Kind::Str) | 1u << static_cast<unsigned>(Kind::Bytes) |
                                   1u << static_cast<unsigned>(Kind::BigInt) | 1u << static_cast<unsigned>(Kind::Range) |
                                   1u << static_cast<unsigned>(Kind::Singleton) |
                                   1u << static_cast<unsigned>(Kind::HostData);
    static_assert(static_cast<unsigned>(Kind::HostData) < 32, "a Kind no longer fits the mask");
    return !((untracked >> static_cast<unsigned>(k)) & 1u);
  }

  explicit GcState(std::atomic<uint32_t>& breaker) : breaker_(breaker), previous_(current_) { current_ = this; }
  ~GcState() {
    if (current_ == this) current_ = previous_;
  }
  GcState(const GcState&) = delete;
  GcState& operator=(const GcState&) = delete;

  // Makes `gc` the registry of objects allocated and freed on this OS thread
  // for as long as it lives (a thread that runs an interpreter it did not create).
  class Binding {
   public:
    explicit Binding(GcState& gc) : saved_(std::exchange(current_, &gc)) {}
    ~Binding() { current_ = saved_; }
    Binding(const Binding&) = delete;
    Binding& operator=(const Binding&) = delete;

   private:
    GcState* saved_;
  };

  // alloc_object(): registers a new container (inlined there, so the kind
  // test folds away). Immortal objects are made immortal after allocation;
  // the next collection drops them.
  [[gnu::always_inline]] static void on_alloc(Object* o) {
    if (!tracks(o->kind)) return;
    GcState* gc = current_;
    if constexpr (P::kParallel) {  // threads share the registry: see RegistryLock
      if (P::others_running()) {
        if (!gc) return;
        RegistryLock lock(*gc);
        gc->track_slow(o);
        return;
      }
    }
    if (gc && gc->count_ < gc->fast_limit_) [[likely]] {
      gc->objects_[gc->count_++] = o;
      o->aux32 = static_cast<uint32_t>(gc->count_);
      return;
    }
    track_slow(o);
  }

  // destroy(): unregisters an object before it is freed; the last registered
  // object takes its place. (aux32 is 0 in every untracked object.)
  [[gnu::always_inline]] static void on_destroy(Object* o) {
    if constexpr (P::kParallel) {
      // aux32 may be rewritten by another thread's removal (the last object
      // moves): read it under the lock. Kinds that are never tracked skip it.
      if (tracks(o->kind) && P::others_running()) {
        GcState* gc = current_;
        if (!gc) {
          if (o->aux32) unbound_thread();
          return;
        }
        RegistryLock lock(*gc);
        if (uint32_t p = o->aux32) gc->remove_at(o, p);
        return;
      }
    }
    uint32_t p = o->aux32;
    if (p) {
      GcState* gc = current_;
      if (!gc) unbound_thread();
      gc->remove_at(o, p);
    }
  }

  // Frees unreachable cycles; returns how many containers were freed.
  size_t collect();

  // Finalizers. A generator that dies paused at a yield is closed, as
  // CPython closes it (PEP 342), so that its `finally` blocks and `with`
  // exits run: an abandoned generator must not keep a lock it took. close()
  // runs Python code, which a decref cannot do (it may come from anywhere in
  // the runtime, under an object lock, inside a collection), so destroy()
  // brings the generator back with a count of 1 and queues it here; the eval
  // loop closes it at its next breaker check (a Python call, a backward
  // jump) or before its next built-in call (run_finalizers, vm/eval.hpp,
  // and call_generic in vm/eval_call.inc). Generators freed by a
  // collection, or once the interpreter is past running code at teardown,
  // are not closed (lockvm has no PEP 442 resurrection).
  // True when `o` was queued and must not be freed now.
  static bool defer_finalizer(Object* o) {
    auto* g = static_cast<GeneratorObject*>(o);
    if (!g->frame || g->finalized) return false;
    GcState* gc = current_;
    if (!gc || !gc->finalizers_on_ || gc->collecting_) return false;
    // Only now may the frame's code be read: a collection clears the frame's
    // function (and with it the code the frame borrows) before the
    // generator dies, so started() would read freed memory there.
    if (!g->frame->started()) return false;
    P::init_header(Heap<P>::header(o));  // dead, so nobody else can see the header
    {
      std::optional<RegistryLock> lock;
      if constexpr (P::kParallel) lock.emplace(*gc);
      gc->finalize_.push_back(o);
    }
    gc->breaker_.fetch_or(kBreakFinalize, std::memory_order_relaxed);
    return true;
  }
  // The queue, emptied (each a reference); clears the breaker bit.
  std::vector<Object*> take_finalizers() {
    std::optional<RegistryLock> lock;
    if constexpr (P::kParallel) lock.emplace(*this);
    breaker_.fetch_and(~kBreakFinalize, std::memory_order_relaxed);
    return std::exchange(finalize_, {});
  }
  // Teardown: from here on generators die without their close().
  void stop_finalizers() { finalizers_on_ = false; }

  bool enabled() const { return enabled_; }
  void enable() {
    enabled_ = true;
    schedule();
  }
  void disable() { enabled_ = false; }
  size_t tracked() const { return count_; }

 private:
  static constexpr size_t kMinGrowth = 10000;

  // on_alloc() when the fast path cannot take it: no interpreter bound to this
  // thread (the object stays untracked: never collected, never wrong), the
  // registry is full, or the threshold is reached.
  [[gnu::noinline]] static void track_slow(Object* o) {
    GcState* gc = current_;
    if (!gc) return;
    if (gc->count_ == gc->objects_.size()) {
      if (gc->count_ >= std::numeric_limits<uint32_t>::max()) return;  // aux32 is full: stays untracked
      gc->objects_.resize(std::max<size_t>(1024, 2 * gc->objects_.size()));
    }
    gc->objects_[gc->count_++] = o;
    o->aux32 = static_cast<uint32_t>(gc->count_);
    if (gc->count_ >= gc->next_collection_) gc->request();
    gc->update_fast_limit();
  }

  // Position + 1 of `x` in this registry, or 0 if it is not registered here
  // (untracked kinds, immortals, objects of another interpreter).
  uint32_t position(Object* x) const {
    uint32_t p = x->aux32;
    return p && p <= count_ && objects_[p - 1] == x ? p : 0;
  }

  // An object being freed is not where its aux32 says in this thread's
  // registry: the thread is not bound to the interpreter that owns it (or
  // aux32 was reused for an untracked kind). Carrying on would corrupt a registry.
  [[noreturn, gnu::noinline, gnu::cold]] static void unbound_thread() {
    std::fputs("lockvm: cycle collector: freed object is not in this thread's registry "
               "(thread not bound to its interpreter?)\n", stderr);
    std::abort();
  }

  // Unregisters `o`, registered at position p (its aux32); the last
  // registered object takes its place.
  [[gnu::always_inline]] void remove_at(Object* o, uint32_t p) {
    if (position(o) != p) [[unlikely]] unbound_thread();
    Object* last = objects_[--count_];
    objects_[p - 1] = last;
    last->aux32 = p;
  }

  // Removes a registered object that stays alive (an immortal).
  void untrack(Object* o) {
    uint32_t p = o->aux32;
    Object* last = objects_[--count_];
    objects_[p - 1] = last;
    last->aux32 = p;
    o->aux32 = 0;
  }

  // The next automatic collection, once the registry has grown enough that
  // collections cost amortized O(1) per allocation.
  void schedule() {
    next_collection_ = survivors_ + std::max(kMinGrowth, 2 * survivors_);
    update_fast_limit();
  }

  void request() {
    next_collection_ = std::numeric_limits<size_t>::max();  // once, until collected
    update_fast_limit();
    if (enabled_) breaker_.fetch_or(kBreakGc, std::memory_order_relaxed);
  }

  // The fast path may register while the registry has room and the push
  // cannot reach the threshold: one comparison for both.
  void update_fast_limit() { fast_limit_ = std::min(objects_.size(), next_collection_ - 1); }

  template <class Fn>
  [[gnu::always_inline]] static void traverse(Object* o, Fn&& fn);

  static inline thread_local GcState* current_ = nullptr;

  // Under the free-threaded policies every thread registers and unregisters
  // the containers it allocates and frees, so the registry has a lock (a
  // futex word, as the object locks). A collection runs with the other
  // threads stopped (gc_collect), so it needs none.
  class RegistryLock {
   public:
    explicit RegistryLock(GcState& gc) : gc_(gc) { ObjectMutex::lock(gc_.lock_); }
    ~RegistryLock() { ObjectMutex::unlock(gc_.lock_); }
    RegistryLock(const RegistryLock&) = delete;
    RegistryLock& operator=(const RegistryLock&) = delete;

   private:
    GcState& gc_;
  };
  std::atomic<uint32_t> lock_{0};

  std::vector<Object*> objects_;  // [0, count_) registered, aux32 of objects_[i] is i + 1; size() is the capacity
  size_t count_ = 0;
  size_t fast_limit_ = 0;
  size_t survivors_ = 0;          // registry size after the last collection
  size_t next_collection_ = kMinGrowth;
  bool enabled_ = true;
  bool collecting_ = false;
  bool finalizers_on_ = true;
  std::vector<Object*> finalize_;  // generators waiting for close(), each holding a reference
  std::atomic<uint32_t>& breaker_;
  GcState* previous_;
};

// Calls fn(Object*) for each object `o` refers to. A running generator is
// skipped: its frame's saved sp is stale while the eval loop runs it, and its
// slots may include values already handed to a callee. Leaving them out only
// makes their targets look referenced from outside, which is safe — and a
// running generator is itself held by gen_resume, so it is never garbage.
template <LockPolicy P>
template <class Fn>
inline void GcState<P>::traverse(Object* o, Fn&& fn) {
  auto visit = [&](auto& ref) LOCKVM_INLINE_LAMBDA {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(ref)>, Value>) {
      if (ref.tag == Tag::Obj) fn(ref.o);
    } else {
      if (ref) fn(static_cast<Object*>(ref));
    }
  };
  if (o->kind == Kind::Generator && static_cast<GeneratorObject*>(o)->running) return;  // (name, qualname: str)
  rt::for_each_reference(o, visit);
}

template <LockPolicy P>
size_t GcState<P>::collect() {
  if (collecting_) return 0;
  collecting_ = true;
  breaker_.fetch_and(~kBreakGc, std::memory_order_relaxed);

  // A scan entry per registered object, at its registry position: the object
  // and its gc_refs, side by side so that following a reference touches one
  // entry. gc_refs starts as the reference count. Immortals (built-in types,
  // the empty tuple) became immortal after they were registered: they are
  // never freed, so they leave the registry (the last object moves into their
  // place, hence no ++i), and what they refer to counts as referenced from
  // outside.
  struct Scan {
    Object* obj;
    long gc_refs;
  };
  std::vector<Scan> scan;
  scan.reserve(count_);
  for (size_t i = 0; i < count_;) {
    const auto& header = Heap<P>::header(objects_[i]);
    if (P::is_immortal(header)) {
      untrack(objects_[i]);
      continue;
    }
    scan.push_back({objects_[i], P::refcount(header)});
    ++i;
  }
  const size_t n = scan.size();
  // The scan entry of x, or null if x is not registered here (an untracked
  // kind, or an object of another interpreter: both count as outside).
  auto entry = [&](Object* x) -> Scan* {
    uint32_t p = x->aux32;
    return p && p <= n && scan[p - 1].obj == x ? &scan[p - 1] : nullptr;
  };

  // Subtract the references registered objects hold to each other: what is
  // left is the number of references from outside.
  for (size_t i = 0; i < n; ++i)
    traverse(scan[i].obj, [&](Object* x) {
      if (Scan* e = entry(x)) --e->gc_refs;
    });

  // Everything reachable from an object referenced from outside is alive;
  // mark it with gc_refs = 1 (depth-first, with an explicit stack).
  std::vector<Object*> stack;
  for (size_t i = 0; i < n; ++i)
    if (scan[i].gc_refs > 0) stack.push_back(scan[i].obj);
  while (!stack.empty()) {
    Object* o = stack.back();
    stack.pop_back();
    traverse(o, [&](Object* x) {
      Scan* e = entry(x);
      if (e && e->gc_refs <= 0) {
        e->gc_refs = 1;
        stack.push_back(x);
      }
    });
  }

  // The rest is garbage. gc_refs < 0 would mean a traversal counted a
  // reference the object does not own: such an object is kept.
  std::vector<Object*> garbage;
  for (const Scan& e : scan)
    if (e.gc_refs == 0) garbage.push_back(e.obj);
  scan = {};
  stack = {};

  // Hold every garbage object so that none is freed while others are being
  // cleared; clear them all (now each is referred to only by our hold); then
  // release them. Registry positions change from here on (frees untrack), so
  // only the `garbage` list is used.
  for (Object* o : garbage) incref<P>(o);
  for (Object* o : garbage)
    rt::for_each_reference(o, [](auto& ref) LOCKVM_INLINE_LAMBDA {
      auto old = ref;
      ref = {};
      if constexpr (std::is_same_v<std::remove_cvref_t<decltype(ref)>, Value>) decref<P>(old);
      else xdecref<P>(old);
    });
  for (Object* o : garbage) decref<P>(o);

  survivors_ = count_;
  schedule();
  collecting_ = false;
  return garbage.size();
}

// A collection for interpreter `in` (the eval breaker, gc.collect(),
// teardown), by a thread running bytecode.
//
// Under the free-threaded policies the other threads are stopped at a safe
// point for the length of it (policies/stop_the_world.hpp): reference counts
// and containers hold still, and no thread holds a reference it has not
// counted. That is also when the class attributes retired by type_setattr
// can go: no thread is between reading one and counting it. Collection frees
// run no Python code (lockvm has no __del__), so nothing in the pause can wait
// for a stopped thread.
// `due`: asked for by the eval breaker, which every thread may see at once;
// the one that clears the request collects, the others go on.
template <LockPolicy P>
size_t gc_collect(Interp<P>& in, bool due = false) {
  if (due && !(in.eval_breaker.fetch_and(~kBreakGc, std::memory_order_relaxed) & kBreakGc)) return 0;
  StoppedWorld stopped(in.lock);
  if constexpr (P::kParallel) {
    std::vector<Value> retired;
    {
      TablesLock<P> lock(in.tables_mu);
      retired.swap(in.retired);
    }
    for (Value& v : retired) decref<P>(v);
  }
  return in.gc.collect();
}

}  // namespace lockvm

namespace lockvm::rt {

// ---- the gc module ---------------------------------------------------------------

namespace gcm {

// gc.collect(generation=2): lockvm has one generation, so every valid
// generation collects everything.
template <LockPolicy P>
Value g_collect(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!bind_args(t, "collect", args, nargs, kw, {"generation"}, 0, a)) return Value();
  if (!a[0].is_null()) {
    int64_t gen;
    if (a[0].is_float()) return raise(t, t.types().TypeError, "'float' object cannot be interpreted as an integer");
    if (!to_int64(t, a[0], gen)) return Value();
    if (gen < 0 || gen > 2) return raise(t, t.types().ValueError, "invalid generation");
  }
  return Value::integer(static_cast<int64_t>(gc_collect(t.interp)));
}

template <LockPolicy P>
Value g_enable(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "enable", nargs, kw)) return Value();
  t.interp.gc.enable();
  return Value::none();
}

template <LockPolicy P>
Value g_disable(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "disable", nargs, kw)) return Value();
  t.interp.gc.disable();
  return Value::none();
}

template <LockPolicy P>
Value g_isenabled(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "isenabled", nargs, kw)) return Value();
  return Value::boolean(t.interp.gc.enabled());
}

}  // namespace gcm

template <LockPolicy P>
Value make_gc_module(Thread<P>& t) {
  using namespace gcm;
  Value mod = new_module(t, "gc");
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_function(t, d, "collect", g_collect<P>);
  add_function(t, d, "enable", g_enable<P>);
  add_function(t, d, "disable", g_disable<P>);
  add_function(t, d, "isenabled", g_isenabled<P>);
  return mod;
}

}  // namespace lockvm::rt
