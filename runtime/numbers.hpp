// int and float arithmetic. Ints live unboxed as int64 and overflow into
// Boost.Multiprecision's cpp_int; results are normalized back to int64
// whenever they fit, so the fast path (two unboxed ints, no overflow) is a
// couple of instructions and the slow path is still exact.
#pragma once

#include <cmath>
#include <limits>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/errors.hpp"

namespace lockvm::rt {

inline int64_t as_int_like(const Value& v) { return v.tag == Tag::Bool ? (v.b ? 1 : 0) : v.i; }
inline bool is_small_int(const Value& v) { return v.tag == Tag::Int || v.tag == Tag::Bool; }
inline bool is_number(const Value& v) {
  return v.tag == Tag::Int || v.tag == Tag::Bool || v.tag == Tag::Float || is_kind(v, Kind::BigInt);
}

inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
inline int64_t floor_mod(int64_t a, int64_t b) {
  int64_t m = a % b;
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  return m;
}

// op: ast::BinOpKind (Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow,
// LShift, RShift, BitOr, BitXor, BitAnd). The results of int ⊕ int, float ⊕
// float and their mixes that need no allocation and raise nothing: the eval
// loop's fast paths (its opcodes pass op as a constant, so each handler keeps
// only its own case) and int_binop's. False: overflow, a zero divisor, a
// negative shift, or an op with no such result; the caller then takes the
// general path, which raises or goes to big integers.
[[gnu::always_inline]] inline bool small_int_binop(int op, int64_t x, int64_t y, int64_t& r) {
  switch (op) {
    case 0: return !__builtin_add_overflow(x, y, &r);
    case 1: return !__builtin_sub_overflow(x, y, &r);
    case 2: return !__builtin_mul_overflow(x, y, &r);
    case 5:
      if (y == 0 || (y == -1 && x == std::numeric_limits<int64_t>::min())) return false;
      r = floor_div(x, y);
      return true;
    case 6:
      if (y == 0) return false;
      r = y == -1 ? 0 : floor_mod(x, y);
      return true;
    case 8:
      if (y < 0 || y >= 63) return false;
      r = static_cast<int64_t>(static_cast<uint64_t>(x) << y);
      return (r >> y) == x;
    case 9:
      if (y < 0) return false;
      r = y >= 63 ? (x < 0 ? -1 : 0) : (x >> y);
      return true;
    case 10: r = x | y; return true;
    case 11: r = x ^ y; return true;
    case 12: r = x & y; return true;
  }
  return false;
}
// int / int: exact operands give the correctly rounded quotient.
[[gnu::always_inline]] inline bool small_int_true_div(int op, int64_t x, int64_t y, double& r) {
  if (op != 4 || y == 0 || x >= (1LL << 53) || x <= -(1LL << 53) || y >= (1LL << 53) || y <= -(1LL << 53))
    return false;
  r = static_cast<double>(x) / static_cast<double>(y);
  return true;
}
// Python converts the int of a mixed operation with float() (nearest, ties
// to even), as the CPU's conversion of an int64 does.
[[gnu::always_inline]] inline bool small_float_binop(int op, double x, double y, double& r) {
  switch (op) {
    case 0: r = x + y; return true;
    case 1: r = x - y; return true;
    case 2: r = x * y; return true;
    case 4:
      if (y == 0) return false;
      r = x / y;
      return true;
  }
  return false;
}

// A float, or an int a double holds exactly (|i| <= 2**53): comparing two
// such as doubles gives Python's exact int/float comparison.
[[gnu::always_inline]] inline bool exact_double(const Value& v, double& d) {
  if (v.tag == Tag::Float) {
    d = v.f;
    return true;
  }
  if (v.tag != Tag::Int || v.i > (1LL << 53) || v.i < -(1LL << 53)) return false;
  d = static_cast<double>(v.i);
  return true;
}

inline double float_floor_mod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0) {
    if ((b < 0) != (m < 0)) m += b;
  } else {
    m = std::copysign(0.0, b);
  }
  return m;
}

inline double float_floor_div(double a, double b) {
  double m = std::fmod(a, b);
  double div = (a - m) / b;
  if (m != 0 && ((b < 0) != (m < 0))) div -= 1.0;
  double fl;
  if (div != 0) {
    fl = std::floor(div);
    if (div - fl > 0.5) fl += 1.0;
  } else {
    fl = std::copysign(0.0, a / b);
  }
  return fl;
}

