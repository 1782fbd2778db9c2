// The math module.
//
//   template <LockPolicy P> Value make_math_module(Thread<P>& t);
//
// Error conventions follow CPython's math_1/math_2: a NaN result from
// non-NaN arguments is ValueError("math domain error"); an infinite result
// from finite arguments is OverflowError("math range error") for functions
// that can overflow (exp, cosh, ...) and a domain error for the others.
#pragma once

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "runtime/methods_common.hpp"
#include "runtime/methods_numbers.hpp"

namespace lockvm::rt {

template <LockPolicy P> Value make_math_module(Thread<P>& t);

namespace mathm {

// A float argument: int, float, bool, bigint, or an object with __float__
// or __index__ ("must be real number, not str" otherwise).
template <LockPolicy P>
bool num_arg(Thread<P>& t, const Value& v, double& out) {
  if (is_number(v)) return numm::to_double_safe(t, v, out);
  if (has_user_type(v)) {
    Value f = numm::float_of(t, v);
    if (f.is_null()) return false;
    out = f.f;
    return true;
  }
  raisef(t, t.types().TypeError, "must be real number, not ", type_name(t, v));
  return false;
}

// An integer argument (index): int, bool, bigint, or __index__.
template <LockPolicy P>
bool int_arg(Thread<P>& t, const Value& v, BigInt& out) {
  if (is_integer_value(v)) {
    out = to_bigint(v);
    return true;
  }
  if (has_user_type(v)) {
    bool found;
    Value r = call_dunder(t, v, t.names().__index__, nullptr, 0, found);
    if (found) {
      if (r.is_null()) return false;
      Ref<P> keep(r);
      if (!is_integer_value(r)) {
        raisef(t, t.types().TypeError, "__index__ returned non-int (type ", type_name(t, r), ")");
        return false;
      }
      out = to_bigint(r);
      return true;
    }
  }
  raisef(t, t.types().TypeError, "'", type_name(t, v), "' object cannot be interpreted as an integer");
  return false;
}

template <LockPolicy P>
Value domain_error(Thread<P>& t) {
  return raise(t, t.types().ValueError, "math domain error");
}
template <LockPolicy P>
Value range_error(Thread<P>& t) {
  return raise(t, t.types().OverflowError, "math range error");
}

// One-argument functions: a table indexed by the native's name.
struct Fn1 {
  const char* name;
  double (*fn)(double);
  bool can_overflow;
};

inline double deg(double x) { return x * (180.0 / M_PI); }
inline double rad(double x) { return x * (M_PI / 180.0); }
inline double c_sqrt(double x) { return std::sqrt(x); }
inline double c_exp(double x) { return std::exp(x); }
inline double c_exp2(double x) { return std::exp2(x); }
inline double c_expm1(double x) { return std::expm1(x); }
inline double c_sin(double x) { return std::sin(x); }
inline double c_cos(double x) { return std::cos(x); }
inline double c_tan(double x) { return std::tan(x); }
inline double c_asin(double x) { return std::asin(x); }
inline double c_acos(double x) { return std::acos(x); }
inline double c_atan(double x) { return std::atan(x); }
inline double c_sinh(double x) { return std::sinh(x); }
inline double c_cosh(double x) { return std::cosh(x); }
inline double c_tanh(double x) { return std::tanh(x); }
inline double c_asinh(double x) { return std::asinh(x); }
inline double c_acosh(double x) { return std::acosh(x); }
inline double c_atanh(double x) { return std::atanh(x); }
inline double c_fabs(double x) { return std::fabs(x); }
inline double c_cbrt(double x) { return std::cbrt(x); }
inline double c_erf(double x) { return std::erf(x); }
inline double c_erfc(double x) { return std::erfc(x); }
inline double c_gamma(double x) { return core::py_gamma(x); }
inline double c_lgamma(double x) { return core::py_lgamma(x); }
inline double c_log1p(double x) { return std::log1p(x); }

inline const Fn1 kFn1[] = {
    {"sqrt", c_sqrt, false},   {"exp", c_exp, true},       {"exp2", c_exp2, true},     {"expm1", c_expm1, true},
    {"sin", c_sin, false},     {"cos", c_cos, false},      {"tan", c_tan, false},      {"asin", c_asin, false},
    {"acos", c_acos, false},   {"atan", c_atan, false},    {"sinh", c_sinh, true},     {"cosh", c_cosh, true},
    {"tanh", c_tanh, false},   {"asinh", c_asinh, false},  {"acosh", c_acosh, false},  {"atanh", c_atanh, false},
    {"fabs", c_fabs, false},   {"cbrt", c_cbrt, false},    {"erf", c_erf, false},      {"erfc", c_erfc, false},
    {"gamma", c_gamma, true},  {"lgamma", c_lgamma, true}, {"log1p", c_log1p, false},  {"degrees", deg, false},
    {"radians", rad, false},
};

template <LockPolicy P>
Value apply1(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const Fn1& f) {
  std::string q = std::string("math.") + f.name;
  if (!bi::arg_one(t, q.c_str(), nargs, kw)) return Value();
  double x;
  if (!num_arg(t, args[0], x)) return Value();
  double r = f.fn(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error(t);
  if (std::isinf(r) && std::isfinite(x)) return f.can_overflow ? range_error(t) : domain_error(t);
  return Value::number(r);
}

template <size_t I, LockPolicy P>
Value fn1(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return apply1(t, args, nargs, kw, kFn1[I]);
}

template <LockPolicy P, size_t... I>
void add_fn1(Thread<P>& t, DictObject* d, std::index_sequence<I...>) {
  (add_function(t, d, kFn1[I].name, fn1<I, P>), ...);
}

// log of a positive number (ints of any size): func(x), or for ints beyond
// the double range func(m) + func(2) * e with x = m * 2**e.
template <LockPolicy P>
bool log_of(Thread<P>& t, const Value& v, double (*func)(double), double& out) {
  if (is_integer_value(v)) {
    BigInt b = to_bigint(v);
    if (b <= 0) {
      domain_error(t);
      return false;
    }
    double d;
    if (core::big_to_double(b, d)) {
      out = func(d);
      return true;
    }
    unsigned e = boost::multiprecision::msb(b) + 1;  // b < 2**e
    double m = static_cast<double>(static_cast<uint64_t>(b >> (e - 64))) / 18446744073709551616.0;
    out = func(m) + func(2.0) * e;
    return true;
  }
  double x;
  if (!num_arg(t, v, x)) return false;
  if (std::isnan(x)) {
    out = x;
    return true;
  }
  if (x <= 0) {
    domain_error(t);
    return false;
  }
  out = func(x);
  return true;
}

inline double c_log(double x) { return std::log(x); }
inline double c_log2(double x) { return std::log2(x); }
inline double c_log10(double x) { return std::log10(x); }

template <LockPolicy P>
Value m_log(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "log", nargs, kw, 1, 2)) return Value();
  double num;
  if (!log_of(t, args[0], c_log, num)) return Value();
  if (nargs == 1) return Value::number(num);
  double den;
  if (!log_of(t, args[1], c_log, den)) return Value();
  if (den == 0) return raise(t, t.types().ZeroDivisionError, "float division by zero");
  return Value::number(num / den);
}

template <LockPolicy P>
Value m_log2(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.log2", nargs, kw)) return Value();
  double r;
  if (!log_of(t, args[0], c_log2, r)) return Value();
  return Value::number(r);
}

template <LockPolicy P>
Value m_log10(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.log10", nargs, kw)) return Value();
  double r;
  if (!log_of(t, args[0], c_log10, r)) return Value();
  return Value::number(r);
}

// floor / ceil / trunc: ints pass through, floats become ints, user types
// use __floor__ / __ceil__ / __trunc__.
template <LockPolicy P>
Value rounding(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* qual, const char* dunder,
               double (*fn)(double)) {
  if (!bi::arg_one(t, qual, nargs, kw)) return Value();
  const Value& v = args[0];
  if (v.is_float()) return numm::int_of_double(t, fn(v.f));
  if (is_integer_value(v)) return v.is_bool() ? Value::integer(v.b) : share<P>(v);
  if (has_user_type(v)) {
    bool found;
    Value r = call_dunder(t, v, intern(t.interp, dunder), nullptr, 0, found);
    if (found) return r;
  }
  if (std::string_view(dunder) == "__trunc__")
    return raisef(t, t.types().TypeError, "type ", type_name(t, v), " doesn't define __trunc__ method");
  double x;
  if (!num_arg(t, v, x)) return Value();
  return numm::int_of_double(t, fn(x));
}

inline double c_floor(double x) { return std::floor(x); }
inline double c_ceil(double x) { return std::ceil(x); }
inline double c_trunc(double x) { return std::trunc(x); }

template <LockPolicy P>
Value m_floor(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return rounding(t, args, nargs, kw, "math.floor", "__floor__", c_floor);
}
template <LockPolicy P>
Value m_ceil(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return rounding(t, args, nargs, kw, "math.ceil", "__ceil__", c_ceil);
}
template <LockPolicy P>
Value m_trunc(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return rounding(t, args, nargs, kw, "math.trunc", "__trunc__", c_trunc);
}

// Two floats in, one float out.
template <LockPolicy P>
bool two_floats(Thread<P>& t, const char* name, const Value* args, size_t nargs, TupleObject* kw, double& x,
                double& y) {
  return bi::arg_range(t, name, nargs, kw, 2, 2) && num_arg(t, args[0], x) && num_arg(t, args[1], y);
}

template <LockPolicy P>
Value m_pow(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  double x, y;
  if (!two_floats(t, "pow", args, nargs, kw, x, y)) return Value();
  double r = std::pow(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return domain_error(t);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return x == 0 ? domain_error(t) : range_error(t);
  return Value::number(r);
}

template <LockPolicy P>
Value m_atan2(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  double y, x;
  if (!two_floats(t, "atan2", args, nargs, kw, y, x)) return Value();
  return Value::number(std::atan2(y, x));
}

template <LockPolicy P>
Value m_copysign(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  double x, y;
  if (!two_floats(t, "copysign", args, nargs, kw, x, y)) return Value();
  return Value::number(std::copysign(x, y));
}

template <LockPolicy P>
Value m_fmod(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  double x, y;
  if (!two_floats(t, "fmod", args, nargs, kw, x, y)) return Value();
  if (std::isinf(y) && std::isfinite(x)) return Value::number(x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return domain_error(t);
  return Value::number(r);
}

template <LockPolicy P>
Value m_remainder(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  double x, y;
  if (!two_floats(t, "remainder", args, nargs, kw, x, y)) return Value();
  double r = std::remainder(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return domain_error(t);
  return Value::number(r);
}

template <LockPolicy P>
Value m_modf(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.modf", nargs, kw)) return Value();
  double x;
  if (!num_arg(t, args[0], x)) return Value();
  double ip;
  double fp = std::isinf(x) ? std::copysign(0.0, x) : std::modf(x, &ip);
  if (std::isinf(x)) ip = x;
  Value pair[2] = {Value::number(fp), Value::number(ip)};
  return new_tuple(t, pair, 2);
}

template <LockPolicy P>
Value m_frexp(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.frexp", nargs, kw)) return Value();
  double x;
  if (!num_arg(t, args[0], x)) return Value();
  int e = 0;
  double m = (std::isfinite(x) && x != 0) ? std::frexp(x, &e) : x;
  Value pair[2] = {Value::number(m), Value::integer(e)};
  return new_tuple(t, pair, 2);
}

template <LockPolicy P>
Value m_ldexp(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "ldexp", nargs, kw, 2, 2)) return Value();
  double x;
  if (!num_arg(t, args[0], x)) return Value();
  if (!is_integer_value(args[1])) return raise(t, t.types().TypeError, "Expected an int as second argument to ldexp.");
  BigInt eb = to_bigint(args[1]);
  long e = eb > 100000 ? 100000 : eb < -100000 ? -100000 : static_cast<long>(eb);
  if (x == 0 || !std::isfinite(x)) return Value::number(x);
  double r = std::ldexp(x, static_cast<int>(e));
  if (std::isinf(r)) return range_error(t);
  return Value::number(r);
}

// CPython's vector_norm: sqrt of a sum of squares, scaled and compensated.
inline double vector_norm(std::vector<double>& vec, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return std::nan("");
  if (max == 0.0 || vec.size() <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  if (max_e < -1023) {
    for (double& x : vec) x /= DBL_MIN;
    return DBL_MIN * vector_norm(vec, max / DBL_MIN, found_nan);
  }
  double scale = std::ldexp(1.0, -max_e);
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0;
  for (double x : vec) {
    x *= scale;
    double prh = x * x, prl = std::fma(x, x, -prh);
    double smh = csum + prh, sml = (csum - smh) + prh;
    csum = smh;
    frac1 += prl;
    frac2 += sml;
  }
  double h = std::sqrt(csum - 1.0 + (frac1 + frac2));
  double prh = -h * h, prl = std::fma(-h, h, -prh);
  double smh = csum + prh, sml = (csum - smh) + prh;
  csum = smh;
  frac1 += prl;
  frac2 += sml;
  double x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

template <LockPolicy P>
Value m_hypot(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "hypot() takes no keyword arguments");
  std::vector<double> vec(nargs);
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < nargs; ++i) {
    double x;
    if (!num_arg(t, args[i], x)) return Value();
    x = std::fabs(x);
    vec[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return Value::number(vector_norm(vec, max, found_nan));
}

template <LockPolicy P>
Value m_dist(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "dist", nargs, kw, 2, 2)) return Value();
  bi::Items<P> p, q;
  for (int k = 0; k < 2; ++k)
    if (!is_kind(args[k], Kind::Tuple) && !is_kind(args[k], Kind::List))
      return raisef(t, t.types().TypeError, "dist(): argument ", k + 1, " must be tuple, not ", type_name(t, args[k]));
  if (!bi::collect(t, args[0], p) || !bi::collect(t, args[1], q)) return Value();
  if (p.v.size() != q.v.size())
    return raise(t, t.types().ValueError, "both points must have the same number of dimensions");
  std::vector<double> vec(p.v.size());
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < vec.size(); ++i) {
    double a, b;
    if (!num_arg(t, p.v[i], a) || !num_arg(t, q.v[i], b)) return Value();
    double x = std::fabs(a - b);
    vec[i] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return Value::number(vector_norm(vec, max, found_nan));
}

template <LockPolicy P>
Value m_isclose(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[4];
  if (!bind_args(t, "isclose", args, nargs, kw, {"a", "b", "*rel_tol", "*abs_tol"}, 2, a)) return Value();
  double x, y, rel_tol = 1e-9, abs_tol = 0.0;
  if (!num_arg(t, a[0], x) || !num_arg(t, a[1], y)) return Value();
  if (!a[2].is_null() && !num_arg(t, a[2], rel_tol)) return Value();
  if (!a[3].is_null() && !num_arg(t, a[3], abs_tol)) return Value();
  if (rel_tol < 0.0 || abs_tol < 0.0) return raise(t, t.types().ValueError, "tolerances must be non-negative");
  if (x == y) return Value::boolean(true);
  if (std::isinf(x) || std::isinf(y)) return Value::boolean(false);
  double diff = std::fabs(y - x);
  return Value::boolean(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) || diff <= abs_tol);
}

template <LockPolicy P>
Value predicate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* qual, int which) {
  if (!bi::arg_one(t, qual, nargs, kw)) return Value();
  double x;
  if (!num_arg(t, args[0], x)) return Value();
  return Value::boolean(which == 0 ? std::isfinite(x) : which == 1 ? std::isinf(x) : std::isnan(x));
}
template <LockPolicy P>
Value m_isfinite(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return predicate(t, args, nargs, kw, "math.isfinite", 0);
}
template <LockPolicy P>
Value m_isinf(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return predicate(t, args, nargs, kw, "math.isinf", 1);
}
template <LockPolicy P>
Value m_isnan(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return predicate(t, args, nargs, kw, "math.isnan", 2);
}

