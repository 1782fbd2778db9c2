// The text side of format() and printf-style %: plain functions on UTF-8
// text, no Values, threads or policies, so they are unit-tested without a VM
// (tests/unit/test_format.cpp). Ports of CPython 3.11's
// Python/formatter_unicode.c, Python/pystrtod.c (PyOS_double_to_string) and
// Objects/unicodeobject.c (unicode_format_arg_*), so the odd corners — zero
// padding that grows thousands separators, '#g', the `z` flag — come out as
// CPython's do. runtime/format_spec.hpp wraps them for Values.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "runtime/unicode.hpp"

namespace lockvm::rt {

std::string float_repr(double d);  // runtime/format_float.cpp (declared in core.hpp too)

namespace fmt {

using BigInt = boost::multiprecision::cpp_int;

// ============================================================== errors

// Pending: the exception is already set (a conversion ran Python code).
enum class Err : uint8_t { None, Value, Overflow, Type, Pending };

struct Error {
  Err kind = Err::None;
  std::string msg;
  bool set(Err k, std::string m) {
    kind = k;
    msg = std::move(m);
    return false;
  }
};

// 'x' for printable ASCII, else \xNN as CPython's "%c / \\x%x" pair words it.
inline std::string code_text(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
  return buf;
}

inline bool unknown_code(Error& err, char32_t type, std::string_view type_name) {
  return err.set(Err::Value, "Unknown format code '" + code_text(type) + "' for object of type '" +
                                 std::string(type_name) + "'");
}

// ============================================================== the spec

struct Spec {
  char32_t fill = ' ';
  char align = '>';      // '<' '>' '=' '^'
  char sign = 0;         // '+' '-' ' ' or 0
  bool no_neg_0 = false; // 'z'
  bool alt = false;      // '#'
  int64_t width = -1;
  char thousands = 0;    // ',' '_' or 0
  int group = 3;         // digits per group: 4 for '_' with b/o/x/X
  int64_t precision = -1;
  char32_t type = 0;
};

inline bool is_align(char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

// Reads decimal digits at s[pos...]; returns how many were consumed, or -1
// on overflow (err set).
inline int64_t spec_integer(std::u32string_view s, size_t& pos, int64_t& out, Error& err) {
  out = 0;
  int64_t n = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    int d = static_cast<int>(s[pos] - '0');
    if (out > (std::numeric_limits<int64_t>::max() - d) / 10) {
      err.set(Err::Value, "Too many decimal digits in format string");
      return -1;
    }
    out = out * 10 + d;
    ++pos;
    ++n;
  }
  return n;
}

// CPython's parse_internal_render_format_spec. default_align is '>' for
// numbers and '<' for str; default_type 'd' for int, 0 for float, 's' for str.
inline bool parse_spec(std::string_view spec, char default_align, char32_t default_type, std::string_view type_name,
                       Spec& f, Error& err) {
  std::u32string s;
  s.reserve(spec.size());
  for (size_t i = 0; i < spec.size();) s += unicode::decode(spec, i);
  f = Spec();
  f.align = default_align;
  f.type = default_type;
  size_t pos = 0, end = s.size();
  bool fill_given = false, align_given = false;
  if (end - pos >= 2 && is_align(s[pos + 1])) {
    f.align = static_cast<char>(s[pos + 1]);
    f.fill = s[pos];
    fill_given = align_given = true;
    pos += 2;
  } else if (end - pos >= 1 && is_align(s[pos])) {
    f.align = static_cast<char>(s[pos]);
    align_given = true;
    ++pos;
  }
  if (pos < end && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) f.sign = static_cast<char>(s[pos++]);
  if (pos < end && s[pos] == 'z') { f.no_neg_0 = true; ++pos; }
  if (pos < end && s[pos] == '#') { f.alt = true; ++pos; }
  if (!fill_given && pos < end && s[pos] == '0') {
    f.fill = '0';
    if (!align_given && default_align == '>') f.align = '=';
    ++pos;
  }
  int64_t consumed = spec_integer(s, pos, f.width, err);
  if (consumed < 0) return false;
  if (consumed == 0) f.width = -1;
  if (pos < end && s[pos] == ',') { f.thousands = ','; ++pos; }
  if (pos < end && s[pos] == '_') {
    if (f.thousands) return err.set(Err::Value, "Cannot specify both ',' and '_'.");
    f.thousands = '_';
    ++pos;
  }
  if (pos < end && s[pos] == ',' && f.thousands == '_') return err.set(Err::Value, "Cannot specify both ',' and '_'.");
  if (pos < end && s[pos] == '.') {
    ++pos;
    consumed = spec_integer(s, pos, f.precision, err);
    if (consumed < 0) return false;
    if (consumed == 0) return err.set(Err::Value, "Format specifier missing precision");
  }
  if (end - pos > 1)
    return err.set(Err::Value, "Invalid format specifier '" + std::string(spec) + "' for object of type '" +
                                   std::string(type_name) + "'");
  if (end - pos == 1) f.type = s[pos++];
  if (f.thousands) {
    switch (f.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (f.thousands == '_') {
          f.group = 4;
          break;
        }
        [[fallthrough]];
      default:
        return err.set(Err::Value, std::string("Cannot specify '") + f.thousands + "' with '" + code_text(f.type) + "'.");
    }
  }
  return true;
}

// ============================================================== number layout

inline void append_fill(std::string& out, char32_t fill, int64_t n) {
  if (n <= 0) return;
  if (fill < 0x80) {
    out.append(static_cast<size_t>(n), static_cast<char>(fill));
    return;
  }
  std::string one;
  unicode::append_utf8(one, fill);
  for (int64_t i = 0; i < n; ++i) out += one;
}

// CPython's _PyUnicode_InsertThousandsGrouping: the digits with a separator
// every `group` digits (sep 0: none), left-padded with zeros (and more
// separators) up to min_width characters.
inline std::string group_digits(std::string_view digits, int64_t min_width, char sep, int group) {
  std::string rev;  // built right to left
  int64_t remaining = static_cast<int64_t>(digits.size());
  size_t pos = digits.size();
  bool use_sep = false, broken = false;
  if (min_width < 0) min_width = 0;
  auto emit = [&](int64_t l) {
    int64_t n_zeros = std::max<int64_t>(0, l - remaining);
    int64_t n_chars = std::max<int64_t>(0, std::min(remaining, l));
    if (use_sep) rev += sep;
    for (int64_t k = 0; k < n_chars; ++k) rev += digits[--pos];
    rev.append(static_cast<size_t>(n_zeros), '0');
    remaining -= n_chars;
  };
  if (sep) {
    for (;;) {
      int64_t l = std::min<int64_t>(group, std::max<int64_t>({remaining, min_width, 1}));
      emit(l);
      use_sep = true;
      min_width -= l;
      if (remaining <= 0 && min_width <= 0) {
        broken = true;
        break;
      }
      min_width -= 1;
    }
  }
  if (!broken) emit(std::max<int64_t>({remaining, min_width, 1}));
  return std::string(rev.rbegin(), rev.rend());
}

// CPython's calc_number_widths + fill_number:
//   <lpad><sign><prefix><spad><grouped digits><decimal point><remainder><rpad>
// `remainder` follows the decimal point (fraction, exponent, '%'), or is the
// character of format code 'c'; remainder_cps is its length in code points.
inline std::string lay_out_number(const Spec& f, bool negative, std::string_view prefix, std::string_view digits,
                                  bool has_decimal, std::string_view remainder, int64_t remainder_cps) {
  char sign = 0;
  if (f.sign == '+') sign = negative ? '-' : '+';
  else if (f.sign == ' ') sign = negative ? '-' : ' ';
  else if (negative) sign = '-';
  int64_t n_non_digit = (sign ? 1 : 0) + static_cast<int64_t>(prefix.size()) + (has_decimal ? 1 : 0) + remainder_cps;
  int64_t min_width = (f.fill == '0' && f.align == '=') ? f.width - n_non_digit : 0;
  std::string grouped;
  if (!digits.empty()) grouped = group_digits(digits, min_width, f.thousands, f.group);
  int64_t padding = f.width - (n_non_digit + static_cast<int64_t>(grouped.size()));
  int64_t lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (f.align) {
      case '<': rpad = padding; break;
      case '^': lpad = padding / 2; rpad = padding - lpad; break;
      case '=': spad = padding; break;
      default: lpad = padding; break;
    }
  }
  std::string out;
  out.reserve(static_cast<size_t>(std::max<int64_t>(f.width, 0)) + grouped.size() + remainder.size() + 8);
  append_fill(out, f.fill, lpad);
  if (sign) out += sign;
  out += prefix;
  append_fill(out, f.fill, spad);
  out += grouped;
  if (has_decimal) out += '.';
  out += remainder;
  append_fill(out, f.fill, rpad);
  return out;
}

// ============================================================== float text

// PyOS_double_to_string: type is one of e E f F g G r; precision as given
// by the user (ignored for 'r'). alt: '#'; add_dot_0: make integers look
// like floats ("1.0", for repr and the '' presentation type); no_neg_0: 'z'.
inline std::string double_to_string(double val, char type, int64_t precision, bool alt, bool add_dot_0,
                                    bool no_neg_0) {
  bool upper = false;
  if (type == 'E' || type == 'F' || type == 'G') {
    upper = true;
    type = static_cast<char>(type + ('a' - 'A'));
  }
  if (std::isnan(val)) return upper ? "NAN" : "nan";
  bool neg = std::signbit(val);
  if (std::isinf(val)) return std::string(neg ? "-" : "") + (upper ? "INF" : "inf");
  double a = std::fabs(val);
  if (type == 'e') ++precision;             // significant digits
  if (type == 'g' && precision == 0) precision = 1;

  // The digits (no point, no trailing zeros) and the decimal point position.
  std::vector<char> buf(static_cast<size_t>(precision) + 400);
  std::to_chars_result r;
  if (type == 'r') r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::scientific);
  else if (type == 'f') r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed, static_cast<int>(precision));
  else r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::scientific, static_cast<int>(precision - 1));
  std::string_view text(buf.data(), static_cast<size_t>(r.ptr - buf.data()));
  std::string digits;
  int64_t decpt;
  if (type == 'f') {
    size_t dot = text.find('.');
    std::string_view ip = text.substr(0, dot);
    digits.assign(ip);
    decpt = static_cast<int64_t>(ip.size());
    if (dot != std::string_view::npos) digits.append(text.substr(dot + 1));
    size_t lead = 0;
    while (lead + 1 < digits.size() && digits[lead] == '0') ++lead;
    digits.erase(0, lead);
    decpt -= static_cast<int64_t>(lead);
  } else {
    size_t e = text.find('e');
    for (size_t i = 0; i < e; ++i)
      if (text[i] != '.') digits += text[i];
    int ex = 0;
    std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), ex);
    decpt = ex + 1;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (digits == "0" || digits.empty()) {  // the value is (or rounds to) zero
    digits = "0";
    decpt = 1;
    if (no_neg_0) neg = false;
  }
  int64_t digits_len = static_cast<int64_t>(digits.size());

  bool use_exp = false;
  int64_t vdigits_end = digits_len;
  switch (type) {
    case 'e': use_exp = true; vdigits_end = precision; break;
    case 'f': vdigits_end = decpt + precision; break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alt) vdigits_end = precision;
      break;
    default:  // 'r'
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int64_t exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int64_t vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0) vdigits_end = std::max(vdigits_end, decpt + 1);
  else vdigits_end = std::max(vdigits_end, decpt);

  std::string out;
  out.reserve(static_cast<size_t>(vdigits_end - vdigits_start) + 8);
  if (neg) out += '-';
  for (int64_t i = vdigits_start; i < vdigits_end; ++i) {
    if (i == decpt) out += '.';
    out += (i >= 0 && i < digits_len) ? digits[static_cast<size_t>(i)] : '0';
  }
  if (decpt == vdigits_end && alt) out += '.';
  if (use_exp) {
    out += upper ? 'E' : 'e';
    out += exp < 0 ? '-' : '+';
    int64_t ae = exp < 0 ? -exp : exp;
    if (ae < 10) out += '0';
    out += std::to_string(ae);
  }
  return out;
}