template <LockPolicy P>
bool bigint_to_double(Thread<P>& t, const BigInt& b, double& out) {
  out = b.convert_to<double>();
  if (std::isinf(out)) {
    raise(t, t.types().OverflowError, "int too large to convert to float");
    return false;
  }
  return true;
}

template <LockPolicy P>
bool to_double(Thread<P>& t, const Value& v, double& out) {
  switch (v.tag) {
    case Tag::Float: out = v.f; return true;
    case Tag::Int: out = static_cast<double>(v.i); return true;
    case Tag::Bool: out = v.b ? 1.0 : 0.0; return true;
    default:
      if (is_kind(v, Kind::BigInt)) return bigint_to_double(t, as_bigint(v)->value, out);
      raisef(t, t.types().TypeError, "must be real number, not ", type_name(t, v));
      return false;
  }
}

template <LockPolicy P>
bool to_int64(Thread<P>& t, const Value& v, int64_t& out) {
  if (is_small_int(v)) { out = as_int_like(v); return true; }
  if (is_kind(v, Kind::BigInt)) {
    raise(t, t.types().OverflowError, "Python int too large to convert to C int64");
    return false;
  }
  // Objects with __index__ are accepted where an integer is needed.
  if (v.tag == Tag::Obj && v.o->kind == Kind::Instance) {
    Value m = type_lookup<P>(v.o->type, t.names().__index__);
    if (!m.is_null()) {
      Value r = call(t, m, &v, 1);
      if (r.is_null()) return false;
      bool ok = is_small_int(r);
      if (ok) out = as_int_like(r);
      decref<P>(r);
      if (ok) return true;
    }
  }
  raisef(t, t.types().TypeError, "'", type_name(t, v), "' object cannot be interpreted as an integer");
  return false;
}

// Arithmetic on two integers (either may be big). op: ast::BinOpKind.
template <LockPolicy P>
Value int_binop(Thread<P>& t, int op, const Value& a, const Value& b) {
  enum { Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd };
  if (is_small_int(a) && is_small_int(b)) {
    int64_t x = as_int_like(a), y = as_int_like(b), r;
    // bool & bool stays a bool, as in Python.
    if (op >= BitOr && a.tag == Tag::Bool && b.tag == Tag::Bool)
      return Value::boolean(op == BitOr ? (x | y) : op == BitXor ? (x ^ y) : (x & y));
    if (small_int_binop(op, x, y, r)) return Value::integer(r);
    // What small_int_binop leaves: errors, and results beyond 64 bits.
    switch (op) {
      case Div:
        if (y == 0) return raise(t, t.types().ZeroDivisionError, "division by zero");
        if (double d; small_int_true_div(op, x, y, d)) return Value::number(d);
        break;
      case FloorDiv:
        if (y == 0) return raise(t, t.types().ZeroDivisionError, "integer division or modulo by zero");
        break;  // INT64_MIN // -1
      case Mod:  // small_int_binop fails only on a zero divisor
        return raise(t, t.types().ZeroDivisionError, "integer modulo by zero");
      case Pow:
        if (y < 0) {
          if (x == 0) return raise(t, t.types().ZeroDivisionError, "0.0 cannot be raised to a negative power");
          return Value::number(std::pow(static_cast<double>(x), static_cast<double>(y)));
        } else {
          int64_t result = 1, base = x, e = y;
          bool overflow = false;
          while (e > 0) {
            if (e & 1) overflow |= __builtin_mul_overflow(result, base, &result);
            e >>= 1;
            if (e > 0) overflow |= __builtin_mul_overflow(base, base, &base);
            if (overflow) break;
          }
          if (!overflow) return Value::integer(result);
        }
        break;
      case LShift:
        if (y < 0) return raise(t, t.types().ValueError, "negative shift count");
        if (x == 0) return Value::integer(0);
        break;  // overflow: a big integer
      case RShift:  // small_int_binop fails only on a negative count
        return raise(t, t.types().ValueError, "negative shift count");
      case Add: case Sub: case Mult: break;  // overflow: a big integer
      default: return Value::null();
    }
  }
  // Slow path: exact arithmetic on big integers.
  BigInt x = to_bigint(a), y = to_bigint(b);
  switch (op) {
    case Add: return new_bigint(t, x + y);
    case Sub: return new_bigint(t, x - y);
    case Mult: return new_bigint(t, x * y);
    case Div: {
      if (y == 0) return raise(t, t.types().ZeroDivisionError, "division by zero");
      // Correctly rounded enough for the magnitudes scripts use.
      using boost::multiprecision::cpp_bin_float_100;
      cpp_bin_float_100 q = cpp_bin_float_100(x) / cpp_bin_float_100(y);
      double d = q.convert_to<double>();
      if (std::isinf(d)) return raise(t, t.types().OverflowError, "integer division result too large for a float");
      return Value::number(d);
    }
    case FloorDiv:
    case Mod: {
      if (y == 0)
        return raise(t, t.types().ZeroDivisionError,
                     op == Mod ? "integer modulo by zero" : "integer division or modulo by zero");
      BigInt q = x / y, r = x % y;  // truncating
      if (r != 0 && ((r < 0) != (y < 0))) { q -= 1; r += y; }
      return new_bigint(t, op == Mod ? r : q);
    }
    case Pow: {
      if (y < 0) {
        double fx, fy;
        if (!bigint_to_double(t, x, fx) || !bigint_to_double(t, y, fy)) return Value();
        return Value::number(std::pow(fx, fy));
      }
      if (y > 100000000) return raise(t, t.types().OverflowError, "exponent too large");
      return new_bigint(t, boost::multiprecision::pow(x, static_cast<unsigned>(y)));
    }
    case LShift:
      if (y < 0) return raise(t, t.types().ValueError, "negative shift count");
      if (y > 100000000) return raise(t, t.types().OverflowError, "too many digits in integer");
      return new_bigint(t, x << static_cast<unsigned>(y));
    case RShift: {
      if (y < 0) return raise(t, t.types().ValueError, "negative shift count");
      if (y > 100000000) return Value::integer(x < 0 ? -1 : 0);
      // Python floors. How cpp_int shifts a negative number has changed
      // between Boost versions (toward zero, then floor, as 1.81 does), so
      // only non-negative numbers are shifted: x >> y == -((-x - 1) >> y) - 1.
      unsigned n = static_cast<unsigned>(y);
      return new_bigint(t, x < 0 ? BigInt(-(((-x) - 1) >> n) - 1) : BigInt(x >> n));
    }
    case BitOr: return new_bigint(t, x | y);
    case BitXor: return new_bigint(t, x ^ y);
    case BitAnd: return new_bigint(t, x & y);
    default: return Value::null();
  }
}

