// Host functions: a C++ callable becomes a script function whose arguments
// are converted according to the C++ signature (pybind11-style).
//
//   vm.def("area", [](double w, double h) { return w * h; }, {lockvm::arg("w"), lockvm::arg("h") = 1.0});
//
// The glue made here only converts: binding positional and keyword arguments,
// filling defaults and raising TypeError happen in the library (Core).
#pragma once

#include <functional>

#include "lockvm/convert.hpp"

namespace lockvm::embed {

// A parameter's name, and optionally its default value (converted when the
// function is defined).
struct arg {
  explicit arg(std::string n) : name(std::move(n)) {}
  template <class T>
  arg& operator=(T&& v) {
    make_default = [v = std::forward<T>(v)](detail::Core& c) { return to_value(c, v); };
    return *this;
  }
  std::string name;
  std::function<Value(detail::Core&)> make_default;
};

namespace detail {
// The arguments of a call from C++: C++ values, then keyword arguments
// written as lockvm::arg("name") = value (pybind11's "name"_a = value).
template <class... A>
Value call_with(Core& c, const Raw& f, A&&... args) {
  std::vector<Value> pos;
  std::vector<std::pair<std::string, Value>> kw;
  [[maybe_unused]] auto add = [&](auto&& a) {  // unused when there are no arguments
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, arg>) {
      if (!a.make_default) throw Error("TypeError", "keyword argument '" + a.name + "' without a value");
      kw.emplace_back(a.name, a.make_default(c));
    } else {
      if (!kw.empty()) throw Error("TypeError", "positional argument follows keyword argument");
      pos.push_back(to_value(c, std::forward<decltype(a)>(a)));
    }
  };
  try {
    (add(std::forward<A>(args)), ...);
  } catch (const ConversionError& e) {
    throw Error("TypeError", e.what());
  }
  return c.call(f, pos, kw);
}
}  // namespace detail

template <class... A>
Value Value::operator()(A&&... args) const {
  return detail::call_with(need_core(), raw_, std::forward<A>(args)...);
}

// How a host function may run (GlobalLock: whether it keeps the GIL; ObjectLocks, BiasedRC: whether it stays attached).
enum class Threading {
  NeedsLock,   // runs holding the interpreter lock (the default)
  ThreadSafe,  // touches no script objects while it runs: the lock is released around the C++ call
};

