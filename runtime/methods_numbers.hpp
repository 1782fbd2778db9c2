// Constructors and methods of int, float, bool, range and slice.
//
//   register_number_methods<P>(t)
//   numm::int_of<P>(t, v)          int(v) (no base)
//   numm::float_of<P>(t, v)        float(v)
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "runtime/methods_common.hpp"
#include "runtime/methods_list.hpp"

namespace lockvm::rt {

template <LockPolicy P> void register_number_methods(Thread<P>& t);

namespace numm {

template <LockPolicy P> Value int_of(Thread<P>& t, const Value& v);

// float(x) of a number without going through Boost's conversion (which
// throws for ints beyond the double range): OverflowError instead.
template <LockPolicy P>
bool to_double_safe(Thread<P>& t, const Value& v, double& out) {
  if (is_kind(v, Kind::BigInt)) {
    if (core::big_to_double(as_bigint(v)->value, out)) return true;
    raise(t, t.types().OverflowError, "int too large to convert to float");
    return false;
  }
  return to_double(t, v, out);
}
template <LockPolicy P> Value float_of(Thread<P>& t, const Value& v);

// int(float): truncates; NaN and infinities cannot convert.
template <LockPolicy P>
Value int_of_double(Thread<P>& t, double d) {
  if (std::isnan(d)) return raise(t, t.types().ValueError, "cannot convert float NaN to integer");
  if (std::isinf(d)) return raise(t, t.types().OverflowError, "cannot convert float infinity to integer");
  double tr = std::trunc(d);
  if (tr >= -9223372036854775808.0 && tr < 9223372036854775808.0) return Value::integer(static_cast<int64_t>(tr));
  return new_bigint(t, core::double_to_big(tr));
}

// Calls a conversion dunder; Null without exception if the type lacks it.
template <LockPolicy P>
Value try_dunder(Thread<P>& t, const Value& v, StrObject* name, bool& found) {
  found = false;
  if (!has_user_type(v)) return Value();
  return call_dunder(t, v, name, nullptr, 0, found);
}

template <LockPolicy P>
Value int_of_text(Thread<P>& t, const Value& v, int base) {
  if (is_str(v)) return parse_int(t, as_str(v)->view(), base);
  auto* b = static_cast<BytesObject*>(v.o);
  Value r = parse_int(t, b->view(), base);
  if (r.is_null() && exception_matches(t, t.types().ValueError)) {
    clear_exception(t);
    return raisef(t, t.types().ValueError, "invalid literal for int() with base ", base, ": ", bytes_repr_text(b->view()));
  }
  return r;
}

template <LockPolicy P>
Value int_of(Thread<P>& t, const Value& v) {
  switch (v.tag) {
    case Tag::Int: return v;
    case Tag::Bool: return Value::integer(v.b);
    case Tag::Float: return int_of_double(t, v.f);
    default: break;
  }
  if (is_kind(v, Kind::BigInt)) return share<P>(v);
  if (is_str(v) || is_kind(v, Kind::Bytes)) return int_of_text(t, v, 10);
  InternedNames& n = t.names();
  bool found;
  Value r = try_dunder(t, v, n.__int__, found);
  if (!found) r = try_dunder(t, v, n.__index__, found);
  if (!found) r = try_dunder(t, v, intern(t.interp, "__trunc__"), found);
  if (found) {
    if (r.is_null()) return r;
    if (is_small_int(r)) return Value::integer(as_int_like(r));
    if (is_kind(r, Kind::BigInt)) return r;
    std::string tn(type_name(t, r));
    decref<P>(r);
    return raisef(t, t.types().TypeError, "__int__ returned non-int (type ", tn, ")");
  }
  return raisef(t, t.types().TypeError, "int() argument must be a string, a bytes-like object or a real number, not '",
                type_name(t, v), "'");
}

template <LockPolicy P>
Value float_of_text(Thread<P>& t, std::string_view text, bool bytes) {
  double d;
  if (core::parse_float_text(text, d)) return Value::number(d);
  std::string r = bytes ? bytes_repr_text(text) : str_repr_text(text);
  return raisef(t, t.types().ValueError, "could not convert string to float: ", r);
}

template <LockPolicy P>
Value float_of(Thread<P>& t, const Value& v) {
  switch (v.tag) {
    case Tag::Float: return v;
    case Tag::Int: return Value::number(static_cast<double>(v.i));
    case Tag::Bool: return Value::number(v.b ? 1.0 : 0.0);
    default: break;
  }
  if (is_kind(v, Kind::BigInt)) {
    double d;
    if (!to_double_safe(t, v, d)) return Value();
    return Value::number(d);
  }
  if (is_str(v)) return float_of_text(t, as_str(v)->view(), false);
  if (is_kind(v, Kind::Bytes)) return float_of_text(t, static_cast<BytesObject*>(v.o)->view(), true);
  bool found;
  Value r = try_dunder(t, v, t.names().__float__, found);
  if (found) {
    if (r.is_null()) return r;
    if (r.is_float()) return r;
    std::string tn(type_name(t, r));
    decref<P>(r);
    return raisef(t, t.types().TypeError, "__float__ returned non-float (type ", tn, ")");
  }
  r = try_dunder(t, v, t.names().__index__, found);
  if (found) {
    if (r.is_null()) return r;
    Ref<P> keep(r);
    if (!is_integer_value(r))
      return raisef(t, t.types().TypeError, "__index__ returned non-int (type ", type_name(t, r), ")");
    double d;
    if (!to_double_safe(t, r, d)) return Value();
    return Value::number(d);
  }
  return raisef(t, t.types().TypeError, "float() argument must be a string or a real number, not '", type_name(t, v),
                "'");
}

// int(x=0, base=10): x positional-only, base positional or keyword.
template <LockPolicy P>
Value int_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  size_t n = nargs ? nargs - 1 : 0;
  const Value* a = args + (nargs ? 1 : 0);
  Value x, base;
  if (n > 2) return raisef(t, t.types().TypeError, "int() takes at most 2 arguments (", n + (kw ? kw->size : 0), " given)");
  if (n >= 1) x = a[0];
  if (n >= 2) base = a[1];
  size_t nkw = kw ? kw->size : 0;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view name = as_str(kw->items[i])->view();
    if (name != "base") return raisef(t, t.types().TypeError, "'", name, "' is an invalid keyword argument for int()");
    if (!base.is_null())
      return raise(t, t.types().TypeError, "argument for int() given by name ('base') and position (2)");
    base = args[nargs + i];
  }
  if (base.is_null()) {
    if (x.is_null()) return Value::integer(0);
    return int_of(t, x);
  }
  if (x.is_null()) return raise(t, t.types().TypeError, "int() missing string argument");
  int64_t b;
  if (!to_int64(t, base, b)) return Value();
  if (!(b == 0 || (b >= 2 && b <= 36)))
    return raise(t, t.types().ValueError, "int() base must be >= 2 and <= 36, or 0");
  if (!is_str(x) && !is_kind(x, Kind::Bytes))
    return raise(t, t.types().TypeError, "int() can't convert non-string with explicit base");
  return int_of_text(t, x, static_cast<int>(b));
}

