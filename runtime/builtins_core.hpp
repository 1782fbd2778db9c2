// Pure C++ cores of built-in functions: no Values, no threads, no policies,
// so they can be unit-tested without the VM (tests/unit/test_builtins.cpp).
//
//   timsort          (timsort.hpp) CPython's list.sort algorithm
//   round_double     round(x, ndigits), correctly rounded, half-even
//   FsumAcc          math.fsum (Shewchuk's exact partials, as CPython)
//   parse_float_text float(str) grammar
//   ... and small BigInt helpers (gcd, isqrt, comb, perm, pow_mod, ratios).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "runtime/timsort.hpp"

namespace lockvm::rt::core {

using BigInt = boost::multiprecision::cpp_int;

// ============================================================== rounding

// A BigInt as the nearest double (ties to even); false when it is too large
// for a double. (Boost's convert_to<double> throws for such values.)
inline bool big_to_double(const BigInt& v, double& out) {
  if (v == 0) {
    out = 0.0;
    return true;
  }
  BigInt a = v < 0 ? BigInt(-v) : v;
  unsigned msb = boost::multiprecision::msb(a);
  if (msb < 63) {
    out = static_cast<double>(static_cast<uint64_t>(a));
  } else {
    if (msb > 1023) return false;
    unsigned shift = msb - 63;
    BigInt top = a >> shift;
    uint64_t bits = static_cast<uint64_t>(top);
    if ((top << shift) != a) bits |= 1;  // sticky bit: 11 spare bits below the 53 kept
    out = std::ldexp(static_cast<double>(bits), static_cast<int>(shift));
    if (std::isinf(out)) return false;
  }
  if (v < 0) out = -out;
  return true;
}


// round(x, ndigits) for a finite or non-finite double, correctly rounded
// with ties to even on the exact binary value (CPython's double_round).
// Sets overflow when the result is too large to represent.
inline double round_double(double x, int64_t ndigits, bool& overflow) {
  overflow = false;
  if (!std::isfinite(x) || x == 0.0) return x;
  if (ndigits > 323) return x;
  if (ndigits < -308) return 0.0 * x;
  if (ndigits >= 0) {
    // glibc's printf is exact and rounds exact ties to even.
    int need = std::snprintf(nullptr, 0, "%.*f", static_cast<int>(ndigits), x);
    std::string buf(static_cast<size_t>(need) + 1, '\0');
    std::snprintf(buf.data(), buf.size(), "%.*f", static_cast<int>(ndigits), x);
    double r = std::strtod(buf.c_str(), nullptr);
    if (std::isinf(r)) overflow = true;
    return r;
  }
  // Negative ndigits: round |x| to a multiple of q = 10**-ndigits exactly.
  int e;
  double m = std::frexp(std::fabs(x), &e);  // |x| = m * 2**e, 0.5 <= m < 1
  BigInt mant = BigInt(static_cast<uint64_t>(std::ldexp(m, 53)));
  e -= 53;  // |x| = mant * 2**e exactly
  BigInt q = 1;
  for (int64_t i = 0; i < -ndigits; ++i) q *= 10;
  BigInt num = mant, den = q;  // |x| / q = num / den
  if (e >= 0) num <<= e;
  else den <<= -e;
  BigInt fl = num / den;
  BigInt rem2 = (num - fl * den) * 2;
  if (rem2 > den || (rem2 == den && (fl & 1) != 0)) fl += 1;
  BigInt r = fl * q;
  double out = 0.0;
  if (r != 0 && !big_to_double(r, out)) overflow = true;
  return std::copysign(out, x);
}

// Rounds an integer to a multiple of 10**k (k > 0), ties to even.
inline BigInt round_int(const BigInt& v, int64_t k) {
  BigInt q = 1;
  for (int64_t i = 0; i < k; ++i) q *= 10;
  bool neg = v < 0;
  BigInt a = neg ? BigInt(-v) : v;
  BigInt fl = a / q;
  BigInt rem2 = (a - fl * q) * 2;
  if (rem2 > q || (rem2 == q && (fl & 1) != 0)) fl += 1;
  BigInt r = fl * q;
  return neg ? BigInt(-r) : r;
}

// ============================================================== fsum

// math.fsum: exact sum of doubles, rounded once (Shewchuk / CPython).
class FsumAcc {
 public:
  enum Status { Ok, Overflow, InfMinusInf };