// ============================================================== int digits

// An int argument: small, or a bigint (not owned).
struct IntRef {
  int64_t small = 0;
  const BigInt* big = nullptr;
  bool negative() const { return big ? *big < 0 : small < 0; }
};

// The magnitude's digits in base 2, 8, 10 or 16 (lowercase).
inline std::string int_digits(const IntRef& v, int base) {
  if (!v.big) {
    uint64_t m = v.small < 0 ? 0 - static_cast<uint64_t>(v.small) : static_cast<uint64_t>(v.small);
    char buf[72];
    auto r = std::to_chars(buf, buf + sizeof buf, m, base);
    return std::string(buf, r.ptr);
  }
  BigInt a = *v.big < 0 ? BigInt(-*v.big) : *v.big;
  if (base == 10) return a.str();
  std::string s = a.str(0, base == 8 ? std::ios_base::oct : std::ios_base::hex);
  for (char& c : s)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c + 32);
  if (base != 2) return s;
  static const char* nib[16] = {"0000", "0001", "0010", "0011", "0100", "0101", "0110", "0111",
                                "1000", "1001", "1010", "1011", "1100", "1101", "1110", "1111"};
  std::string b;
  b.reserve(s.size() * 4);
  for (char c : s) b += nib[c <= '9' ? c - '0' : c - 'a' + 10];
  size_t lead = b.find('1');
  return lead == std::string::npos ? std::string("0") : b.substr(lead);
}

