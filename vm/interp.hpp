// Per-interpreter and per-thread state.
//
// Interp<P> owns everything one isolated interpreter needs: its built-in
// types, interned strings, modules, and the interpreter lock of its policy.
// Thread<P> is what runtime functions receive first (like lua_State*): the
// thread's frames, its pending and handled exceptions, recursion depth and
// its link to the interpreter.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "vm/frame_alloc.hpp"
#include "vm/heap.hpp"
#include "vm/script_threads.hpp"
#include "vm/stack_limit.hpp"
#include "vm/object.hpp"

namespace lockvm {

template <LockPolicy P> struct Thread;
template <LockPolicy P> struct Interp;
template <LockPolicy P> class GcState;  // runtime/gc.hpp: the cycle collector

// A built-in function: args holds nargs positional values followed by one
// value per name in kwnames (which may be null). For methods args[0] is self.
// Returns a new reference, or Null with an exception set in `t`.
template <LockPolicy P>
using NativeFn = Value (*)(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kwnames);

// A host function of the embedding API (runtime/embed_bind.hpp): a native
// whose `host` field is set is called with its NativeObject, which leads to
// the C++ callable it stands for.
template <LockPolicy P>
using HostNativeFn = Value (*)(Thread<P>& t, NativeObject* fn, const Value* args, size_t nargs, TupleObject* kwnames);

// What the eval loop does with a frame's return value (Frame::on_return)
// besides what a plain call does, pushing it on the caller's stack.
namespace FrameReturn {
inline constexpr uint8_t kPush = 0;
// __init__ entered by a class call: it must return None, and the caller
// already has the instance on its stack.
inline constexpr uint8_t kInit = 1;
// A property's setter run by STORE_ATTR: its return value is dropped.
inline constexpr uint8_t kDiscard = 2;
// kBinop + op (+ 13 for an in-place operator whose class has no __iop__):
// BINARY_OP's a.__op__(b) (InternedNames::binop[op][0]). The operands stay
// on the caller's stack: NotImplemented goes on to b's reflected method,
// anything else replaces them.
inline constexpr uint8_t kBinop = 3;
// kCompare + op: COMPARE_OP's a.__eq__(b) ... a.__ge__(b) (rich_name), the
// operands on the caller's stack as for kBinop.
inline constexpr uint8_t kCompare = kBinop + 26;
}  // namespace FrameReturn

// An activation record. Layout of `slots`:
//   [0, nlocals)                      fast locals
//   [nlocals, nlocals+ncells+nfree)   cells (CellObject* as Values)
//   [.., + stacksize)                 value stack
struct Frame {
  CodeObject* code;         // borrowed from func
  FunctionObject* func;     // owned
  DictObject* globals;      // borrowed from func
  DictObject* ns;           // class-body namespace (LOAD_NAME/STORE_NAME), owned, or null
  Frame* back;              // caller
  const Instr* pc;          // next instruction to run
  Value* sp;                // top of the value stack when suspended
  GeneratorObject* gen;     // borrowed: the generator running this frame, if any
  bool is_entry;            // eval() returns to C++ when this frame returns
  bool on_heap;             // generator frames live on the heap
  uint8_t on_return;        // what the caller's loop does with the return value (FrameReturn)
  uint32_t nlocals;
  uint32_t ncells;          // cells + free vars
  uint32_t size;            // number of slots
  Value slots[1];