template <LockPolicy P>
Value m_gcd(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "gcd() takes no keyword arguments");
  BigInt g = 0;
  for (size_t i = 0; i < nargs; ++i) {
    BigInt x;
    if (!int_arg(t, args[i], x)) return Value();
    g = core::big_gcd(g, x);
  }
  return new_bigint(t, g);
}

template <LockPolicy P>
Value m_lcm(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "lcm() takes no keyword arguments");
  BigInt l = 1;
  for (size_t i = 0; i < nargs; ++i) {
    BigInt x;
    if (!int_arg(t, args[i], x)) return Value();
    if (l == 0 || x == 0) {
      l = 0;
      continue;
    }
    l = core::big_abs(l / core::big_gcd(l, x) * x);
  }
  return new_bigint(t, l);
}

template <LockPolicy P>
Value m_factorial(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.factorial", nargs, kw)) return Value();
  BigInt n;
  if (!int_arg(t, args[0], n)) return Value();
  if (n < 0) return raise(t, t.types().ValueError, "factorial() not defined for negative values");
  if (n > std::numeric_limits<int64_t>::max())
    return raise(t, t.types().OverflowError, "factorial() argument should not exceed 9223372036854775807");
  return new_bigint(t, core::factorial(static_cast<uint64_t>(n)));
}