namespace detail {

// The signature of a callable: function pointer, member function pointer,
// lambda or other functor.
template <class M> struct CallOperator;  // a functor's operator(): the object is not a parameter
template <class F> struct Signature : CallOperator<decltype(&F::operator())> {};
template <class R, class... A> struct Signature<R (*)(A...)> {
  using Result = R;
  using Args = std::tuple<A...>;
};
template <class R, class... A> struct Signature<R(A...)> : Signature<R (*)(A...)> {};
template <class C, class R, class... A> struct Signature<R (C::*)(A...)> : Signature<R (*)(C&, A...)> {};
template <class C, class R, class... A> struct Signature<R (C::*)(A...) const> : Signature<R (*)(const C&, A...)> {};
template <class C, class R, class... A> struct Signature<R (C::*)(A...) noexcept> : Signature<R (*)(C&, A...)> {};
template <class C, class R, class... A>
struct Signature<R (C::*)(A...) const noexcept> : Signature<R (*)(const C&, A...)> {};
template <class C, class R, class... A> struct CallOperator<R (C::*)(A...)> : Signature<R (*)(A...)> {};
template <class C, class R, class... A> struct CallOperator<R (C::*)(A...) const> : Signature<R (*)(A...)> {};
template <class C, class R, class... A> struct CallOperator<R (C::*)(A...) noexcept> : Signature<R (*)(A...)> {};
template <class C, class R, class... A> struct CallOperator<R (C::*)(A...) const noexcept> : Signature<R (*)(A...)> {};

// A parameter that refers to a host object (T&, const T&, T*) gets a pointer
// to the C++ object inside the script object; anything else a converted copy.
template <class A>
struct Param {
  using D = std::remove_cvref_t<std::remove_pointer_t<std::decay_t<A>>>;
  static constexpr bool kByPointer =
      (std::is_lvalue_reference_v<A> || std::is_pointer_v<A>) && std::is_class_v<D> &&
      requires { Caster<D>::pointer(nullptr, std::declval<const Raw&>()); };
  using Stored = std::conditional_t<kByPointer, D*, std::decay_t<A>>;
  static Stored load(Core& c, const Raw& r) {
    if constexpr (kByPointer) {
      if constexpr (std::is_pointer_v<A>)
        if (r.tag == kNone) return nullptr;
      return Caster<D>::pointer(&c, r);
    } else {
      return Caster<Stored>::from(&c, r);
    }
  }
  static decltype(auto) get(Stored& s) {
    if constexpr (kByPointer && std::is_pointer_v<A>) return static_cast<A>(s);
    else if constexpr (kByPointer) return static_cast<A>(*s);
    else return static_cast<std::conditional_t<std::is_lvalue_reference_v<A>, A, Stored&&>>(s);
  }
};

template <class Tuple> struct ParamsOf;
template <class... A> struct ParamsOf<std::tuple<A...>> {
  static constexpr size_t N = sizeof...(A);
  using Stored = std::tuple<typename Param<A>::Stored...>;
  template <size_t... I>
  static Stored load(Core& c, const Raw* args, const std::vector<std::string>& names, std::index_sequence<I...>) {
    return Stored{load_one<A, I>(c, args[I], names)...};
  }
  template <class X, size_t I>
  static typename Param<X>::Stored load_one(Core& c, const Raw& r, const std::vector<std::string>& names) {
    try {
      return Param<X>::load(c, r);
    } catch (const ConversionError& e) {
      throw ConversionError("argument '" + names[I] + "' " + e.what());
    }
  }
};

// Builds the HostFunction for callable f. Parameters without a spec are
// named arg0, arg1... (positional use only, in practice).
template <class F>
HostFunction make_host_function(Core& core, std::string name, F f, std::vector<arg> specs, Threading threading) {
  using Sig = Signature<std::decay_t<F>>;
  using Args = typename Sig::Args;
  using R = typename Sig::Result;
  using PO = ParamsOf<Args>;
  constexpr size_t N = PO::N;
  HostFunction hf;
  hf.name = std::move(name);
  hf.thread_safe = threading == Threading::ThreadSafe;
  if (specs.size() > N) throw Error("TypeError", hf.name + ": more lockvm::arg specs than parameters");
  size_t skip = N - specs.size();  // specs name the last parameters (a method's self is first)
  for (size_t i = 0; i < N; ++i) {
    if (i < skip) {
      hf.params.push_back("arg" + std::to_string(i));
      hf.defaults.emplace_back();
    } else {
      arg& a = specs[i - skip];
      hf.params.push_back(a.name);
      if (a.make_default) hf.defaults.emplace_back(a.make_default(core));
      else hf.defaults.emplace_back();
    }
  }
  hf.invoke = [f = std::move(f), params = hf.params, safe = hf.thread_safe](Core& c, const Raw* args) mutable -> Value {
    auto stored = PO::load(c, args, params, std::make_index_sequence<N>());
    auto run = [&]() -> R {
      std::shared_ptr<void> unlocked = safe ? c.unlock() : nullptr;
      return [&]<size_t... I>(std::index_sequence<I...>) -> R {
        return std::invoke(f, Param<std::tuple_element_t<I, Args>>::get(std::get<I>(stored))...);
      }(std::make_index_sequence<N>());
    };
    if constexpr (std::is_void_v<R>) {
      run();
      return Value();
    } else {
      return to_value(c, run());
    }
  };
  return hf;
}

}  // namespace detail
}  // namespace lockvm::embed