  Value* locals() { return slots; }
  Value* cells() { return slots + nlocals; }
  Value* stack_base() { return slots + nlocals + ncells; }
  // A generator's frame has run (and is paused at a yield) once its pc has
  // left the first instruction.
  bool started() const { return pc != code->instrs.data(); }
};

inline size_t frame_bytes(uint32_t nslots) { return sizeof(Frame) + (nslots ? nslots - 1 : 0) * sizeof(Value); }

// Names the VM looks up by identity: interned once per interpreter.
#define LOCKVM_INTERNED_NAMES(X)                                                     \
  X(__init__) X(__new__) X(__repr__) X(__str__) X(__hash__) X(__eq__) X(__ne__)       \
  X(__lt__) X(__le__) X(__gt__) X(__ge__) X(__len__) X(__getitem__) X(__setitem__)     \
  X(__delitem__) X(__contains__) X(__iter__) X(__next__) X(__enter__) X(__exit__)      \
  X(__aenter__) X(__aexit__) X(__aiter__) X(__anext__)                                \
  X(__call__) X(__bool__) X(__neg__) X(__pos__) X(__invert__) X(__abs__)               \
  X(__getattr__) X(__getattribute__) X(__setattr__) X(__delattr__) X(__name__)        \
  X(__qualname__) X(__doc__) X(__module__) X(__class__) X(__classcell__) X(__dict__)   \
  X(__main__) X(__builtins__) X(__file__) X(__index__) X(__int__) X(__float__)         \
  X(__format__) X(__missing__) X(__cause__) X(__context__) X(__traceback__)            \
  X(__suppress_context__) X(__await__) X(__round__) X(__reversed__) X(__mro__)         \
  X(__bases__) X(__base__) X(__self__) X(__defaults__) X(__code__)         \
  X(__set_name__) X(__init_subclass__) X(__mp_main__) X(__spec__)                     \
  X(args) X(send) X(close) X(keys) X(items) X(values) X(append) X(__slots__)  \
  X(__divmod__) X(__rdivmod__) X(__pow__) X(__rpow__) X(__get__) X(__set__) X(__delete__)

struct InternedNames {
#define LOCKVM_NAME_FIELD(n) StrObject* n = nullptr;
  LOCKVM_INTERNED_NAMES(LOCKVM_NAME_FIELD)
#undef LOCKVM_NAME_FIELD
  StrObject* dunder_func = nullptr;  // "__func__" (a reserved identifier in C++)
  StrObject* throw_ = nullptr;       // "throw"
  // Binary-operator dunders, indexed by ast::BinOpKind: forward, reflected, in-place.
  StrObject* binop[13][3] = {};
};

// Built-in types of one interpreter (policy-specific because their dicts hold
// native methods of that policy).
#define LOCKVM_BUILTIN_TYPES(X)                                                      \
  X(type) X(object) X(none) X(bool_) X(int_) X(float_) X(str) X(bytes) X(tuple)        \
  X(list) X(dict) X(set) X(frozenset) X(range) X(slice) X(function) X(builtin_function) \
  X(method) X(cell) X(code) X(module) X(property) X(staticmethod) X(classmethod)        \
  X(generator) X(coroutine) X(iterator) X(dict_keys) X(dict_values) X(dict_items)     \
  X(super) X(ellipsis) X(not_implemented) X(host_data)

#define LOCKVM_EXCEPTION_TYPES(X)                                                    \
  X(BaseException, BaseException) X(Exception, BaseException)                        \
  X(SystemExit, BaseException) X(KeyboardInterrupt, BaseException)                   \
  X(GeneratorExit, BaseException) X(ArithmeticError, Exception)                      \
  X(ZeroDivisionError, ArithmeticError) X(OverflowError, ArithmeticError)            \
  X(FloatingPointError, ArithmeticError) X(AssertionError, Exception)                \
  X(AttributeError, Exception) X(LookupError, Exception) X(IndexError, LookupError)  \
  X(KeyError, LookupError) X(NameError, Exception) X(UnboundLocalError, NameError)   \
  X(RuntimeError, Exception) X(RecursionError, RuntimeError)                         \
  X(NotImplementedError, RuntimeError) X(StopIteration, Exception)                   \
  X(StopAsyncIteration, Exception) X(TypeError, Exception) X(ValueError, Exception)  \
  X(UnicodeError, ValueError) X(UnicodeDecodeError, UnicodeError)                    \
  X(UnicodeEncodeError, UnicodeError) X(ImportError, Exception)                      \
  X(ModuleNotFoundError, ImportError) X(OSError, Exception) X(EOFError, Exception)   \
  X(MemoryError, Exception) X(SyntaxError, Exception)                                \
  X(IndentationError, SyntaxError) X(TabError, IndentationError)                     \
  X(BufferError, Exception) X(ConnectionError, OSError)                              \
  X(BrokenPipeError, ConnectionError) X(ConnectionResetError, ConnectionError)       \
  X(ConnectionRefusedError, ConnectionError) X(ConnectionAbortedError, ConnectionError) \
  X(BlockingIOError, OSError) X(TimeoutError, OSError)                               \
  X(FileNotFoundError, OSError) X(InterruptedError, OSError)                         \
  X(ProcessLookupError, OSError) X(ChildProcessError, OSError)                       \
  X(PermissionError, OSError) X(Warning, Exception) X(UserWarning, Warning)          \
  X(DeprecationWarning, Warning) X(RuntimeWarning, Warning)

struct BuiltinTypes {
#define LOCKVM_TYPE_FIELD(n) TypeObject* n = nullptr;
  LOCKVM_BUILTIN_TYPES(LOCKVM_TYPE_FIELD)
#undef LOCKVM_TYPE_FIELD
#define LOCKVM_EXC_FIELD(n, base) TypeObject* n = nullptr;
  LOCKVM_EXCEPTION_TYPES(LOCKVM_EXC_FIELD)
#undef LOCKVM_EXC_FIELD
};

// Bits of the eval breaker, the word the eval loop polls at backward jumps
// and calls (one relaxed load on the fast path).
enum EvalBreakerBits : uint32_t {
  kBreakInterrupt = 1u << 0,    // Ctrl-C / a host asked to stop the script
  kBreakLockRequest = 1u << 1,  // the interpreter lock asks the running thread to let go:
                                // a GIL drop request, a stop-the-world pause
  kBreakLimit = 1u << 2,        // the embedder's instruction/time limit
  kBreakMerge = 1u << 3,        // biased RC: objects queued for this thread to merge
  kBreakSwitch = 1u << 4,       // NoLock fibers: time to switch
  kBreakGc = 1u << 5,           // the cycle collector's threshold was reached
  kBreakFinalize = 1u << 6,     // abandoned generators wait for their close() (runtime/gc.hpp)
};

// An embedder's limits (runtime/embed_engine.hpp). ExecLimits is the
// interpreter's configuration, changed only while no other thread runs
// bytecode (the embedder stops the world); each outermost host call arms an
// ExecBudget of its own on its thread (Thread::budget), so host threads
// running at once under the free-threaded policies each have their own tick
// count and deadline. kBreakLimit is set while any budget is armed or the
// heap is over its limit; handle_eval_breaker in vm/eval.hpp enforces them.
struct ExecLimits {
  uint64_t max_ticks = 0;      // eval-breaker polls: loop iterations and calls
  double max_seconds = 0;
  std::atomic<int> armed{0};   // budgets armed (host calls with a tick or time limit)
  HeapMeter heap;              // interpreter-wide: live bytes, whichever thread allocated them
};

struct ExecBudget {
  uint64_t max_ticks = 0;
  double max_seconds = 0;
  uint64_t ticks_left = 0;
  bool count_ticks = false;
  bool has_deadline = false;
  bool expired = false;        // the deadline has passed
  uint32_t clock_skip = 0;     // the clock is read every 64 polls
  std::chrono::steady_clock::time_point deadline{};
};

// How a built-in module is created when first imported.
template <LockPolicy P>
using ModuleInit = Value (*)(Thread<P>& t);

template <LockPolicy P>
struct Interp {
  using Lock = typename P::InterpreterLock;