template <LockPolicy P>
Value float_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "float", nargs ? nargs - 1 : 0, kw, 0, 1)) return Value();
  if (nargs < 2) return Value::number(0.0);
  return float_of(t, args[1]);
}

template <LockPolicy P>
Value bool_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "bool", nargs ? nargs - 1 : 0, kw, 0, 1)) return Value();
  if (nargs < 2) return Value::boolean(false);
  int r = truthy(t, args[1]);
  if (r < 0) return Value();
  return Value::boolean(r);
}

// ---------------------------------------------------------------- int methods

template <LockPolicy P>
bool self_int(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  if (nargs > 0 && is_integer_value(args[0])) return true;
  if (nargs == 0) {
    raisef(t, t.types().TypeError, "unbound method int.", meth, "() needs an argument");
    return false;
  }
  raisef(t, t.types().TypeError, "descriptor '", meth, "' for 'int' objects doesn't apply to a '", type_name(t, args[0]),
         "' object");
  return false;
}

template <LockPolicy P>
Value int_bit_length(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_int(t, args, nargs, "bit_length") || !bi::arg_none(t, "int.bit_length", nargs - 1, kw)) return Value();
  if (is_small_int(args[0])) {
    int64_t v = as_int_like(args[0]);
    uint64_t m = v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    return Value::integer(m == 0 ? 0 : 64 - __builtin_clzll(m));
  }
  BigInt m = core::big_abs(as_bigint(args[0])->value);
  return Value::integer(static_cast<int64_t>(boost::multiprecision::msb(m)) + 1);
}

