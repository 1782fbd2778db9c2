// lockvm::Value, the host's owning handle to a script value, and
// lockvm::Error, a script exception on the host side.
#pragma once

#include <charconv>
#include <cmath>
#include <cstring>

#include "lockvm/core.hpp"

namespace lockvm::embed {

template <class T> struct Caster;  // convert.hpp

// A reference to a script value, counted like any other reference: copying a
// Value adds one, destroying it drops one (RAII). A Value keeps its
// interpreter's Core object alive, not the interpreter: once the Interpreter
// is destroyed, using a Value throws lockvm::Error (never undefined behaviour).
// The default Value is None.
class Value {
 public:
  Value() { raw_.tag = detail::kNone; }
  // Takes over a new reference.
  Value(std::shared_ptr<detail::Core> core, detail::Raw raw) : core_(std::move(core)), raw_(raw) {}
  Value(const Value& v) : core_(v.core_), raw_(v.raw_) {
    if (raw_.tag == detail::kObj) core_->incref(raw_);
  }
  Value(Value&& v) noexcept : core_(std::move(v.core_)), raw_(std::exchange(v.raw_, none_raw())) {}
  Value& operator=(Value v) noexcept {
    std::swap(core_, v.core_);
    std::swap(raw_, v.raw_);
    return *this;
  }
  ~Value() {
    if (raw_.tag == detail::kObj) core_->decref(raw_);
  }

  static Value none() { return Value(); }
  static Value boolean(bool b) { return unboxed(detail::kBool, static_cast<uint64_t>(b)); }
  static Value integer(int64_t i) { return unboxed(detail::kInt, static_cast<uint64_t>(i)); }
  static Value number(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof d);
    return unboxed(detail::kFloat, bits);
  }

  bool is_none() const { return raw_.tag == detail::kNone; }
  bool is_bool() const { return raw_.tag == detail::kBool; }
  bool is_int() const { return raw_.tag == detail::kInt; }
  bool is_float() const { return raw_.tag == detail::kFloat; }
  bool is_object() const { return raw_.tag == detail::kObj; }

  // C++ value of type T (convert.hpp); lockvm::Error (TypeError) if it is not one.
  template <class T> T as() const;
  // Script conversions: str(v), repr(v), bool(v), v.name, v.name = x.
  std::string str() const;
  std::string repr() const;
  bool truthy() const;
  std::string type_name() const;
  Value attr(std::string_view name) const;
  void set_attr(std::string_view name, const Value& v) const;
  // Calls a callable value with C++ arguments (converted as for a host function's result).
  template <class... A> Value operator()(A&&... args) const;

  const detail::Raw& raw() const { return raw_; }
  const std::shared_ptr<detail::Core>& core() const { return core_; }

 private:
  static detail::Raw none_raw() { return detail::Raw{0, detail::kNone}; }
  static Value unboxed(uint64_t tag, uint64_t bits) {
    Value v;
    v.raw_ = detail::Raw{bits, tag};
    return v;
  }
  detail::Core& need_core() const;

  std::shared_ptr<detail::Core> core_;  // null for values made on the host side (None, numbers)
  detail::Raw raw_;
};

// A script exception (or a host-side conversion or threading error) seen by
// the host. what() is the whole traceback text, so it ends like CPython's last
// line: "ValueError: boom".
class Error : public std::exception {
 public:
  Error(std::string type, std::string message, std::string traceback = {}, Value exception = {})
      : type_(std::move(type)), message_(std::move(message)), traceback_(std::move(traceback)),
        exception_(std::move(exception)) {
    if (traceback_.empty()) traceback_ = message_.empty() ? type_ : type_ + ": " + message_;
    while (!traceback_.empty() && traceback_.back() == '\n') traceback_.pop_back();
  }
  const char* what() const noexcept override { return traceback_.c_str(); }
  const std::string& type_name() const { return type_; }    // "ValueError"
  const std::string& message() const { return message_; }   // "boom"
  const std::string& traceback() const { return traceback_; }
  // The script exception object (None for host-side errors): a host function
  // that lets an Error through re-raises this very exception in the script.
  const Value& exception() const { return exception_; }

 private:
  std::string type_, message_, traceback_;
  Value exception_;
};

namespace detail {

// A host function after its C++ signature has been looked at (bind.hpp).
struct HostFunction {
  std::string name;
  std::vector<std::string> params;            // names, for keywords and messages
  std::vector<std::optional<Value>> defaults;  // one per param (nullopt: required)
  bool thread_safe = false;                    // may run without the interpreter lock
  // Converts the bound arguments (one per param, all present) and calls the
  // C++ callable; throws ConversionError, Error or whatever the callable throws.
  std::function<Value(Core&, const Raw* args)> invoke;
};

}  // namespace detail

inline detail::Core& Value::need_core() const {
  if (!core_) throw Error("TypeError", "a host-made value (None, bool, int or float) has no attributes here");
  return *core_;
}
namespace detail {
// str() of a value made on the host side (no interpreter to ask), as Python prints it.
inline std::string unboxed_text(const Raw& r) {
  switch (r.tag) {
    case kBool: return r.bits ? "True" : "False";
    case kInt: return std::to_string(static_cast<int64_t>(r.bits));
    case kFloat: {
      double d;
      std::memcpy(&d, &r.bits, sizeof d);
      if (std::isnan(d)) return "nan";
      if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
      char buf[32];
      auto res = std::to_chars(buf, buf + sizeof buf, d);
      std::string s(buf, res.ptr);
      if (s.find_first_of(".en") == std::string::npos) s += ".0";
      return s;
    }
    default: return "None";
  }
}
}  // namespace detail

inline std::string Value::str() const { return core_ ? core_->str(raw_) : detail::unboxed_text(raw_); }
inline std::string Value::repr() const { return core_ ? core_->repr(raw_) : detail::unboxed_text(raw_); }
inline bool Value::truthy() const {
  switch (raw_.tag) {
    case detail::kNone: return false;
    case detail::kBool:
    case detail::kInt: return raw_.bits != 0;
    case detail::kFloat: {
      double d;
      std::memcpy(&d, &raw_.bits, sizeof d);
      return d != 0.0;
    }
    default: return core_->truthy(raw_);
  }
}
inline std::string Value::type_name() const {
  switch (raw_.tag) {
    case detail::kNone: return "NoneType";
    case detail::kBool: return "bool";
    case detail::kInt: return "int";
    case detail::kFloat: return "float";
    default: return core_->type_name(raw_);
  }
}
inline Value Value::attr(std::string_view name) const { return need_core().getattr(raw_, name); }
inline void Value::set_attr(std::string_view name, const Value& v) const { need_core().setattr(raw_, name, v); }

}  // namespace lockvm::embed