template <LockPolicy P>
Value m_comb(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "comb", nargs, kw, 2, 2)) return Value();
  BigInt n, k;
  if (!int_arg(t, args[0], n) || !int_arg(t, args[1], k)) return Value();
  if (n < 0) return raise(t, t.types().ValueError, "n must be a non-negative integer");
  if (k < 0) return raise(t, t.types().ValueError, "k must be a non-negative integer");
  return new_bigint(t, core::comb(n, k));
}

template <LockPolicy P>
Value m_perm(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "perm", nargs, kw, 1, 2)) return Value();
  BigInt n, k;
  if (!int_arg(t, args[0], n)) return Value();
  if (nargs < 2 || args[1].is_none()) {
    if (n < 0) return raise(t, t.types().ValueError, "n must be a non-negative integer");
    if (n > std::numeric_limits<int64_t>::max())
      return raise(t, t.types().OverflowError, "factorial() argument should not exceed 9223372036854775807");
    return new_bigint(t, core::factorial(static_cast<uint64_t>(n)));
  }
  if (!int_arg(t, args[1], k)) return Value();
  if (n < 0) return raise(t, t.types().ValueError, "n must be a non-negative integer");
  if (k < 0) return raise(t, t.types().ValueError, "k must be a non-negative integer");
  return new_bigint(t, core::perm(n, k));
}