inline std::string int_decimal(const IntRef& v) {
  std::string d = int_digits(v, 10);
  return v.negative() ? "-" + d : d;
}

// ============================================================== format()

// CPython's format_float_internal; `spec` is already parsed.
inline bool format_float_spec(double val, const Spec& f, std::string& out, Error& err) {
  if (f.precision > std::numeric_limits<int>::max()) return err.set(Err::Value, "precision too big");
  char type = static_cast<char>(f.type);
  int64_t precision = f.precision;
  int64_t default_precision = 6;
  bool add_dot_0 = false, add_pct = false;
  if (type == 0) {
    add_dot_0 = true;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  if (type == '%') {
    type = 'f';
    val *= 100;
    add_pct = true;
  }
  if (precision < 0) precision = default_precision;
  else if (type == 'r') type = 'g';
  std::string num = double_to_string(val, type, precision, f.alt, add_dot_0, f.no_neg_0);
  if (add_pct) num += '%';
  std::string_view s = num;
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  size_t nd = 0;
  while (nd < s.size() && s[nd] >= '0' && s[nd] <= '9') ++nd;
  bool has_decimal = nd < s.size() && s[nd] == '.';
  std::string_view rem = s.substr(nd + (has_decimal ? 1 : 0));
  out = lay_out_number(f, negative, "", s.substr(0, nd), has_decimal, rem, static_cast<int64_t>(rem.size()));
  return true;
}

// CPython's format_long_internal (types b c d o x X n).
inline bool format_int_spec(const IntRef& v, const Spec& f, std::string& out, Error& err) {
  if (f.precision != -1) return err.set(Err::Value, "Precision not allowed in integer format specifier");
  if (f.no_neg_0) return err.set(Err::Value, "Negative zero coercion (z) not allowed in integer format specifier");
  if (f.type == 'c') {
    if (f.sign) return err.set(Err::Value, "Sign not allowed with integer format specifier 'c'");
    if (f.alt) return err.set(Err::Value, "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v.big) return err.set(Err::Overflow, "Python int too large to convert to C long");
    if (v.small < 0 || v.small > 0x10FFFF) return err.set(Err::Overflow, "%c arg not in range(0x110000)");
    std::string ch;
    unicode::append_utf8(ch, static_cast<char32_t>(v.small));
    out = lay_out_number(f, false, "", "", false, ch, 1);
    return true;
  }
  int base = 10;
  const char* prefix = "";
  switch (f.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
  }
  std::string digits = int_digits(v, base);
  if (f.type == 'X')
    for (char& c : digits)
      if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 32);
  out = lay_out_number(f, v.negative(), f.alt ? prefix : "", digits, false, "", 0);
  return true;
}

// format(int, spec). type_name: 'int' or 'bool' (for the error messages).
inline bool format_int(const IntRef& v, std::string_view spec, std::string_view type_name, std::string& out,
                       Error& err) {
  if (spec.empty()) {
    out = int_decimal(v);
    return true;
  }
  Spec f;
  if (!parse_spec(spec, '>', 'd', type_name, f, err)) return false;
  switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      return format_int_spec(v, f, out, err);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d = v.big ? v.big->convert_to<double>() : static_cast<double>(v.small);
      if (std::isinf(d)) return err.set(Err::Overflow, "int too large to convert to float");
      return format_float_spec(d, f, out, err);
    }
    default:
      return unknown_code(err, f.type, type_name);
  }
}

