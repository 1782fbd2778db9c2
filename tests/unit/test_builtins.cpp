// Unit tests for the pure cores of the built-in functions
// (runtime/builtins_core.hpp): no interpreter needed. Expected values come
// from CPython 3.11.
#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "runtime/builtins_core.hpp"

using namespace lockvm::rt::core;

namespace {

using Item = std::pair<int, int>;  // (key, original position)

std::vector<Item> random_items(std::mt19937& rng, size_t n, int range) {
  std::vector<Item> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = {static_cast<int>(rng() % range), static_cast<int>(i)};
  return v;
}

bool same_multiset(std::vector<Item> a, std::vector<Item> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

TEST_CASE("timsort sorts stably like a stable sort") {
  std::mt19937 rng(12345);
  for (int trial = 0; trial < 400; ++trial) {
    size_t n = trial < 200 ? rng() % 80 : rng() % 2500;
    auto v = random_items(rng, n, 1 + rng() % 40);
    if (trial % 3 == 1) std::sort(v.begin(), v.begin() + v.size() / 2);  // a long ascending run
    if (trial % 3 == 2) std::reverse(v.begin(), v.end());
    auto expect = v;
    std::stable_sort(expect.begin(), expect.end(), [](const Item& a, const Item& b) { return a.first < b.first; });
    bool ok = timsort(v.data(), v.size(), [](const Item& a, const Item& b) { return int(a.first < b.first); });
    CHECK(ok);
    REQUIRE(v == expect);
  }
}

TEST_CASE("timsort survives an inconsistent comparator") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    auto v = random_items(rng, rng() % 3000, 100);
    auto orig = v;
    // Random answers: no strict weak order at all.
    bool ok = timsort(v.data(), v.size(), [&](const Item&, const Item&) { return int(rng() % 2); });
    CHECK(ok);
    CHECK(same_multiset(v, orig));
  }
}

TEST_CASE("timsort stops at the first error and keeps a permutation") {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 300; ++trial) {
    auto v = random_items(rng, rng() % 2000, 50);
    auto orig = v;
    long calls = 0, fail_at = static_cast<long>(rng() % (3 * v.size() + 2));
    long after_error = 0;
    bool failed = false;
    bool ok = timsort(v.data(), v.size(), [&](const Item& a, const Item& b) {
      if (failed) ++after_error;
      if (++calls > fail_at) {
        failed = true;
        return -1;
      }
      return int(a.first < b.first);
    });
    CHECK(ok == !failed);
    CHECK(after_error == 0);
    CHECK(same_multiset(v, orig));
  }
}

TEST_CASE("timsort compares in CPython's order") {
  // sorted([1, 'a', 2]) first compares 'a' < 1 (items[1] < items[0]).
  std::vector<int> v{10, 20, 30};
  std::vector<std::pair<int, int>> log;
  timsort(v.data(), v.size(), [&](int a, int b) {
    log.push_back({a, b});
    return int(a < b);
  });
  REQUIRE(log.size() == 2);
  CHECK(log[0] == std::pair<int, int>{20, 10});
  CHECK(log[1] == std::pair<int, int>{30, 20});
}

TEST_CASE("round_double rounds half to even on the exact value") {
  bool ovf;
  CHECK(round_double(2.675, 2, ovf) == 2.67);  // 2.675 is really 2.67499999...
  CHECK(round_double(0.125, 2, ovf) == 0.12);  // exact tie: to even
  CHECK(round_double(0.375, 2, ovf) == 0.38);
  CHECK(round_double(1.005, 2, ovf) == 1.0);
  CHECK(round_double(2.5, 0, ovf) == 2.0);
  CHECK(round_double(-2.5, 0, ovf) == -2.0);
  CHECK(round_double(0.5, 0, ovf) == 0.0);
  CHECK(round_double(5e-324, 323, ovf) == 0.0);
  CHECK(round_double(1234.5678, -2, ovf) == 1200.0);
  CHECK(round_double(123.456, -1, ovf) == 120.0);
  CHECK(round_double(15.0, -1, ovf) == 20.0);
  CHECK(round_double(25.0, -1, ovf) == 20.0);
  CHECK(round_double(1e22, -22, ovf) == 1e22);
  double z = round_double(-3.0, -1, ovf);
  CHECK(z == 0.0);
  CHECK(std::signbit(z));
  CHECK(std::isnan(round_double(std::nan(""), 2, ovf)));
  CHECK(std::isinf(round_double(HUGE_VAL, -2, ovf)));
  round_double(1.7e308, -308, ovf);
  CHECK(ovf);
}