template <LockPolicy P>
Value m_isqrt(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.isqrt", nargs, kw)) return Value();
  BigInt n;
  if (!int_arg(t, args[0], n)) return Value();
  if (n < 0) return raise(t, t.types().ValueError, "isqrt() argument must be nonnegative");
  return new_bigint(t, core::big_isqrt(n));
}

template <LockPolicy P>
Value m_fsum(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "math.fsum", nargs, kw)) return Value();
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  core::FsumAcc acc;
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) {
      if (!t.exc.is_null()) return Value();
      break;
    }
    Ref<P> keep(x);
    double d;
    if (!num_arg(t, x, d)) return Value();
    if (!acc.add(d)) return raise(t, t.types().OverflowError, "intermediate overflow in fsum");
  }
  double r = acc.result();
  if (acc.status() == core::FsumAcc::InfMinusInf) return raise(t, t.types().ValueError, "-inf + inf in fsum");
  return Value::number(r);
}

// math.prod(iterable, *, start=1): a left fold with *.
template <LockPolicy P>
Value m_prod(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "prod", args, nargs, kw, {"iterable", "*start"}, 1, a)) return Value();
  Value it = get_iter(t, a[0]);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  Ref<P> acc = Ref<P>::borrow(a[1].is_null() ? Value::integer(1) : a[1]);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? acc.release() : Value();
    if (acc->is_int() && x.is_int()) {
      int64_t r;
      if (!__builtin_mul_overflow(acc->i, x.i, &r)) {
        acc.reset(Value::integer(r));
        continue;
      }
    } else if (acc->is_float() && x.is_float()) {
      acc.reset(Value::number(acc->f * x.f));
      continue;
    }
    Value r = binary_op(t, 2, *acc, x);
    decref<P>(x);
    if (r.is_null()) return r;
    acc.reset(r);
  }
}

}  // namespace mathm