inline bool format_float(double v, std::string_view spec, std::string_view type_name, std::string& out, Error& err) {
  if (spec.empty()) {
    out = float_repr(v);
    return true;
  }
  Spec f;
  if (!parse_spec(spec, '>', 0, type_name, f, err)) return false;
  switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      return format_float_spec(v, f, out, err);
    default:
      return unknown_code(err, f.type, type_name);
  }
}

// format(str, spec); `s` is UTF-8, width and precision count code points.
inline bool format_str(std::string_view s, std::string_view spec, std::string_view type_name, std::string& out,
                       Error& err) {
  if (spec.empty()) {
    out.assign(s);
    return true;
  }
  Spec f;
  if (!parse_spec(spec, '<', 's', type_name, f, err)) return false;
  if (f.type != 's') return unknown_code(err, f.type, type_name);
  if (f.sign == ' ') return err.set(Err::Value, "Space not allowed in string format specifier");
  if (f.sign) return err.set(Err::Value, "Sign not allowed in string format specifier");
  if (f.no_neg_0) return err.set(Err::Value, "Negative zero coercion (z) not allowed in string format specifier");
  if (f.alt) return err.set(Err::Value, "Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') return err.set(Err::Value, "'=' alignment not allowed in string format specifier");
  int64_t len = static_cast<int64_t>(unicode::count_code_points(s));
  if (f.precision >= 0 && len >= f.precision) {
    s = s.substr(0, unicode::offset_of(s, static_cast<size_t>(f.precision)));
    len = f.precision;
  }
  int64_t total = (f.width >= 0 && f.width > len) ? f.width : len;
  int64_t lpad = f.align == '>' ? total - len : f.align == '^' ? (total - len) / 2 : 0;
  int64_t rpad = total - len - lpad;
  out.clear();
  append_fill(out, f.fill, lpad);
  out += s;
  append_fill(out, f.fill, rpad);
  return true;
}

// ============================================================== printf-style pieces

enum PercentFlags : int { kLjust = 1, kSign = 2, kBlank = 4, kAlt = 8, kZero = 16 };

// One %-directive after parsing.
struct PercentArg {
  int flags = 0;
  int64_t width = -1;
  int64_t prec = -1;
  char32_t ch = 0;
  bool sign = false;  // a numeric conversion: the sign and '0' flag apply
};

// _PyUnicode_FormatLong: [-][0x]digits, digits zero-extended to prec.
inline std::string percent_int_text(const IntRef& v, const PercentArg& a) {
  int base = a.ch == 'o' ? 8 : (a.ch == 'x' || a.ch == 'X') ? 16 : 10;
  std::string digits = int_digits(v, base);
  std::string out;
  if (v.negative()) out += '-';
  if ((a.flags & kAlt) && base != 10) {
    out += '0';
    out += static_cast<char>(a.ch);
  }
  if (a.prec > static_cast<int64_t>(digits.size())) out.append(static_cast<size_t>(a.prec) - digits.size(), '0');
  out += digits;
  if (a.ch == 'X')
    for (char& c : out)
      if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 32);
  return out;
}