template <LockPolicy P>
Value float_binop(Thread<P>& t, int op, double x, double y) {
  enum { Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow };
  switch (op) {
    case Add: return Value::number(x + y);
    case Sub: return Value::number(x - y);
    case Mult: return Value::number(x * y);
    case Div:
      if (y == 0) return raise(t, t.types().ZeroDivisionError, "float division by zero");
      return Value::number(x / y);
    case FloorDiv:
      if (y == 0) return raise(t, t.types().ZeroDivisionError, "float floor division by zero");
      return Value::number(float_floor_div(x, y));
    case Mod:
      if (y == 0) return raise(t, t.types().ZeroDivisionError, "float modulo");
      return Value::number(float_floor_mod(x, y));
    case Pow: {
      if (x == 0 && y < 0) return raise(t, t.types().ZeroDivisionError, "0.0 cannot be raised to a negative power");
      if (x < 0 && y != std::floor(y) && std::isfinite(y))
        return raise(t, t.types().NotImplementedError, "complex numbers are not supported (negative number raised to a fractional power)");
      double r = std::pow(x, y);
      if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
        return raise(t, t.types().OverflowError, "(34, 'Numerical result out of range')");
      return Value::number(r);
    }
    default: return Value::null();
  }
}

// Arithmetic when both operands are numbers; Null *without* an exception
// means "not a numeric operation" (e.g. float | float) and the caller reports
// the TypeError.
template <LockPolicy P>
Value number_binop(Thread<P>& t, int op, const Value& a, const Value& b) {
  if (a.tag == Tag::Float || b.tag == Tag::Float) {
    if (op >= 8) return Value::null();  // shifts and bit operations
    if (op == 3) return Value::null();  // @
    double x, y;
    if (!to_double(t, a, x) || !to_double(t, b, y)) return Value();
    return float_binop(t, op, x, y);
  }
  if (op == 3) return Value::null();
  return int_binop(t, op, a, b);
}

