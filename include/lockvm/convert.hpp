// Conversions between C++ values and script values, both ways.
//
//   Caster<T>::from(core, raw) -> T      throws ConversionError("must be int, not str")
//   Caster<T>::to(core, const T&) -> Value
//
// Built in: Value, bool, integers (range-checked), floating point,
// std::string / std::string_view / const char*, std::vector, std::map,
// std::unordered_map, std::optional, std::pair, std::tuple. Any other class
// type is a host class (bind.hpp's class_<T>): its instances are converted by
// pointer to the C++ object inside the script object.
#pragma once

#include <limits>
#include <map>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "lockvm/value.hpp"

namespace lockvm::embed {

namespace detail {

// The address identifying host class T (one per program: an inline variable).
template <class T>
inline const char host_class_key = 0;

inline double raw_double(const Raw& r) {
  double d;
  std::memcpy(&d, &r.bits, sizeof d);
  return d;
}

inline std::string raw_type_name(Core* c, const Raw& r) {
  switch (r.tag) {
    case kNone: return "NoneType";
    case kBool: return "bool";
    case kInt: return "int";
    case kFloat: return "float";
    default: return c ? c->type_name(r) : "object";
  }
}

[[noreturn]] inline void mismatch(Core* c, const Raw& r, std::string_view expected) {
  throw detail::ConversionError("must be " + std::string(expected) + ", not " + raw_type_name(c, r));
}

inline Shape raw_shape(Core* c, const Raw& r) {
  switch (r.tag) {
    case kNone: return Shape::None;
    case kBool: return Shape::Bool;
    case kInt: return Shape::Int;
    case kFloat: return Shape::Float;
    default: return c ? c->shape(r) : Shape::Other;
  }
}

// A borrowed Raw as a Value (one more reference).
inline Value borrow(Core* c, const Raw& r) {
  if (r.tag != kObj) return Value(nullptr, r);
  c->incref(r);
  return Value(c->shared_from_this(), r);
}

}  // namespace detail

// Host classes (the primary template): by value, a copy of the C++ object.
template <class T>
struct Caster {
  static_assert(std::is_class_v<T>, "lockvm: no conversion for this type");
  static constexpr const char* kName = "a host object";
  static T* pointer(detail::Core* c, const detail::Raw& r) {
    void* p = r.tag == detail::kObj && c ? c->unwrap(r, &detail::host_class_key<T>) : nullptr;
    if (!p) detail::mismatch(c, r, "a host object of the bound C++ class");
    return static_cast<T*>(p);
  }
  static T from(detail::Core* c, const detail::Raw& r) { return *pointer(c, r); }
  // A new script instance owning a copy (the class must be bound).
  static Value to(detail::Core& c, T v);
};

// A host object handed over to the script: the new script instance owns it.
template <class T>
struct Caster<std::unique_ptr<T>> {
  static Value to(detail::Core& c, std::unique_ptr<T> owned) {
    if (!owned) return Value();
    Value out = c.wrap(&detail::host_class_key<T>, owned.get(), [](void* p) { std::unique_ptr<T>{static_cast<T*>(p)}; });
    owned.release();  // the script object's destroy function frees it now
    return out;
  }
};

template <class T>
Value Caster<T>::to(detail::Core& c, T v) {
  return Caster<std::unique_ptr<T>>::to(c, std::make_unique<T>(std::move(v)));
}

template <>
struct Caster<Value> {
  static Value from(detail::Core* c, const detail::Raw& r) { return detail::borrow(c, r); }
  static Value to(detail::Core&, const Value& v) { return v; }
};

template <>
struct Caster<bool> {
  static bool from(detail::Core* c, const detail::Raw& r) {
    if (r.tag != detail::kBool) detail::mismatch(c, r, "bool");
    return r.bits != 0;
  }
  static Value to(detail::Core&, bool b) { return Value::boolean(b); }
};

template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
struct Caster<T> {
  static T from(detail::Core* c, const detail::Raw& r) {
    if (r.tag != detail::kInt && r.tag != detail::kBool) {
      if (detail::raw_shape(c, r) == detail::Shape::BigInt) throw detail::ConversionError("int too large to convert to C++");
      detail::mismatch(c, r, "int");
    }
    int64_t i = static_cast<int64_t>(r.bits);
    if constexpr (std::is_unsigned_v<T>) {
      if (i < 0 || static_cast<uint64_t>(i) > std::numeric_limits<T>::max())
        throw detail::ConversionError("int out of range for C++ " + std::string(sizeof(T) == 8 ? "uint64" : "unsigned"));
    } else if (i < std::numeric_limits<T>::min() || i > std::numeric_limits<T>::max()) {
      throw detail::ConversionError("int out of range for C++ int" + std::to_string(sizeof(T) * 8));
    }
    return static_cast<T>(i);
  }
  static Value to(detail::Core&, T v) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= 8)
      if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) throw detail::ConversionError("uint64 too large for a script int");
    return Value::integer(static_cast<int64_t>(v));
  }
};

template <class T>
  requires std::is_floating_point_v<T>
struct Caster<T> {
  static T from(detail::Core* c, const detail::Raw& r) {
    if (r.tag == detail::kFloat) return static_cast<T>(detail::raw_double(r));
    if (r.tag == detail::kInt) return static_cast<T>(static_cast<int64_t>(r.bits));
    detail::mismatch(c, r, "float");
  }
  static Value to(detail::Core&, T v) { return Value::number(static_cast<double>(v)); }
};