  // The lock asks the thread running bytecode to let go through the eval
  // breaker (the GIL's drop request, the free-threaded policies' pause).
  Interp() {
    if constexpr (requires { lock.set_eval_breaker(&eval_breaker, kBreakLockRequest); })
      lock.set_eval_breaker(&eval_breaker, kBreakLockRequest);
  }
  Interp(const Interp&) = delete;
  Interp& operator=(const Interp&) = delete;

  BuiltinTypes types;
  InternedNames names;
  absl::flat_hash_map<std::string_view, StrObject*> interned;  // keys view into the StrObject
  Value none_str, empty_str, empty_tuple;   // shared constants
  Value ellipsis, not_implemented;
  StrObject* single_chars[128] = {};        // one-character ASCII strings
  DictObject* builtins = nullptr;           // the builtins module's dict
  DictObject* modules = nullptr;            // sys.modules
  std::vector<std::pair<std::string, ModuleInit<P>>> builtin_modules;
  std::vector<std::string> module_path;     // where `import x` looks for x.py
  std::vector<std::string> blocked_modules; // an embedder's sandbox: built-in modules not enabled
  std::vector<std::string> argv;
  int recursion_limit = 1000;
  std::atomic<uint32_t> eval_breaker{0};
  ExecLimits limits;                        // set by an embedder (kBreakLimit)
  GcState<P> gc{eval_breaker};              // containers tracked by the cycle collector
  Lock lock;
  std::function<void(std::string_view)> write_out;  // print() and sys.stdout.write
  std::function<void(std::string_view)> write_err;  // tracebacks and sys.stderr
  std::vector<Object*> immortals;           // freed at teardown
  // Guards `interned` and `immortals` when threads run in parallel (unused
  // by the single-runner policies: see TablesLock).
  std::mutex tables_mu;
  // Values replaced in class dicts while threads may hold them borrowed
  // (type_setattr): dropped when the interpreter is single-threaded again.
  std::vector<Value> retired;
  double switch_interval = 0.005;
  int exit_code = 0;
  ScriptThreads threads;                    // script threads (runtime/thread_runtime.hpp)
};

template <LockPolicy P>
struct Thread {
  Interp<P>& interp;
  Frame* frame = nullptr;   // innermost running frame
  Value exc;                // the pending exception (owned), Null if none
  Value handled;            // the exception being handled (`raise` re-raises it), owned
  int depth = 0;            // Python call depth, against interp.recursion_limit
  int native_depth = 0;     // C++ re-entries into eval (for the C++ stack)
  char* stack_limit;        // C++ re-entries stop (RecursionError) below this address
  FrameStack frames;        // storage of this thread's (non-generator) frames
  uint64_t ident = 0;       // threading.get_ident()
  bool is_main = false;     // only the main thread sees Ctrl-C (as in CPython)
  bool is_joinable = false; // a non-daemon threading.Thread: the interpreter waits for it at exit
  ExecBudget* budget = nullptr;  // an embedder's host call running on this thread with limits

  explicit Thread(Interp<P>& in) : interp(in), stack_limit(os_thread_stack_limit()) {}
  BuiltinTypes& types() { return interp.types; }
  InternedNames& names() { return interp.names; }
};

}  // namespace lockvm