template <LockPolicy P>
Value make_math_module(Thread<P>& t) {
  using namespace mathm;
  Value mod = new_module(t, "math");
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_value(t, d, "pi", Value::number(M_PI));
  add_value(t, d, "e", Value::number(M_E));
  add_value(t, d, "tau", Value::number(2 * M_PI));
  add_value(t, d, "inf", Value::number(HUGE_VAL));
  add_value(t, d, "nan", Value::number(std::nan("")));
  add_fn1<P>(t, d, std::make_index_sequence<std::size(kFn1)>{});
  add_function(t, d, "log", m_log<P>);
  add_function(t, d, "log2", m_log2<P>);
  add_function(t, d, "log10", m_log10<P>);
  add_function(t, d, "floor", m_floor<P>);
  add_function(t, d, "ceil", m_ceil<P>);
  add_function(t, d, "trunc", m_trunc<P>);
  add_function(t, d, "pow", m_pow<P>);
  add_function(t, d, "atan2", m_atan2<P>);
  add_function(t, d, "copysign", m_copysign<P>);
  add_function(t, d, "fmod", m_fmod<P>);
  add_function(t, d, "remainder", m_remainder<P>);
  add_function(t, d, "modf", m_modf<P>);
  add_function(t, d, "frexp", m_frexp<P>);
  add_function(t, d, "ldexp", m_ldexp<P>);
  add_function(t, d, "hypot", m_hypot<P>);
  add_function(t, d, "dist", m_dist<P>);
  add_function(t, d, "isclose", m_isclose<P>);
  add_function(t, d, "isfinite", m_isfinite<P>);
  add_function(t, d, "isinf", m_isinf<P>);
  add_function(t, d, "isnan", m_isnan<P>);
  add_function(t, d, "gcd", m_gcd<P>);
  add_function(t, d, "lcm", m_lcm<P>);
  add_function(t, d, "factorial", m_factorial<P>);
  add_function(t, d, "comb", m_comb<P>);
  add_function(t, d, "perm", m_perm<P>);
  add_function(t, d, "isqrt", m_isqrt<P>);
  add_function(t, d, "fsum", m_fsum<P>);
  add_function(t, d, "prod", m_prod<P>);
  return mod;
}

}  // namespace lockvm::rt
