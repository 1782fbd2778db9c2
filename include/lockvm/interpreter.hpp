// lockvm::Interpreter<Policy>: one isolated interpreter, RAII.
#pragma once

#include <cstdio>

#include "lockvm/bind.hpp"

namespace lockvm::embed {

template <class T> class class_;

// Where host functions and classes go: __main__'s globals (Interpreter) or a
// host module (Interpreter::module).
class Scope {
 public:
  Scope(std::shared_ptr<detail::Core> core, std::optional<Value> target)
      : core_(std::move(core)), target_(std::move(target)) {}

  template <class F>
  Scope& def(std::string name, F&& f, std::vector<arg> args = {}, Threading threading = Threading::NeedsLock) {
    core_->define(target(), detail::make_host_function(*core_, std::move(name), std::forward<F>(f), std::move(args), threading));
    return *this;
  }
  template <class F>
  Scope& def(std::string name, F&& f, Threading threading) {
    return def(std::move(name), std::forward<F>(f), {}, threading);
  }
  template <class T>
  embed::class_<T> class_(std::string name) {
    return embed::class_<T>(core_, core_->new_class(target(), name, &detail::host_class_key<T>));
  }
  // A C++ value converted for the script (a host-side TypeError if it cannot be).
  template <class T>
  Value value(T&& v) {
    try {
      return to_value(*core_, std::forward<T>(v));
    } catch (const detail::ConversionError& e) {
      throw Error("TypeError", e.what());
    }
  }
  // Sets a module attribute (a global for the Interpreter's scope).
  template <class T>
  Scope& set(std::string_view name, T&& v) {
    Value x = value(std::forward<T>(v));
    if (target_) target_->set_attr(name, x);
    else core_->set_global(name, x);
    return *this;
  }

 protected:
  const Value* target() const { return target_ ? &*target_ : nullptr; }
  std::shared_ptr<detail::Core> core_;
  std::optional<Value> target_;
};

// A host class: class_<Inventory>("Inventory").init<int>().def("add", &Inventory::add)
// Instances are script objects that own their C++ object: it is destroyed
// when the last reference goes.
template <class T>
class class_ {
 public:
  class_(std::shared_ptr<detail::Core> core, Value cls) : core_(std::move(core)), cls_(std::move(cls)) {}

  // The constructor T(A...), called as Class(a, ...).
  template <class... A>
  class_& init(std::vector<arg> args = {}) {
    auto ctor = [](const Value& /*cls*/, A... a) { return std::make_unique<T>(std::move(a)...); };
    detail::HostFunction hf = detail::make_host_function(*core_, "__new__", ctor, std::move(args), Threading::NeedsLock);
    hf.params[0] = "cls";
    core_->class_init(cls_, std::move(hf));
    return *this;
  }
  // A method: a member function pointer, or a callable whose first parameter is T& / const T&.
  template <class F>
  class_& def(std::string name, F&& f, std::vector<arg> args = {}, Threading threading = Threading::NeedsLock) {
    detail::HostFunction hf = detail::make_host_function(*core_, std::move(name), std::forward<F>(f), std::move(args), threading);
    if (hf.params.empty()) throw Error("TypeError", hf.name + ": a method takes the object first");
    hf.params[0] = "self";
    core_->class_method(cls_, std::move(hf));
    return *this;
  }
  // A property: getter (member function or callable taking const T&), optional setter (T&, V).
  template <class G>
  class_& property(std::string name, G&& get) {
    detail::HostFunction g = detail::make_host_function(*core_, name, std::forward<G>(get), {}, Threading::NeedsLock);
    core_->class_property(cls_, name, std::move(g), nullptr);
    return *this;
  }
  template <class G, class S>
  class_& property(std::string name, G&& get, S&& set) {
    detail::HostFunction g = detail::make_host_function(*core_, name, std::forward<G>(get), {}, Threading::NeedsLock);
    detail::HostFunction s = detail::make_host_function(*core_, name, std::forward<S>(set), {}, Threading::NeedsLock);
    core_->class_property(cls_, name, std::move(g), &s);
    return *this;
  }
  const Value& type() const { return cls_; }

 private:
  std::shared_ptr<detail::Core> core_;
  Value cls_;
};

template <class P>
class Interpreter : public Scope {
 public:
  explicit Interpreter(const Options& opts = {}) : Scope(detail::make_core<P>(opts), std::nullopt) {}
  // Tears the interpreter down: the Values still held on the host side
  // become unusable (their use throws lockvm::Error).
  ~Interpreter() {
    try {
      if (core_) core_->shutdown();
    } catch (const std::exception& e) {  // e.g. NoLock: another host thread is inside
      std::fprintf(stderr, "lockvm: interpreter not torn down: %s\n", e.what());
    }
  }
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  const char* policy_name() const { return core_->policy_name(); }

  void exec(std::string_view source, std::string_view filename = "<string>") { core_->exec(source, filename); }
  void exec_file(const std::string& path) { core_->exec_file(path); }
  Value eval(std::string_view expr) { return core_->eval(expr); }
  template <class T>
  T eval(std::string_view expr) {
    return eval(expr).template as<T>();
  }

  Value get(std::string_view name) { return core_->get_global(name); }
  template <class T>
  T get(std::string_view name) {
    return get(name).template as<T>();
  }
  bool has(std::string_view name) { return core_->has_global(name); }

  // Calls the global function `name` (or a callable Value) with C++ arguments,
  // keyword arguments last: vm.call("f", 1, lockvm::arg("y") = 2).
  template <class... A>
  Value call(std::string_view name, A&&... args) {
    return call(get(name), std::forward<A>(args)...);
  }
  template <class... A>
  Value call(const Value& f, A&&... args) {
    if (f.core() && f.core() != core_) throw Error("ValueError", "a Value of another interpreter");
    return detail::call_with(*core_, f.raw(), std::forward<A>(args)...);
  }

  // A host module, importable by scripts (`import game`).
  Scope module(std::string_view name) { return Scope(core_, core_->module(name)); }

  // Sandbox and limits after construction (see Options).
  void enable(std::string_view module) { core_->enable(module); }
  void set_output(std::function<void(std::string_view)> out, std::function<void(std::string_view)> err = nullptr) {
    core_->set_output(std::move(out), std::move(err));
  }
  void set_limits(uint64_t max_ticks, double max_seconds = 0, size_t max_heap_bytes = 0, int max_recursion = 1000) {
    core_->set_limits(max_ticks, max_seconds, max_heap_bytes, max_recursion);
  }

  const std::shared_ptr<detail::Core>& core() const { return core_; }
};

}  // namespace lockvm::embed