  // false with status() == Overflow on intermediate overflow.
  bool add(double x) {
    double xsave = x;
    size_t i = 0;
    for (size_t j = 0; j < p_.size(); ++j) {
      double y = p_[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double yr = hi - x;
      double lo = y - yr;
      if (lo != 0.0) p_[i++] = lo;
      x = hi;
    }
    p_.resize(i);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        if (std::isfinite(xsave)) {
          status_ = Overflow;
          return false;
        }
        if (std::isinf(xsave)) inf_sum_ += xsave;
        special_sum_ += xsave;
        p_.clear();
      } else {
        p_.push_back(x);
      }
    }
    return true;
  }

  Status status() const { return status_; }

  // The sum; sets status() to InfMinusInf for -inf + inf.
  double result() {
    if (special_sum_ != 0.0 || std::isnan(special_sum_)) {
      if (std::isnan(inf_sum_)) {
        status_ = InfMinusInf;
        return 0.0;
      }
      return special_sum_;
    }
    double hi = 0.0;
    size_t n = p_.size();
    if (n > 0) {
      hi = p_[--n];
      double lo = 0.0;
      while (n > 0) {
        double x = hi;
        double y = p_[--n];
        hi = x + y;
        double yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) break;
      }
      if (n > 0 && ((lo < 0.0 && p_[n - 1] < 0.0) || (lo > 0.0 && p_[n - 1] > 0.0))) {
        double y = lo * 2.0;
        double x = hi + y;
        double yr = x - hi;
        if (y == yr) hi = x;
      }
    }
    return hi;
  }

 private:
  std::vector<double> p_;
  double special_sum_ = 0.0;
  double inf_sum_ = 0.0;
  Status status_ = Ok;
};

// ============================================================== gamma

// CPython's m_tgamma / m_lgamma (Lanczos approximation, N=13), so that
// math.gamma and math.lgamma give CPython's digits rather than libm's.
// Poles return NaN (the caller reports a domain error); overflow returns inf.
namespace gamma_detail {
inline constexpr double kPi = 3.141592653589793238462643383279502884197;
inline constexpr double kLogPi = 1.144729885849400174143427351353058711647;
inline constexpr double kLanczosG = 6.024680040776729583740234375;
inline constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
inline constexpr double kNum[13] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
inline constexpr double kDen[13] = {0.0,       39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
                                    2637558.0, 357423.0,   32670.0,     1925.0,      66.0,        1.0};
inline constexpr double kGammaIntegral[23] = {
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0,
    6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0,
    121645100408832000.0, 2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0};

inline double sinpi(double x) {
  double y = std::fmod(std::fabs(x), 2.0);
  int n = static_cast<int>(std::round(2.0 * y));
  double r;
  switch (n) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    default: r = std::sin(kPi * (y - 2.0)); break;
  }
  return std::copysign(1.0, x) * r;
}

inline double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  if (x < 5.0) {
    for (int i = 13; --i >= 0;) {
      num = num * x + kNum[i];
      den = den * x + kDen[i];
    }
  } else {
    for (int i = 0; i < 13; i++) {
      num = num / x + kNum[i];
      den = den / x + kDen[i];
    }
  }
  return num / den;
}
}  // namespace gamma_detail

inline double py_gamma(double x) {
  using namespace gamma_detail;
  if (!std::isfinite(x)) return (std::isnan(x) || x > 0.0) ? x : std::nan("");
  if (x == 0.0) return std::nan("");  // a pole
  if (x == std::floor(x)) {
    if (x < 0.0) return std::nan("");
    if (x <= 23) return kGammaIntegral[static_cast<int>(x) - 1];
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) return 1.0 / x;
  if (absx > 200.0) return x < 0.0 ? 0.0 / sinpi(x) : HUGE_VAL;
  double y = absx + kLanczosGMinusHalf;
  double z;
  if (absx > kLanczosGMinusHalf) {
    volatile double q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    volatile double q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -kPi / sinpi(absx) / absx * std::exp(y) / lanczos_sum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczos_sum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  return r;
}

inline double py_lgamma(double x) {
  using namespace gamma_detail;
  if (!std::isfinite(x)) return std::isnan(x) ? x : HUGE_VAL;
  if (x == std::floor(x) && x <= 2.0) return x <= 0.0 ? std::nan("") : 0.0;  // poles; lgamma(1) = lgamma(2) = 0
  double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczos_sum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(sinpi(absx))) - std::log(absx) - r;
  return r;
}