template <>
struct Caster<std::string_view> {
  // Borrowed: valid while the script string lives (a host function's argument: the call).
  static std::string_view from(detail::Core* c, const detail::Raw& r) {
    if (detail::raw_shape(c, r) != detail::Shape::Str) detail::mismatch(c, r, "str");
    return c->str_view(r);
  }
  static Value to(detail::Core& c, std::string_view s) { return c.make_str(s); }
};

template <>
struct Caster<std::string> {
  static std::string from(detail::Core* c, const detail::Raw& r) {
    return std::string(Caster<std::string_view>::from(c, r));
  }
  static Value to(detail::Core& c, const std::string& s) { return c.make_str(s); }
};

template <>
struct Caster<const char*> {
  static Value to(detail::Core& c, const char* s) { return c.make_str(s ? s : ""); }
};

template <class T>
struct Caster<std::optional<T>> {
  static std::optional<T> from(detail::Core* c, const detail::Raw& r) {
    if (r.tag == detail::kNone) return std::nullopt;
    return Caster<T>::from(c, r);
  }
  static Value to(detail::Core& c, const std::optional<T>& v) { return v ? Caster<T>::to(c, *v) : Value(); }
};

namespace detail {
// Converts item i of a sequence, naming it in the error.
template <class T>
T item_from(Core* c, const Value& item, size_t i) {
  try {
    return Caster<T>::from(c, item.raw());
  } catch (const ConversionError& e) {
    throw detail::ConversionError(std::string(e.what()) + " (item " + std::to_string(i) + ")");
  }
}
inline bool is_sequence(Core* c, const Raw& r) {
  Shape s = raw_shape(c, r);
  return s == Shape::List || s == Shape::Tuple;
}
}  // namespace detail

template <class T>
struct Caster<std::vector<T>> {
  static std::vector<T> from(detail::Core* c, const detail::Raw& r) {
    if (!detail::is_sequence(c, r)) detail::mismatch(c, r, "list or tuple");
    size_t n = c->length(r);
    std::vector<T> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) out.push_back(detail::item_from<T>(c, c->item(r, i), i));
    return out;
  }
  static Value to(detail::Core& c, const std::vector<T>& v) {
    std::vector<Value> items;
    items.reserve(v.size());
    for (const T& x : v) items.push_back(Caster<T>::to(c, x));
    return c.make_list(items);
  }
};

namespace detail {
template <class M>
struct MapCaster {
  using K = typename M::key_type;
  using V = typename M::mapped_type;
  static M from(Core* c, const Raw& r) {
    if (raw_shape(c, r) != Shape::Dict) mismatch(c, r, "dict");
    M out;
    for (auto& [k, v] : c->dict_items(r)) {
      try {
        out.emplace(Caster<K>::from(c, k.raw()), Caster<V>::from(c, v.raw()));
      } catch (const ConversionError& e) {
        throw detail::ConversionError(std::string(e.what()) + " (entry " + k.repr() + ")");
      }
    }
    return out;
  }
  static Value to(Core& c, const M& m) {
    std::vector<std::pair<Value, Value>> items;
    items.reserve(m.size());
    for (const auto& [k, v] : m) items.emplace_back(Caster<K>::to(c, k), Caster<V>::to(c, v));
    return c.make_dict(items);
  }
};
}  // namespace detail

template <class K, class V, class C, class A>
struct Caster<std::map<K, V, C, A>> : detail::MapCaster<std::map<K, V, C, A>> {};
template <class K, class V, class H, class E, class A>
struct Caster<std::unordered_map<K, V, H, E, A>> : detail::MapCaster<std::unordered_map<K, V, H, E, A>> {};

namespace detail {
template <class Tup>
struct TupleCaster {
  static constexpr size_t N = std::tuple_size_v<Tup>;
  static Tup from(Core* c, const Raw& r) {
    if (!is_sequence(c, r) || c->length(r) != N)
      mismatch(c, r, "a tuple of " + std::to_string(N));
    return [&]<size_t... I>(std::index_sequence<I...>) {
      return Tup{item_from<std::tuple_element_t<I, Tup>>(c, c->item(r, I), I)...};
    }(std::make_index_sequence<N>());
  }
  static Value to(Core& c, const Tup& t) {
    std::vector<Value> items = std::apply(
        [&](const auto&... x) { return std::vector<Value>{Caster<std::decay_t<decltype(x)>>::to(c, x)...}; }, t);
    return c.make_tuple(items);
  }
};
}  // namespace detail

template <class... T>
struct Caster<std::tuple<T...>> : detail::TupleCaster<std::tuple<T...>> {};
template <class A, class B>
struct Caster<std::pair<A, B>> : detail::TupleCaster<std::pair<A, B>> {};

// Value::as<T>(): a conversion failure is a host-side TypeError.
template <class T>
T Value::as() const {
  if (core_ && !core_->alive()) throw Error("RuntimeError", "the value's interpreter was destroyed");
  try {
    return Caster<std::decay_t<T>>::from(core_.get(), raw_);
  } catch (const detail::ConversionError& e) {
    throw Error("TypeError", std::string("cannot convert to C++: value ") + e.what());
  }
}

// Converting a C++ value for a script (arguments of calls, results of host functions).
template <class T>
Value to_value(detail::Core& c, T&& v) {
  using D = std::decay_t<T>;
  if constexpr (std::is_same_v<D, char*> || std::is_same_v<D, const char*>) return Caster<const char*>::to(c, v);
  else return Caster<D>::to(c, std::forward<T>(v));
}


}  // namespace lockvm::embed
