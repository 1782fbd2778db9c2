// The non-template seam between a host program and the interpreter.
//
// A host includes only <lockvm/lockvm.hpp>: none of the VM's headers. What
// the host-side templates (conversions, function binding) need from the
// interpreter goes through detail::Core, an abstract interface implemented
// once per policy in the library (runtime/embed_impl.hpp, instantiated in
// runtime/embed_<policy>.cpp). So a host does not compile the VM, and a
// virtual call per conversion step is the price (the host API is not the hot
// path; bytecode is).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lockvm {

// The policies (defined in policies/*.hpp; a host only names them).
struct NoLock;
struct GlobalLock;
struct ObjectLocks;
struct BiasedRC;

// Live heap objects across all interpreters (leak checks; runtime/session.hpp).
long long live_object_count();

}  // namespace lockvm

// The API lives in lockvm::embed so that the library's own sources, where
// lockvm::Value is the VM's value, can include it; <lockvm/lockvm.hpp> makes
// the names visible as lockvm::Value, lockvm::Interpreter, ...
namespace lockvm::embed {

class Value;

// What an interpreter may reach and how much it may spend. The defaults are a
// sandbox: only pure modules, no imports from files, no limits.
struct Options {
  // Built-in modules scripts may import. Also available: "sys", "gc",
  // "socket", "_thread" (which "threading" and "queue" need), "os",
  // "signal", "multiprocessing" and "concurrent.futures" (which bring the
  // thread modules and their own helpers).
  std::vector<std::string> modules = {"math", "random", "time"};
  std::vector<std::string> module_path;  // directories `import x` may load x.py from (none by default)
  std::vector<std::string> argv;         // sys.argv, if "sys" is enabled
  // Limits, per host call (exec, eval, call): 0 means none. A tripped limit
  // raises a script exception (RuntimeError for ticks and time, MemoryError
  // for the heap, RecursionError for depth) that keeps being raised at each
  // check until the host call returns, so a script cannot swallow it.
  uint64_t max_ticks = 0;        // loop iterations + calls (eval-breaker polls)
  double max_seconds = 0;        // wall-clock time
  size_t max_heap_bytes = 0;     // bytes of live objects allocated while the host call runs
  int max_recursion = 1000;      // Python call depth
  // Output of print()/sys.stdout and of tracebacks/sys.stderr; null: the
  // process's stdout and stderr.
  std::function<void(std::string_view)> out;
  std::function<void(std::string_view)> err;
};

namespace detail {

// A script value as the VM stores it (vm/value.hpp's layout, checked there):
// unboxed None/bool/int/float, or a pointer to a heap object.
struct Raw {
  uint64_t bits = 0;
  uint64_t tag = 0;
};
enum RawTag : uint64_t { kNull = 0, kNone, kBool, kInt, kFloat, kObj };

// What a conversion needs to know about an object.
enum class Shape { None, Bool, Int, BigInt, Float, Str, Bytes, List, Tuple, Dict, Set, HostObject, Other };

struct HostFunction;  // value.hpp

// A script-side TypeError raised by a conversion (the engine turns it into
// a pending TypeError, or the host API into a lockvm::Error).
struct ConversionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One per interpreter. Every call enters the interpreter as its policy
// requires (lock, thread state) and leaves it again.
class Core : public std::enable_shared_from_this<Core> {
 public:
  virtual ~Core() = default;
  virtual const char* policy_name() const = 0;
  virtual bool alive() const = 0;
  virtual void shutdown() = 0;

  // References (no-ops after shutdown).
  virtual void incref(Raw v) noexcept = 0;
  virtual void decref(Raw v) noexcept = 0;

  // Reading values.
  virtual Shape shape(Raw v) = 0;
  virtual std::string type_name(Raw v) = 0;
  virtual std::string_view str_view(Raw v) = 0;  // Shape::Str; valid while v lives
  virtual size_t length(Raw v) = 0;              // list, tuple, dict
  virtual Value item(Raw seq, size_t i) = 0;     // list or tuple
  virtual std::vector<std::pair<Value, Value>> dict_items(Raw d) = 0;
  virtual std::string repr(Raw v) = 0;
  virtual std::string str(Raw v) = 0;
  virtual bool truthy(Raw v) = 0;

  // Making values.
  virtual Value make_str(std::string_view s) = 0;
  virtual Value make_list(std::span<const Value> items) = 0;
  virtual Value make_tuple(std::span<const Value> items) = 0;
  virtual Value make_dict(std::span<const std::pair<Value, Value>> items) = 0;

  // Running code (errors: lockvm::Error).
  virtual void exec(std::string_view source, std::string_view filename) = 0;
  virtual void exec_file(const std::string& path) = 0;
  virtual Value eval(std::string_view expr) = 0;
  virtual Value call(Raw f, std::span<const Value> args,
                     std::span<const std::pair<std::string, Value>> kwargs) = 0;
  virtual Value getattr(Raw obj, std::string_view name) = 0;
  virtual void setattr(Raw obj, std::string_view name, const Value& v) = 0;
  virtual Value get_global(std::string_view name) = 0;
  virtual void set_global(std::string_view name, const Value& v) = 0;
  virtual bool has_global(std::string_view name) = 0;

  // Binding host code. `target` is a module (or Null: __main__'s globals).
  virtual Value module(std::string_view name) = 0;  // created on first use, importable
  virtual void define(const Value* target, HostFunction fn) = 0;
  virtual Value new_class(const Value* target, std::string_view name, const void* key) = 0;
  virtual void class_init(const Value& cls, HostFunction fn) = 0;     // __new__: returns the instance
  virtual void class_method(const Value& cls, HostFunction fn) = 0;   // params[0] is self
  virtual void class_property(const Value& cls, std::string_view name, HostFunction get,
                              HostFunction* set) = 0;  // set: null for read-only
  // A new instance of the class registered under `key` owning `ptr`.
  virtual Value wrap(const void* key, void* ptr, void (*destroy)(void*)) = 0;
  // The C++ object inside an instance of `key`'s class, or null.
  virtual void* unwrap(Raw v, const void* key) = 0;

  // Policy and sandbox.
  virtual void enable(std::string_view module) = 0;
  virtual void set_output(std::function<void(std::string_view)> out, std::function<void(std::string_view)> err) = 0;
  virtual void set_limits(uint64_t max_ticks, double max_seconds, size_t max_heap_bytes, int max_recursion) = 0;
  // Releases the interpreter lock until the returned guard dies (thread-safe
  // host functions), when the policy has one to release.
  virtual std::shared_ptr<void> unlock() = 0;
};

template <class P>
std::shared_ptr<Core> make_core(const Options& opts);

}  // namespace detail
}  // namespace lockvm::embed
