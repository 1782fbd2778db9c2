// Helpers shared by the built-in methods and functions (methods_*.hpp,
// builtins_functions.hpp, modules_std.hpp): argument checks worded exactly
// as CPython's argument clinic words them, `self` checks, KeyError raising.
#pragma once

#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

#include "runtime/alloc.hpp"
#include "runtime/builtins_core.hpp"
#include "runtime/core.hpp"
#include "runtime/errors.hpp"
#include "runtime/operators.hpp"
#include "runtime/protocol.hpp"
#include "runtime/registry.hpp"

namespace lockvm::rt::bi {

inline const char* plural(size_t n) { return n == 1 ? "" : "s"; }

// The argument checks below are tested inline on every built-in method
// call; the raising halves stay out of line (a call each was 2 % of the
// string benchmark's instructions).
inline bool has_kw(TupleObject* kw) { return kw && kw->size; }

// METH_O: "list.append() takes exactly one argument (0 given)". n excludes self.
template <LockPolicy P>
[[gnu::cold, gnu::noinline]] bool arg_one_error(Thread<P>& t, const char* qualname, size_t n, TupleObject* kw) {
  if (has_kw(kw)) raisef(t, t.types().TypeError, qualname, "() takes no keyword arguments");
  else raisef(t, t.types().TypeError, qualname, "() takes exactly one argument (", n, " given)");
  return false;
}
template <LockPolicy P>
[[gnu::always_inline]] inline bool arg_one(Thread<P>& t, const char* qualname, size_t n, TupleObject* kw) {
  if (n == 1 && !has_kw(kw)) [[likely]] return true;
  return arg_one_error(t, qualname, n, kw);
}

// METH_NOARGS: "list.copy() takes no arguments (1 given)".
template <LockPolicy P>
[[gnu::cold, gnu::noinline]] bool arg_none_error(Thread<P>& t, const char* qualname, size_t n, TupleObject* kw) {
  if (has_kw(kw)) raisef(t, t.types().TypeError, qualname, "() takes no keyword arguments");
  else raisef(t, t.types().TypeError, qualname, "() takes no arguments (", n, " given)");
  return false;
}
template <LockPolicy P>
[[gnu::always_inline]] inline bool arg_none(Thread<P>& t, const char* qualname, size_t n, TupleObject* kw) {
  if (n == 0 && !has_kw(kw)) [[likely]] return true;
  return arg_none_error(t, qualname, n, kw);
}

// "set.update() takes no keyword arguments".
template <LockPolicy P>
bool no_kw(Thread<P>& t, std::string_view qualname, TupleObject* kw) {
  if (has_kw(kw)) {
    raisef(t, t.types().TypeError, qualname, "() takes no keyword arguments");
    return false;
  }
  return true;
}

// _PyArg_CheckPositional: "pop expected at most 1 argument, got 2".
template <LockPolicy P>
[[gnu::cold, gnu::noinline]] bool arg_range_error(Thread<P>& t, const char* name, size_t n, TupleObject* kw,
                                                  size_t min, size_t max) {
  if (has_kw(kw))
    raisef(t, t.types().TypeError, name, "() takes no keyword arguments");
  else if (n < min)
    raisef(t, t.types().TypeError, name, " expected ", min == max ? "" : "at least ", min, " argument", plural(min),
           ", got ", n);
  else
    raisef(t, t.types().TypeError, name, " expected ", min == max ? "" : "at most ", max, " argument", plural(max),
           ", got ", n);
  return false;
}
template <LockPolicy P>
[[gnu::always_inline]] inline bool arg_range(Thread<P>& t, const char* name, size_t n, TupleObject* kw, size_t min,
                                             size_t max) {
  if (n >= min && n <= max && !has_kw(kw)) [[likely]] return true;
  return arg_range_error(t, name, n, kw, min, max);
}

// A method's receiver: args[0] must exist and have one of the layouts.
template <LockPolicy P>
[[gnu::cold, gnu::noinline]] bool check_self_error(Thread<P>& t, const Value* args, size_t nargs, const char* tname,
                                                   const char* meth) {
  if (nargs == 0)
    raisef(t, t.types().TypeError, "unbound method ", tname, ".", meth, "() needs an argument");
  else
    raisef(t, t.types().TypeError, "descriptor '", meth, "' for '", tname, "' objects doesn't apply to a '",
           type_name(t, args[0]), "' object");
  return false;
}
template <LockPolicy P>
[[gnu::always_inline]] inline bool check_self(Thread<P>& t, const Value* args, size_t nargs, const char* tname,
                                              const char* meth, std::initializer_list<Kind> kinds) {
  if (nargs != 0 && args[0].tag == Tag::Obj)
    for (Kind k : kinds)
      if (args[0].o->kind == k) return true;
  return check_self_error(t, args, nargs, tname, meth);
}

// Raises KeyError(key) (the key itself as the argument, as dict[k] does).
template <LockPolicy P>
Value raise_key_error(Thread<P>& t, const Value& key) {
  Value args = new_tuple(t, &key, 1);
  Value e = new_exception(t, t.types().KeyError, args);
  decref<P>(args);
  set_pending(t, e);
  return Value();
}

// Raises an exception of `type` whose args are exactly `args[0:n]`.
template <LockPolicy P>
Value raise_with_args(Thread<P>& t, TypeObject* type, const Value* args, size_t n) {
  Value tup = new_tuple(t, args, n);
  Value e = new_exception(t, type, tup);
  decref<P>(tup);
  set_pending(t, e);
  return Value();
}

// An index argument (Py_ssize_t converter): ints, bools and __index__; a
// bigint is an OverflowError.
template <LockPolicy P>
bool to_ssize(Thread<P>& t, const Value& v, int64_t& out) {
  if (is_kind(v, Kind::BigInt)) {
    raise(t, t.types().OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return to_int64(t, v, out);
}

// A slice-style index (start/stop of index()): bigints clamp.
template <LockPolicy P>
bool to_clamped_index(Thread<P>& t, const Value& v, int64_t& out) {
  if (is_kind(v, Kind::BigInt)) {
    out = as_bigint(v)->value < 0 ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
    return true;
  }
  if (is_small_int(v)) {
    out = as_int_like(v);
    return true;
  }
  if (v.tag == Tag::Obj && v.o->kind == Kind::Instance && !type_lookup<P>(v.o->type, t.names().__index__).is_null())
    return to_int64(t, v, out);
  raise(t, t.types().TypeError, "slice indices must be integers or have an __index__ method");
  return false;
}

// Normalizes start/stop of seq.index(x, start, stop) for a sequence of len n.
inline void clamp_range(int64_t n, int64_t& start, int64_t& stop) {
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  if (stop > n) stop = n;
}

// Registers a native as a classmethod on a type (dict.fromkeys): attribute
// access binds the class, so the function gets the type as args[0].
template <LockPolicy P>
void add_classmethod(Thread<P>& t, TypeObject* type, const char* name, NativeFn<P> fn) {
  Value f = new_native(t, name, fn);
  auto* w = alloc_object<P, WrapperObject>(t.types().classmethod, Kind::ClassMethod);
  w->func = f;  // owns the reference
  Value wv = Value::object(w);
  dict_set(t, type->dict, Value::object(intern(t.interp, name)), wv);
  decref<P>(wv);
}

// Snapshot of an iterable's items as owned references (sets and dicts are
// copied under their lock, so the caller may then run user code freely).
template <LockPolicy P>
struct Items {
  std::vector<Value> v;
  Items() = default;
  Items(const Items&) = delete;
  Items& operator=(const Items&) = delete;
  ~Items() {
    for (Value& x : v) decref<P>(x);
  }
};

template <LockPolicy P>
bool collect(Thread<P>& t, const Value& iterable, Items<P>& out) {
  if (iterable.tag == Tag::Obj) {
    switch (iterable.o->kind) {
      case Kind::List: {
        ObjectGuard<P> g(iterable.o);
        for (const Value& x : as_list(iterable)->items) out.v.push_back(share<P>(x));
        return true;
      }
      case Kind::Tuple: {
        TupleObject* tup = as_tuple(iterable);
        for (uint64_t i = 0; i < tup->size; ++i) out.v.push_back(share<P>(tup->items[i]));
        return true;
      }
      case Kind::Set:
      case Kind::FrozenSet:
      case Kind::Dict: {
        ObjectGuard<P> g(iterable.o);
        HashTable& tab = iterable.o->kind == Kind::Dict ? as_dict(iterable)->table : as_set(iterable)->table;
        for (const HashEntry& e : tab.entries)
          if (!e.key.is_null()) out.v.push_back(share<P>(e.key));
        return true;
      }
      default: break;
    }
  }
  Value it = get_iter(t, iterable);
  if (it.is_null()) return false;
  Ref<P> iter(it);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null();
    out.v.push_back(x);
  }
}

}  // namespace lockvm::rt::bi
