// The embedding API's engine: embed::detail::Core implemented for policy P.
//
// Instantiated once per policy in runtime/embed_<policy>.cpp; the host-side
// templates (include/lockvm/*.hpp) reach it through Core's virtual functions.
// Everything here enters the interpreter first (class Entry): the policy's
// gate for host threads (see Gate below), this OS thread's Thread<P> state,
// and the thread-local bindings of the cycle collector and the heap meter.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "lockvm/interpreter.hpp"
#include "runtime/bootstrap.hpp"
#include "runtime/registry.hpp"
#include "runtime/thread_runtime.hpp"
#include "policies/stop_the_world.hpp"

namespace lockvm::rt::embedding {

namespace E = lockvm::embed;
namespace ED = lockvm::embed::detail;

// embed::detail::Raw mirrors Value: same size, same tag numbers.
static_assert(sizeof(ED::Raw) == sizeof(Value));
static_assert(static_cast<uint64_t>(Tag::Obj) == ED::kObj && static_cast<uint64_t>(Tag::Float) == ED::kFloat &&
              static_cast<uint64_t>(Tag::None) == ED::kNone);

inline Value from_raw(const ED::Raw& r) {
  Value v;
  v.i = static_cast<int64_t>(r.bits);
  v.tag = static_cast<Tag>(r.tag);
  return v;
}
inline ED::Raw to_raw(const Value& v) { return ED::Raw{static_cast<uint64_t>(v.i), static_cast<uint64_t>(v.tag)}; }

// What a policy lets several host threads do:
//   Exclusive  (NoLock: plain refcounts, fibers): one host thread at a time; another one gets an Error.
//   Gil        (GlobalLock): each host call takes the GIL, like a script thread.
//   Parallel   (ObjectLocks, BiasedRC): each host call attaches to the interpreter lock
//              (policies/stop_the_world.hpp: not exclusive, it counts the threads running
//              bytecode so that one can stop the others at a safe point), so host threads
//              run bytecode in parallel with each other and with script threads. BiasedRC
//              also counts each host thread as a running thread at its first entry (see
//              Engine::count_thread).
enum class Gate { Exclusive, Gil, Parallel };
template <LockPolicy P>
constexpr Gate gate_of() {
  if constexpr (P::kParallel) return Gate::Parallel;
  else if constexpr (P::Threads::kFibers) return Gate::Exclusive;
  else return Gate::Gil;
}

template <LockPolicy P> class Engine;

// A host function as the engine keeps it: the NativeObject's `host` points here.
template <LockPolicy P>
struct HostBinding {
  Engine<P>* engine;
  ED::HostFunction fn;           // defaults moved out into `defaults`
  std::vector<Value> defaults;   // owned references; Null: required
  std::vector<const char*> names;
};

template <LockPolicy P>
Value host_trampoline(Thread<P>& t, NativeObject* self, const Value* args, size_t nargs, TupleObject* kw);

template <LockPolicy P>
class Engine final : public ED::Core {
 public:
  explicit Engine(const E::Options& opts);
  ~Engine() override {
    try {
      shutdown();
    } catch (const std::exception& e) {  // e.g. NoLock: another host thread is inside
      std::fprintf(stderr, "lockvm: interpreter not torn down: %s\n", e.what());
    }
  }

  const char* policy_name() const override { return P::kName; }
  bool alive() const override { return alive_.load(std::memory_order_acquire); }
  void shutdown() override;

  void incref(ED::Raw v) noexcept override;
  void decref(ED::Raw v) noexcept override;

  ED::Shape shape(ED::Raw v) override;
  std::string type_name(ED::Raw v) override;
  std::string_view str_view(ED::Raw v) override;
  size_t length(ED::Raw v) override;
  E::Value item(ED::Raw seq, size_t i) override;
  std::vector<std::pair<E::Value, E::Value>> dict_items(ED::Raw d) override;
  std::string repr(ED::Raw v) override { return text(v, true); }
  std::string str(ED::Raw v) override { return text(v, false); }
  bool truthy(ED::Raw v) override;

  E::Value make_str(std::string_view s) override;
  E::Value make_list(std::span<const E::Value> items) override { return make_seq(items, false); }
  E::Value make_tuple(std::span<const E::Value> items) override { return make_seq(items, true); }
  E::Value make_dict(std::span<const std::pair<E::Value, E::Value>> items) override;

  void exec(std::string_view source, std::string_view filename) override;
  void exec_file(const std::string& path) override;
  E::Value eval(std::string_view expr) override;
  E::Value call(ED::Raw f, std::span<const E::Value> args,
                std::span<const std::pair<std::string, E::Value>> kwargs) override;
  E::Value getattr(ED::Raw obj, std::string_view name) override;
  void setattr(ED::Raw obj, std::string_view name, const E::Value& v) override;
  E::Value get_global(std::string_view name) override;
  void set_global(std::string_view name, const E::Value& v) override;
  bool has_global(std::string_view name) override;

