// repr(float): the shortest string that reads back as the same double
// (std::to_chars gives the digits), laid out by Python's rules: positional
// notation for decimal exponents in [-4, 16), scientific otherwise.
#include <charconv>
#include <cmath>
#include <string>

#include "runtime/core.hpp"

namespace lockvm::rt {

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci looks like "-1.2345e+07" or "5e-324".
  std::string out;
  size_t p = 0;
  if (sci[0] == '-') { out += '-'; p = 1; }
  size_t e = sci.find('e');
  std::string digits;
  for (size_t i = p; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  int exp = std::stoi(sci.substr(e + 1));
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out += "0.";
      out.append(static_cast<size_t>(-exp - 1), '0');
      out += digits;
    } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
      out += digits;
      out.append(exp + 1 - digits.size(), '0');
      out += ".0";
    } else {
      out += digits.substr(0, exp + 1);
      out += '.';
      out += digits.substr(exp + 1);
    }
  } else {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += exp < 0 ? '-' : '+';
    int a = exp < 0 ? -exp : exp;
    if (a < 10) out += '0';
    out += std::to_string(a);
  }
  return out;
}

bool is_integer_value(const Value& v) {
  return v.tag == Tag::Int || v.tag == Tag::Bool || (v.tag == Tag::Obj && v.o->kind == Kind::BigInt);
}

BigInt to_bigint(const Value& v) {
  if (v.tag == Tag::Int) return BigInt(v.i);
  if (v.tag == Tag::Bool) return BigInt(v.b ? 1 : 0);
  return static_cast<BigIntObject*>(v.o)->value;
}

}  // namespace lockvm::rt