// Compares two numbers exactly (ints against floats too, as Python does).
// Returns -1, 0, 1, or 2 for unordered (a NaN is involved).
inline int number_cmp(const Value& a, const Value& b) {
  if (is_small_int(a) && is_small_int(b)) {
    int64_t x = as_int_like(a), y = as_int_like(b);
    return (x > y) - (x < y);
  }
  if (a.tag == Tag::Float && b.tag == Tag::Float) {
    if (std::isnan(a.f) || std::isnan(b.f)) return 2;
    return (a.f > b.f) - (a.f < b.f);
  }
  if (a.tag == Tag::Float || b.tag == Tag::Float) {
    double f = a.tag == Tag::Float ? a.f : b.f;
    const Value& iv = a.tag == Tag::Float ? b : a;
    int sign = a.tag == Tag::Float ? 1 : -1;  // result is cmp(f, int) * sign
    if (std::isnan(f)) return 2;
    if (std::isinf(f)) return (f > 0 ? 1 : -1) * sign;
    // Compare exactly: split f into integer part and fraction.
    double fl = std::floor(f);
    BigInt fi(fl);
    BigInt ii = to_bigint(iv);
    int c;
    if (fi != ii) c = fi > ii ? 1 : -1;
    else c = (f > fl) ? 1 : 0;
    return c * sign;
  }
  BigInt x = to_bigint(a), y = to_bigint(b);
  return (x > y) - (x < y);
}

// Python's numeric hash: equal numbers hash equal across int/float/bool
// (modular arithmetic with the Mersenne prime 2**61-1, as CPython).
inline int64_t hash_bigint(const BigInt& v) {
  constexpr uint64_t kMod = (1ull << 61) - 1;
  BigInt m = v % BigInt(kMod);
  if (m < 0) m += kMod;
  int64_t h = static_cast<int64_t>(m.convert_to<uint64_t>());
  if (v < 0) h = -h;
  return h == -1 ? -2 : h;
}

inline int64_t hash_int64(int64_t v) {
  constexpr int64_t kMod = (1ll << 61) - 1;
  if (v >= -kMod && v <= kMod) return v == -1 ? -2 : v;
  return hash_bigint(BigInt(v));
}

inline int64_t hash_double(double d) {
  constexpr uint64_t kMod = (1ull << 61) - 1;
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) return 0;
  int e;
  double m = std::frexp(d, &e);
  int sign = 1;
  if (m < 0) { sign = -1; m = -m; }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kMod) | x >> (61 - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kMod) x -= kMod;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & kMod) | x >> (61 - e);
  int64_t h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

template <LockPolicy P>
Value parse_int(Thread<P>& t, std::string_view text, int base) {
  std::string_view s = text;
  while (!s.empty() && unicode::is_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && unicode::is_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  auto fail = [&]() {
    std::string r = str_repr_text(text);
    return raisef(t, t.types().ValueError, "invalid literal for int() with base ", base, ": ", r);
  };
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.size() >= 2 && s[0] == '0') {
    char p = static_cast<char>(s[1] | 32);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) {
      base = pb;
      s.remove_prefix(2);
      if (!s.empty() && s[0] == '_') s.remove_prefix(1);
    }
  }
  if (base == 0) {
    base = 10;
    if (s.size() > 1 && s[0] == '0') {
      for (char c : s)
        if (c != '0' && c != '_') return fail();
    }
  }
  if (s.empty()) return fail();
  BigInt acc = 0;
  int64_t small = 0;
  bool big = false;
  char prev = '_';
  for (char c : s) {
    if (c == '_') {
      if (prev == '_') return fail();
      prev = c;
      continue;
    }
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if ((c | 32) >= 'a' && (c | 32) <= 'z') d = (c | 32) - 'a' + 10;
    else return fail();
    if (d >= base) return fail();
    prev = c;
    if (!big) {
      int64_t n;
      if (__builtin_mul_overflow(small, base, &n) || __builtin_add_overflow(n, d, &n)) {
        big = true;
        acc = small;
      } else {
        small = n;
        continue;
      }
    }
    acc = acc * base + d;
  }
  if (prev == '_') return fail();
  if (!big) return Value::integer(neg ? -small : small);
  return new_bigint(t, neg ? BigInt(-acc) : acc);
}

}  // namespace lockvm::rt