  E::Value module(std::string_view name) override;
  void define(const E::Value* target, ED::HostFunction fn) override;
  E::Value new_class(const E::Value* target, std::string_view name, const void* key) override;
  void class_init(const E::Value& cls, ED::HostFunction fn) override;
  void class_method(const E::Value& cls, ED::HostFunction fn) override;
  void class_property(const E::Value& cls, std::string_view name, ED::HostFunction get, ED::HostFunction* set) override;
  E::Value wrap(const void* key, void* ptr, void (*destroy)(void*)) override;
  void* unwrap(ED::Raw v, const void* key) override;

  void enable(std::string_view module) override;
  void set_output(std::function<void(std::string_view)> out, std::function<void(std::string_view)> err) override;
  void set_limits(uint64_t max_ticks, double max_seconds, size_t max_heap_bytes, int max_recursion) override;
  std::shared_ptr<void> unlock() override;

  // For the length of a host function: the thread (OS thread or fiber) that
  // runs it holds the gate already (bytecode runs only past it), and the API
  // calls it makes use the calling thread's state, even on a script thread.
  class InHostFunction;

  // For host_trampoline: a Value handed to the host (takes over the reference).
  E::Value own(Value v) { return E::Value(shared_from_this(), to_raw(v)); }
  [[noreturn]] void throw_pending(Thread<P>& t);
  void host_thread_exit(uint64_t id) noexcept;  // an OS thread that called in ends
  void link_creator();  // right after construction: the creating thread's link gets its weak_ptr
  void join_script_threads(Thread<P>& t);
  void apply_limits(uint64_t max_ticks, double max_seconds, size_t max_heap_bytes, int max_recursion);
  void enable_module(std::string_view module);

 private:
  // One thread's state in this interpreter (an OS thread, or under NoLock a
  // fiber). Used only by that thread, but for `counted`, which shutdown()
  // also reads and writes (under threads_mu_).
  struct HostThread {
    std::unique_ptr<Thread<P>> t;
    Thread<P>* running = nullptr;  // inside a host function: the thread state that called it
    bool holding = false;          // this thread is past the gate
    bool counted = false;          // BiasedRC: counted by P::attach_thread (count_thread)
  };
  // What an OS thread remembers of the engines it entered (this_thread()).
  struct Link {
    uint64_t serial, id;
    HostThread* h;
    std::weak_ptr<ED::Core> engine;  // for the thread's exit; empty until link_creator()
  };
  struct Links {
    std::vector<Link> v;
  };
  struct ExitHook;
  class Entry;
  class HostCall;
  class Unlocked;
  // Configuration that host calls and script threads read without a lock
  // (output hooks, limits, the sandbox, host classes) changes only with every
  // other thread of the interpreter stopped at a safe point; under the GIL and
  // NoLock the caller is the only thread running already.
  using Exclusive = StoppedWorld<typename Interp<P>::Lock>;

  HostThread& this_thread();
  HostThread& link_thread(uint64_t id);
  static Links*& tl_links();
  static bool& tl_exited();
  void count_thread(HostThread& h);
  void gate_acquire();
  void gate_release();
  Value in(const E::Value& v);  // a Value of this interpreter (borrowed)
  std::string text(ED::Raw v, bool repr);
  E::Value make_seq(std::span<const E::Value> items, bool tuple);
  DictObject* target_dict(const E::Value* target);
  Value new_host_native(Thread<P>& t, ED::HostFunction fn);
  TypeObject* class_of(const E::Value& cls);

  std::unique_ptr<Interp<P>> in_;
  ModuleObject* main_ = nullptr;
  std::atomic<bool> alive_{false};
  const uint64_t serial_;  // tells engines apart in the thread-local links (addresses get reused)
  uint32_t creator_ = 0;   // BiasedRC: the creating thread's index (never reused); it is not counted
  std::mutex threads_mu_;
  std::unordered_map<uint64_t, std::unique_ptr<HostThread>> threads_;  // by P::Threads::current_id()
  int exiting_ = 0;                   // host_thread_exit() calls inside (under threads_mu_)
  std::condition_variable exited_;    // exiting_ went down (shutdown waits for 0)
  std::atomic<std::thread::id> owner_{};  // Gate::Exclusive
  std::mutex bindings_mu_;
  std::vector<std::unique_ptr<HostBinding<P>>> bindings_;  // under bindings_mu_
  std::unordered_map<const void*, TypeObject*> classes_;   // host classes (immortal types); see Exclusive
  std::vector<std::function<void(std::string_view)>> old_hooks_;  // replaced by set_output (see there)
};

}  // namespace lockvm::rt::embedding

#include "runtime/embed_engine.hpp"