template <LockPolicy P>
Value int_bit_count(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_int(t, args, nargs, "bit_count") || !bi::arg_none(t, "int.bit_count", nargs - 1, kw)) return Value();
  if (is_small_int(args[0])) {
    int64_t v = as_int_like(args[0]);
    uint64_t m = v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    return Value::integer(__builtin_popcountll(m));
  }
  return Value::integer(core::popcount_big(as_bigint(args[0])->value));
}

template <LockPolicy P>
Value int_conjugate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_int(t, args, nargs, "conjugate") || !bi::arg_none(t, "int.conjugate", nargs - 1, kw)) return Value();
  if (args[0].is_bool()) return Value::integer(args[0].b);
  return share<P>(args[0]);
}

template <LockPolicy P>
Value int_as_integer_ratio(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_int(t, args, nargs, "as_integer_ratio") || !bi::arg_none(t, "int.as_integer_ratio", nargs - 1, kw))
    return Value();
  Value pair[2] = {args[0].is_bool() ? Value::integer(args[0].b) : args[0], Value::integer(1)};
  return new_tuple(t, pair, 2);
}

// ---------------------------------------------------------------- float methods

template <LockPolicy P>
bool self_float(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  if (nargs > 0 && args[0].is_float()) return true;
  if (nargs == 0) {
    raisef(t, t.types().TypeError, "unbound method float.", meth, "() needs an argument");
    return false;
  }
  raisef(t, t.types().TypeError, "descriptor '", meth, "' for 'float' objects doesn't apply to a '",
         type_name(t, args[0]), "' object");
  return false;
}

template <LockPolicy P>
Value float_is_integer(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_float(t, args, nargs, "is_integer") || !bi::arg_none(t, "float.is_integer", nargs - 1, kw)) return Value();
  double d = args[0].f;
  return Value::boolean(std::isfinite(d) && d == std::floor(d));
}

template <LockPolicy P>
Value float_as_integer_ratio(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_float(t, args, nargs, "as_integer_ratio") || !bi::arg_none(t, "float.as_integer_ratio", nargs - 1, kw))
    return Value();
  double d = args[0].f;
  if (std::isinf(d)) return raise(t, t.types().OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(d)) return raise(t, t.types().ValueError, "cannot convert NaN to integer ratio");
  BigInt num, den;
  core::double_ratio(d, num, den);
  Ref<P> a(new_bigint(t, num)), b(new_bigint(t, den));
  Value pair[2] = {*a, *b};
  return new_tuple(t, pair, 2);
}

template <LockPolicy P>
Value float_conjugate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_float(t, args, nargs, "conjugate") || !bi::arg_none(t, "float.conjugate", nargs - 1, kw)) return Value();
  return args[0];
}

// ---------------------------------------------------------------- range