// ============================================================== parsing

// float(text): Python's grammar — optional surrounding whitespace, sign,
// digits with single underscores between digits, optional fraction and
// exponent, or inf/infinity/nan (any case). False when not a float literal.
inline bool parse_float_text(std::string_view s, double& out) {
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  if (s.empty()) return false;
  std::string clean;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    ++i;
  }
  std::string_view rest = s.substr(i);
  auto ieq = [](std::string_view a, const char* b) {
    size_t n = std::strlen(b);
    if (a.size() != n) return false;
    for (size_t k = 0; k < n; ++k)
      if ((a[k] | 32) != b[k]) return false;
    return true;
  };
  if (ieq(rest, "inf") || ieq(rest, "infinity")) {
    out = neg ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (ieq(rest, "nan")) {
    out = neg ? -std::nan("") : std::nan("");
    return true;
  }
  if (neg) clean += '-';
  // digits [. digits] [e [sign] digits], underscores only between digits
  auto digits = [&](bool& any) -> bool {
    any = false;
    bool prev_digit = false;
    while (i < s.size()) {
      char c = s[i];
      if (c >= '0' && c <= '9') {
        clean += c;
        any = true;
        prev_digit = true;
        ++i;
      } else if (c == '_') {
        if (!prev_digit || i + 1 >= s.size() || !(s[i + 1] >= '0' && s[i + 1] <= '9')) return false;
        prev_digit = false;
        ++i;
      } else {
        break;
      }
    }
    return true;
  };
  bool int_digits = false, frac_digits = false;
  if (!digits(int_digits)) return false;
  if (i < s.size() && s[i] == '.') {
    clean += '.';
    ++i;
    if (!digits(frac_digits)) return false;
  }
  if (!int_digits && !frac_digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    clean += 'e';
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    bool exp_digits;
    if (!digits(exp_digits) || !exp_digits) return false;
  }
  if (i != s.size()) return false;
  out = std::strtod(clean.c_str(), nullptr);  // overflow gives ±inf, as Python
  return true;
}

// ============================================================== integers

inline BigInt big_abs(const BigInt& v) { return v < 0 ? BigInt(-v) : v; }

inline BigInt big_gcd(const BigInt& a, const BigInt& b) {
  BigInt x = big_abs(a), y = big_abs(b);
  while (y != 0) {
    BigInt r = x % y;
    x = std::move(y);
    y = std::move(r);
  }
  return x;
}

inline BigInt big_isqrt(const BigInt& n) {  // n >= 0
  if (n < 2) return n;
  return boost::multiprecision::sqrt(n);
}

// n! by binary splitting.
inline BigInt product_range(uint64_t lo, uint64_t hi) {  // lo * (lo+1) * ... * hi
  if (lo > hi) return 1;
  if (hi - lo < 8) {
    BigInt r = 1;
    for (uint64_t i = lo; i <= hi; ++i) r *= i;
    return r;
  }
  uint64_t mid = lo + (hi - lo) / 2;
  return product_range(lo, mid) * product_range(mid + 1, hi);
}

inline BigInt factorial(uint64_t n) { return n < 2 ? BigInt(1) : product_range(2, n); }

// perm(n, k) = n! / (n-k)!, 0 when k > n (n, k >= 0).
inline BigInt perm(const BigInt& n, const BigInt& k) {
  if (k > n) return 0;
  BigInt r = 1;
  for (BigInt i = n - k + 1; i <= n; ++i) r *= i;
  return r;
}

// comb(n, k) = n! / (k! (n-k)!), 0 when k > n (n, k >= 0).
inline BigInt comb(const BigInt& n, BigInt k) {
  if (k > n) return 0;
  if (k > n - k) k = n - k;
  BigInt r = 1;
  for (BigInt i = 1; i <= k; ++i) {
    r *= n - k + i;
    r /= i;  // exact: r is now comb(n-k+i, i)
  }
  return r;
}