inline std::string percent_float_text(double x, const PercentArg& a) {
  return double_to_string(x, static_cast<char>(a.ch), a.prec < 0 ? 6 : a.prec, (a.flags & kAlt) != 0, false, false);
}

// unicode_format_arg_output: pads/truncates one converted argument `str`
// (UTF-8) into out.
inline void percent_output(std::string& out, PercentArg a, std::string_view str) {
  char32_t fill = (a.sign && (a.flags & kZero)) ? '0' : ' ';
  int64_t len = static_cast<int64_t>(unicode::count_code_points(str));
  if ((a.width == -1 || a.width <= len) && (a.prec == -1 || a.prec >= len) && !(a.flags & (kSign | kBlank))) {
    out += str;
    return;
  }
  if (a.ch == 's' || a.ch == 'r' || a.ch == 'a') {
    if (a.prec >= 0 && len > a.prec) {
      str = str.substr(0, unicode::offset_of(str, static_cast<size_t>(a.prec)));
      len = a.prec;
    }
  }
  char signchar = 0;
  if (a.sign) {
    // Numeric text is ASCII from here on.
    if (!str.empty() && (str[0] == '-' || str[0] == '+')) {
      signchar = str[0];
      str.remove_prefix(1);
      --len;
    } else if (a.flags & kSign) {
      signchar = '+';
    } else if (a.flags & kBlank) {
      signchar = ' ';
    } else {
      a.sign = false;
    }
  }
  if (a.width < len) a.width = len;
  if (a.sign) {
    if (fill != ' ') out += signchar;
    if (a.width > len) --a.width;
  }
  bool prefix = (a.flags & kAlt) && (a.ch == 'x' || a.ch == 'X' || a.ch == 'o');
  if (prefix) {
    if (fill != ' ') {
      out += str.substr(0, 2);
      str.remove_prefix(2);
    }
    a.width -= 2;
    if (a.width < 0) a.width = 0;
    len -= 2;
  }
  if (a.width > len && !(a.flags & kLjust)) {
    append_fill(out, fill, a.width - len);
    a.width = len;
  }
  if (fill == ' ') {
    if (a.sign) out += signchar;
    if (prefix) {
      out += str.substr(0, 2);
      str.remove_prefix(2);
    }
  }
  out += str;
  if (a.width > len) out.append(static_cast<size_t>(a.width - len), ' ');
}