TEST_CASE("round_int rounds integers to multiples of powers of ten") {
  CHECK(round_int(12345, 2) == 12300);
  CHECK(round_int(12355, 1) == 12360);
  CHECK(round_int(15, 1) == 20);
  CHECK(round_int(25, 1) == 20);
  CHECK(round_int(-25, 1) == -20);
  CHECK(round_int(35, 1) == 40);
  CHECK(round_int(-15, 1) == -20);
  CHECK(round_int(4, 1) == 0);
}

TEST_CASE("FsumAcc is exact like math.fsum") {
  auto fsum = [](std::vector<double> xs, FsumAcc::Status* st = nullptr) {
    FsumAcc acc;
    for (double x : xs)
      if (!acc.add(x)) break;
    double r = acc.status() == FsumAcc::Ok ? acc.result() : 0.0;
    if (st) *st = acc.status();
    return r;
  };
  CHECK(fsum(std::vector<double>(10, 0.1)) == 1.0);
  CHECK(fsum({1e100, 1.0, -1e100}) == 1.0);
  CHECK(fsum({1e-16, 1, 1e16}) == 1.0000000000000002e+16);  // half-even across partials
  CHECK(fsum({0.1, 0.2, 0.3, -0.6}) == 2.7755575615628914e-17);
  CHECK(fsum({}) == 0.0);
  CHECK(std::isinf(fsum({HUGE_VAL, 1.0})));
  CHECK(std::isnan(fsum({std::nan(""), 1.0})));
  FsumAcc::Status st;
  fsum({1e308, 1e308}, &st);
  CHECK(st == FsumAcc::Overflow);
  fsum({HUGE_VAL, -HUGE_VAL}, &st);
  CHECK(st == FsumAcc::InfMinusInf);
}

TEST_CASE("parse_float_text follows float()'s grammar") {
  double d;
  CHECK((parse_float_text(" 3.5 ", d) && d == 3.5));
  CHECK((parse_float_text("1_000.5", d) && d == 1000.5));
  CHECK((parse_float_text("1e5", d) && d == 100000.0));
  CHECK((parse_float_text(".5", d) && d == 0.5));
  CHECK((parse_float_text("5.", d) && d == 5.0));
  CHECK((parse_float_text("+1.5", d) && d == 1.5));
  CHECK((parse_float_text("-inf", d) && std::isinf(d) && d < 0));
  CHECK((parse_float_text("Infinity", d) && std::isinf(d) && d > 0));
  CHECK((parse_float_text("nan", d) && std::isnan(d)));
  CHECK((parse_float_text("1e500", d) && std::isinf(d)));
  for (const char* bad : {"", " ", "x", "1__0", "_1", "1_", "1e", "0x10", "1.5.", "e5", ".", "1_.5", "nan(1)", "in f"})
    CHECK_MESSAGE(!parse_float_text(bad, d), bad);
}