// A range bound: ints and __index__; bigints do not fit lockvm's ranges.
template <LockPolicy P>
bool range_arg(Thread<P>& t, const Value& v, int64_t& out) {
  if (is_kind(v, Kind::BigInt)) {
    raise(t, t.types().OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  if (v.is_float()) {
    raise(t, t.types().TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  return to_int64(t, v, out);
}

template <LockPolicy P>
Value range_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "range() takes no keyword arguments");
  size_t n = nargs ? nargs - 1 : 0;
  if (!bi::arg_range(t, "range", n, nullptr, 1, 3)) return Value();
  const Value* a = args + 1;
  int64_t start = 0, stop = 0, step = 1;
  if (n == 1) {
    if (!range_arg(t, a[0], stop)) return Value();
  } else {
    if (!range_arg(t, a[0], start) || !range_arg(t, a[1], stop)) return Value();
    if (n == 3 && !range_arg(t, a[2], step)) return Value();
  }
  if (step == 0) return raise(t, t.types().ValueError, "range() arg 3 must not be zero");
  __int128 len = 0;
  if (step > 0 && start < stop) len = (static_cast<__int128>(stop) - start - 1) / step + 1;
  else if (step < 0 && start > stop) len = (static_cast<__int128>(start) - stop - 1) / -static_cast<__int128>(step) + 1;
  if (len > std::numeric_limits<int64_t>::max())
    return raise(t, t.types().OverflowError, "Python int too large to convert to C ssize_t");
  return new_range(t, start, stop, step);
}

// The position of an int in the range, or -1.
inline int64_t range_find(RangeObject* r, int64_t x) {
  if (r->length == 0) return -1;
  if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return -1;
  __int128 d = static_cast<__int128>(x) - r->start;
  if (d % r->step != 0) return -1;
  return static_cast<int64_t>(d / r->step);
}

template <LockPolicy P>
bool self_range(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  return bi::check_self(t, args, nargs, "range", meth, {Kind::Range});
}

template <LockPolicy P>
Value range_count(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_range(t, args, nargs, "count") || !bi::arg_one(t, "range.count", nargs - 1, kw)) return Value();
  auto* r = static_cast<RangeObject*>(args[0].o);
  if (is_small_int(args[1])) return Value::integer(range_find(r, as_int_like(args[1])) >= 0);
  if (is_kind(args[1], Kind::BigInt)) return Value::integer(0);
  int64_t c = 0;
  for (int64_t i = 0; i < r->length; ++i) {
    int eq = equal(t, Value::integer(r->start + i * r->step), args[1]);
    if (eq < 0) return Value();
    c += eq;
  }
  return Value::integer(c);
}

template <LockPolicy P>
Value range_index(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_range(t, args, nargs, "index") || !bi::arg_one(t, "range.index", nargs - 1, kw)) return Value();
  auto* r = static_cast<RangeObject*>(args[0].o);
  if (is_small_int(args[1]) || is_kind(args[1], Kind::BigInt)) {
    int64_t i = is_small_int(args[1]) ? range_find(r, as_int_like(args[1])) : -1;
    if (i >= 0) return Value::integer(i);
    std::string text;
    if (!repr_into(t, args[1], text)) return Value();
    return raisef(t, t.types().ValueError, text, " is not in range");
  }
  for (int64_t i = 0; i < r->length; ++i) {
    int eq = equal(t, Value::integer(r->start + i * r->step), args[1]);
    if (eq < 0) return Value();
    if (eq) return Value::integer(i);
  }
  return raise(t, t.types().ValueError, "sequence.index(x): x not in sequence");
}

// ---------------------------------------------------------------- slice

template <LockPolicy P>
Value slice_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "slice() takes no keyword arguments");
  size_t n = nargs ? nargs - 1 : 0;
  if (!bi::arg_range(t, "slice", n, nullptr, 1, 3)) return Value();
  const Value* a = args + 1;
  if (n == 1) return new_slice(t, Value::none(), a[0], Value::none());
  return new_slice(t, a[0], a[1], n == 3 ? a[2] : Value::none());
}

}  // namespace numm

template <LockPolicy P>
void register_number_methods(Thread<P>& t) {
  BuiltinTypes& ty = t.types();
  add_method(t, ty.int_, "__new__", numm::int_new<P>);
  add_method(t, ty.int_, "bit_length", numm::int_bit_length<P>);
  add_method(t, ty.int_, "bit_count", numm::int_bit_count<P>);
  add_method(t, ty.int_, "conjugate", numm::int_conjugate<P>);
  add_method(t, ty.int_, "as_integer_ratio", numm::int_as_integer_ratio<P>);

  add_method(t, ty.bool_, "__new__", numm::bool_new<P>);

  add_method(t, ty.float_, "__new__", numm::float_new<P>);
  add_method(t, ty.float_, "is_integer", numm::float_is_integer<P>);
  add_method(t, ty.float_, "as_integer_ratio", numm::float_as_integer_ratio<P>);
  add_method(t, ty.float_, "conjugate", numm::float_conjugate<P>);

  add_method(t, ty.range, "__new__", numm::range_new<P>);
  add_method(t, ty.range, "count", numm::range_count<P>);
  add_method(t, ty.range, "index", numm::range_index<P>);
  listm::add_container_dunders(t, ty.range, true);

  add_method(t, ty.slice, "__new__", numm::slice_new<P>);
}

}  // namespace lockvm::rt
