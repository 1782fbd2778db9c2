#include "runtime/unicode.hpp"

#include <clocale>
#include <cwctype>

namespace lockvm::unicode {

namespace {
// The C library's wide-character classification needs a UTF-8 locale; set
// LC_CTYPE once, without touching the process's other locale categories'
// effect on number formatting (LC_NUMERIC stays "C").
struct CtypeLocale {
  CtypeLocale() {
    if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "C.utf8");
  }
};
const CtypeLocale& ensure_locale() {
  static CtypeLocale l;
  return l;
}
}  // namespace

char32_t decode_multibyte(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : -1;
  if (n < 0 || i + n >= s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += n + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t offset_of(std::string_view s, size_t n) {
  size_t i = 0;
  while (n > 0 && i < s.size()) {
    decode(s, i);
    --n;
  }
  return i;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int n;
    char32_t min;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; min = 0x10000; }
    else return false;
    if (i + n >= s.size()) return false;
    char32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

char32_t to_upper(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  ensure_locale();
  return static_cast<char32_t>(std::towupper(static_cast<wint_t>(c)));
}
char32_t to_lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  ensure_locale();
  return static_cast<char32_t>(std::towlower(static_cast<wint_t>(c)));
}
bool is_alpha(char32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  ensure_locale();
  // glibc counts some non-ASCII digits (U+0661...) as alphabetic; Python does not.
  return std::iswalpha(static_cast<wint_t>(c)) && !is_decimal(c);
}
bool is_decimal(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  // Other scripts' decimal digits (Arabic-Indic, Devanagari, fullwidth...).
  static constexpr char32_t zeros[] = {0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66,
                                       0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0x1040, 0xFF10};
  for (char32_t z : zeros)
    if (c >= z && c <= z + 9) return true;
  return false;
}
bool is_digit(char32_t c) {
  return is_decimal(c) || (c >= 0x2070 && c <= 0x2079 && c != 0x2071 && c != 0x2072 && c != 0x2073) ||
         c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468);
}
bool is_numeric(char32_t c) {
  return is_digit(c) || (c >= 0xBC && c <= 0xBE) || (c >= 0x2150 && c <= 0x2189) ||
         (c >= 0x4E00 && (c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
                          c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341));
}
bool is_space_nonascii(char32_t c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool is_upper(char32_t c) { return to_lower(c) != c || (c >= 'A' && c <= 'Z'); }
bool is_lower(char32_t c) { return to_upper(c) != c || (c >= 'a' && c <= 'z'); }
bool is_printable(char32_t c) {
  if (c < 0x20 || c == 0x7F) return false;
  if (c < 0x7F) return true;
  if (c >= 0x80 && c < 0xA0) return false;
  if (c == 0xAD) return false;
  if (is_space(c)) return false;  // non-ASCII spaces are escaped by repr
  if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return false;
  if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return false;  // private use
  if (c >= 0x200B && c <= 0x200F) return false;
  if (c >= 0x2060 && c <= 0x206F) return false;
  if (c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB)) return false;
  ensure_locale();
  return std::iswprint(static_cast<wint_t>(c));
}
bool is_identifier_start(char32_t c) { return c == '_' || is_alpha(c); }
bool is_identifier_continue(char32_t c) { return c == '_' || is_alpha(c) || is_decimal(c) || (c >= 0x300 && c <= 0x36F); }

}  // namespace lockvm::unicode