TEST_CASE("big integer helpers") {
  CHECK(big_gcd(BigInt(1) << 100, boost::multiprecision::pow(BigInt(6), 50)) == BigInt(1125899906842624));
  CHECK(big_gcd(0, -5) == 5);
  CHECK(big_gcd(-24, 36) == 12);
  CHECK(comb(60, 30) == BigInt("118264581564861424"));
  CHECK(comb(3, 5) == 0);
  CHECK(perm(10, 3) == 720);
  CHECK(factorial(25) == BigInt("15511210043330985984000000"));
  CHECK(factorial(0) == 1);
  CHECK(big_isqrt(boost::multiprecision::pow(BigInt(10), 40) + 12345) == boost::multiprecision::pow(BigInt(10), 20));
  BigInt r;
  CHECK((pow_mod(3, 200, 1000000007, r) && r == 136318165));
  CHECK((pow_mod(3, -1, 7, r) && r == 5));
  CHECK((pow_mod(-3, 3, -7, r) && r == -6));
  CHECK(!pow_mod(2, -1, 4, r));
  BigInt num, den;
  double_ratio(0.1, num, den);
  CHECK(num == BigInt("3602879701896397"));
  CHECK(den == BigInt("36028797018963968"));
  double_ratio(-0.5, num, den);
  CHECK((num == -1 && den == 2));
  CHECK(to_base_pow2((BigInt(1) << 70) + 255, 16) == "4000000000000000ff");
  CHECK(to_base_pow2(-511, 8) == "777");
  CHECK(to_base_pow2(1023, 2) == "1111111111");
  CHECK(to_base_pow2(0, 2) == "0");
  CHECK(double_to_big(1e30) == BigInt("1000000000000000019884624838656"));
  CHECK(popcount_big(-255) == 8);
  CHECK(std::fabs(big_log(boost::multiprecision::pow(BigInt(10), 1000)) - 2302.585092994045) < 1e-9);
}

TEST_CASE("big_to_double rounds to nearest and reports overflow") {
  using boost::multiprecision::pow;
  double d;
  CHECK((big_to_double(BigInt(1) << 1023, d) && d == std::ldexp(1.0, 1023)));
  CHECK(!big_to_double(BigInt(1) << 1024, d));
  CHECK(!big_to_double(pow(BigInt(10), 400), d));
  CHECK((big_to_double(-(BigInt(1) << 70), d) && d == -std::ldexp(1.0, 70)));
  CHECK((big_to_double((BigInt(1) << 53) + 1, d) && d == 9007199254740992.0));  // tie: to even
  CHECK((big_to_double((BigInt(1) << 53) + 3, d) && d == 9007199254740996.0));  // tie: to even (up)
  CHECK((big_to_double((BigInt(1) << 80) + (BigInt(1) << 27) + 1, d) && d == std::ldexp(1.0, 80) + std::ldexp(1.0, 28)));
  BigInt max = (BigInt(1) << 1024) - (BigInt(1) << 971);  // DBL_MAX
  CHECK((big_to_double(max, d) && d == DBL_MAX));
  CHECK(!big_to_double(max + (BigInt(1) << 970), d));  // halfway to 2**1024 rounds up: overflow
  CHECK((big_to_double(BigInt(0), d) && d == 0.0));
}

TEST_CASE("py_gamma and py_lgamma give CPython's values") {
  CHECK(py_gamma(0.5) == 1.7724538509055159);
  CHECK(py_gamma(5.0) == 24.0);
  CHECK(py_gamma(10.3) == 716430.6890623765);
  CHECK(py_gamma(-2.5) == -0.9453087204829417);
  CHECK(py_gamma(171.5) == 9.483367566824801e+307);
  CHECK(std::isnan(py_gamma(0.0)));   // pole: domain error
  CHECK(std::isnan(py_gamma(-3.0)));  // pole
  CHECK(std::isinf(py_gamma(300.0)));  // overflow: range error
  CHECK(py_lgamma(10.0) == 12.801827480081467);
  CHECK(py_lgamma(100.5) == 361.4355404677776);
  CHECK(py_lgamma(-0.5) == 1.265512123484645);
  CHECK(py_lgamma(1.0) == 0.0);
  CHECK(std::isnan(py_lgamma(-2.0)));
}