// Floor modulo on BigInts (Python's %).
inline BigInt big_mod(const BigInt& a, const BigInt& m) {
  BigInt r = a % m;
  if (r != 0 && ((r < 0) != (m < 0))) r += m;
  return r;
}

// Modular inverse of a mod m (m > 0); false when gcd(a, m) != 1.
inline bool big_invert(const BigInt& a, const BigInt& m, BigInt& out) {
  BigInt r0 = big_mod(a, m), r1 = m, s0 = 1, s1 = 0;
  while (r1 != 0) {
    BigInt q = r0 / r1;
    BigInt r2 = r0 - q * r1;
    r0 = std::move(r1);
    r1 = std::move(r2);
    BigInt s2 = s0 - q * s1;
    s0 = std::move(s1);
    s1 = std::move(s2);
  }
  if (r0 != 1) return false;
  out = big_mod(s0, m);
  return true;
}

// pow(b, e, m) as Python computes it (m != 0): the result has m's sign.
// False when e < 0 and b is not invertible mod m.
inline bool pow_mod(const BigInt& b, const BigInt& e, const BigInt& m, BigInt& out) {
  BigInt am = big_abs(m);
  BigInt base = big_mod(b, am);
  BigInt ex = e;
  if (ex < 0) {
    if (am == 1) {
      out = 0;
      return true;
    }
    BigInt inv;
    if (!big_invert(base, am, inv)) return false;
    base = inv;
    ex = -ex;
  }
  BigInt r = am == 1 ? BigInt(0) : BigInt(1);
  while (ex > 0) {
    if ((ex & 1) != 0) r = (r * base) % am;
    ex >>= 1;
    if (ex > 0) base = (base * base) % am;
  }
  if (m < 0 && r != 0) r -= am;
  out = r;
  return true;
}

// Exact ratio of a finite double: num / den with den a power of two.
inline void double_ratio(double x, BigInt& num, BigInt& den) {
  int e;
  double m = std::frexp(x, &e);
  // make the mantissa an integer
  for (int i = 0; i < 300 && m != std::floor(m); ++i) {
    m *= 2.0;
    --e;
  }
  num = BigInt(static_cast<int64_t>(m));
  den = 1;
  if (e > 0) num <<= e;
  else den <<= -e;
}

// Exact conversion of a finite, integral double to a BigInt.
inline BigInt double_to_big(double x) {
  BigInt n, d;
  double_ratio(std::trunc(x), n, d);
  return n / d;
}

// Text of |v| in base 2, 8 or 16 (no prefix, lower case).
inline std::string to_base_pow2(BigInt v, int base) {
  if (v < 0) v = -v;
  if (v == 0) return "0";
  int bits = base == 2 ? 1 : base == 8 ? 3 : 4;
  std::string out;
  static const char* kDigits = "0123456789abcdef";
  unsigned mask = (1u << bits) - 1;
  // Peel 60 bits at a time (60 is a multiple of 1, 3 and 4).
  while (v != 0) {
    uint64_t chunk = static_cast<uint64_t>(v & BigInt((uint64_t(1) << 60) - 1));
    v >>= 60;
    for (int k = 0; k < 60 / bits; ++k) {
      out += kDigits[chunk & mask];
      chunk >>= bits;
      if (v == 0 && chunk == 0) break;
    }
  }
  while (out.size() > 1 && out.back() == '0') out.pop_back();
  std::reverse(out.begin(), out.end());
  return out;
}

// Natural log of a positive BigInt (works past the double range).
inline double big_log(const BigInt& v) {
  unsigned msb = boost::multiprecision::msb(v);
  double d;
  if (msb < 1000 && big_to_double(v, d)) return std::log(d);
  unsigned shift = msb - 60;
  double top = static_cast<double>(static_cast<uint64_t>(v >> shift));
  return std::log(top) + shift * std::log(2.0);
}

inline int popcount_big(BigInt v) {
  if (v < 0) v = -v;
  int n = 0;
  while (v != 0) {
    n += __builtin_popcountll(static_cast<uint64_t>(v & BigInt(~uint64_t(0))));
    v >>= 64;
  }
  return n;
}

}  // namespace lockvm::rt::core