// The printf-style driver (CPython's PyUnicode_Format), independent of how
// arguments are stored. Src supplies them; an argument is named by a handle:
// -1 for "the current args object itself", i >= 0 for item i of the args
// tuple. Src provides:
//   int64_t tuple_size()           size of the args tuple, or -1 when args is not a tuple
//   bool is_mapping()              args is usable for %(key)s
//   bool select_key(string_view, Error&)    current args := args[key]
//   bool star(h, int64_t&, Error&)          an int for '*' ("* wants int")
//   bool text(h, char conv, string&, Error&)   str / repr / ascii of the argument
//   bool integer(h, char conv, std::string&, PercentArg&, Error&)
//        the %d/%x... text (use percent_int_text)
//   bool real(h, double&, Error&)            float(arg)
//   bool character(h, char32_t&, Error&)     %c
template <class Src>
bool percent_format(std::string_view f, Src& src, std::string& out, Error& err) {
  int64_t arglen = src.tuple_size();
  int64_t argidx = arglen >= 0 ? 0 : -2;
  bool dict = arglen < 0 && src.is_mapping();
  auto next_arg = [&](int64_t& h) -> bool {
    if (argidx < arglen) {
      int64_t i = argidx++;
      h = arglen < 0 ? -1 : i;
      return true;
    }
    return err.set(Err::Type, "not enough arguments for format string");
  };
  out.reserve(out.size() + f.size() + 16);
  size_t i = 0;
  while (i < f.size()) {
    size_t j = f.find('%', i);
    if (j == std::string_view::npos) {
      out.append(f.substr(i));
      break;
    }
    out.append(f.substr(i, j - i));
    i = j + 1;
    if (i < f.size() && f[i] == '%') {
      out += '%';
      ++i;
      continue;
    }
    PercentArg a;
    size_t ch_pos = i;  // byte offset of a.ch
    auto read = [&]() -> bool {  // the next code point into a.ch
      if (i >= f.size()) return false;
      ch_pos = i;
      a.ch = unicode::decode(f, i);
      return true;
    };
    if (i < f.size() && f[i] == '(') {
      if (!dict) return err.set(Err::Type, "format requires a mapping");
      ++i;
      size_t keystart = i;
      int depth = 1;
      while (i < f.size() && depth > 0) {
        if (f[i] == ')') --depth;
        else if (f[i] == '(') ++depth;
        ++i;
      }
      if (depth > 0) return err.set(Err::Value, "incomplete format key");
      if (!src.select_key(f.substr(keystart, i - 1 - keystart), err)) return false;
      arglen = -1;
      argidx = -2;
    }
    bool ended = !read();  // the format string ended inside the directive
    while (!ended) {
      int flag = a.ch == '-' ? kLjust : a.ch == '+' ? kSign : a.ch == ' ' ? kBlank
               : a.ch == '#' ? kAlt : a.ch == '0' ? kZero : 0;
      if (!flag) break;
      a.flags |= flag;
      ended = !read();
    }
    int64_t h;
    if (!ended && a.ch == '*') {
      if (!next_arg(h) || !src.star(h, a.width, err)) return false;
      if (a.width < 0) {
        a.flags |= kLjust;
        a.width = -a.width;
      }
      ended = !read();
    } else if (!ended && a.ch >= '0' && a.ch <= '9') {
      a.width = a.ch - '0';
      while (!(ended = !read()) && a.ch >= '0' && a.ch <= '9') {
        int d = static_cast<int>(a.ch - '0');
        if (a.width > (std::numeric_limits<int64_t>::max() - d) / 10) return err.set(Err::Value, "width too big");
        a.width = a.width * 10 + d;
      }
    }
    if (!ended && a.ch == '.') {
      a.prec = 0;
      ended = !read();
      if (!ended && a.ch == '*') {
        if (!next_arg(h) || !src.star(h, a.prec, err)) return false;
        if (a.prec > std::numeric_limits<int>::max() || a.prec < std::numeric_limits<int>::min())
          return err.set(Err::Overflow, "Python int too large to convert to C int");
        if (a.prec < 0) a.prec = 0;
        ended = !read();
      } else if (!ended && a.ch >= '0' && a.ch <= '9') {
        a.prec = a.ch - '0';
        while (!(ended = !read()) && a.ch >= '0' && a.ch <= '9') {
          int d = static_cast<int>(a.ch - '0');
          if (a.prec > (std::numeric_limits<int>::max() - d) / 10) return err.set(Err::Value, "precision too big");
          a.prec = a.prec * 10 + d;
        }
      }
    }
    if (!ended && (a.ch == 'h' || a.ch == 'l' || a.ch == 'L')) ended = !read();
    if (ended) return err.set(Err::Value, "incomplete format");

    if (!next_arg(h)) return false;
    std::string text;
    switch (a.ch) {
      case 's': case 'r': case 'a':
        if (!src.text(h, static_cast<char>(a.ch), text, err)) return false;
        break;
      case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
        if (!src.integer(h, static_cast<char>(a.ch), text, a, err)) return false;
        a.sign = true;
        break;
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double x;
        if (!src.real(h, x, err)) return false;
        text = percent_float_text(x, a);
        a.sign = true;
        break;
      }
      case 'c': {
        char32_t c;
        if (!src.character(h, c, err)) return false;
        unicode::append_utf8(text, c);
        break;
      }
      default: {
        char buf[160];
        size_t index = unicode::count_code_points(f.substr(0, ch_pos));
        std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu",
                      (a.ch >= 31 && a.ch <= 126) ? static_cast<char>(a.ch) : '?', static_cast<unsigned>(a.ch), index);
        return err.set(Err::Value, buf);
      }
    }
    percent_output(out, a, text);
    if (dict && argidx < arglen)
      return err.set(Err::Type, "not all arguments converted during string formatting");
  }
  if (argidx < arglen && !dict) return err.set(Err::Type, "not all arguments converted during string formatting");
  return true;
}

// ascii(): the repr text with every non-ASCII code point escaped.
inline std::string ascii_escape(std::string_view repr_text) {
  std::string out;
  out.reserve(repr_text.size());
  for (size_t i = 0; i < repr_text.size();) {
    char32_t c = unicode::decode(repr_text, i);
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    char buf[16];
    if (c <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
    else if (c <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
    else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
    out += buf;
  }
  return out;
}

}  // namespace fmt

}  // namespace lockvm::rt
