// The text algorithms behind the str (and bytes) methods: plain functions on
// UTF-8 (or byte) strings, no Values, so they are unit-tested without a VM
// (tests/unit/test_format.cpp). runtime/methods_str.hpp parses arguments and
// builds objects around them.
//
// Indexes (start/end arguments, find() results) are in code points; `ascii`
// tells a function that the text is pure ASCII, so that code points and bytes
// coincide and no counting is needed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/unicode.hpp"

namespace lockvm::rt::strtext {

using Parts = std::vector<std::string_view>;
constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max();

// ============================================================== indexes

inline int64_t cp_len(std::string_view s, bool ascii) {
  return ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(unicode::count_code_points(s));
}
inline size_t byte_at(std::string_view s, bool ascii, int64_t cp) {
  return ascii ? static_cast<size_t>(cp) : unicode::offset_of(s, static_cast<size_t>(cp));
}

// CPython's ADJUST_INDICES: slice-style clamping of start/end to [0, len].
inline void adjust_indices(int64_t& start, int64_t& end, int64_t len) {
  if (end > len) end = len;
  else if (end < 0) {
    end += len;
    if (end < 0) end = 0;
  }
  if (start < 0) {
    start += len;
    if (start < 0) start = 0;
  }
}

// ============================================================== searching

// str.find / str.rfind on s[start:end] (already adjusted): the code point
// index of the first (last) occurrence, or -1.
inline int64_t find(std::string_view s, bool ascii, std::string_view sub, int64_t start, int64_t end, bool reverse) {
  int64_t sublen = ascii ? static_cast<int64_t>(sub.size()) : static_cast<int64_t>(unicode::count_code_points(sub));
  if (end - start < sublen) return -1;
  size_t bs = byte_at(s, ascii, start);
  size_t be = ascii ? static_cast<size_t>(end) : bs + unicode::offset_of(s.substr(bs), static_cast<size_t>(end - start));
  std::string_view hay = s.substr(bs, be - bs);
  size_t pos = reverse ? hay.rfind(sub) : hay.find(sub);
  if (pos == std::string_view::npos) return -1;
  return start + (ascii ? static_cast<int64_t>(pos) : static_cast<int64_t>(unicode::count_code_points(hay.substr(0, pos))));
}

// str.count on s[start:end] (already adjusted).
inline int64_t count(std::string_view s, bool ascii, std::string_view sub, int64_t start, int64_t end) {
  int64_t sublen = ascii ? static_cast<int64_t>(sub.size()) : static_cast<int64_t>(unicode::count_code_points(sub));
  if (end - start < sublen) return 0;
  if (sub.empty()) return end - start + 1;
  size_t bs = byte_at(s, ascii, start);
  size_t be = ascii ? static_cast<size_t>(end) : bs + unicode::offset_of(s.substr(bs), static_cast<size_t>(end - start));
  std::string_view hay = s.substr(bs, be - bs);
  int64_t n = 0;
  for (size_t pos = hay.find(sub); pos != std::string_view::npos; pos = hay.find(sub, pos + sub.size())) ++n;
  return n;
}

// startswith (at_end false) / endswith (true) of one candidate on s[start:end].
inline bool tailmatch(std::string_view s, bool ascii, std::string_view sub, int64_t start, int64_t end, bool at_end) {
  int64_t len = cp_len(s, ascii);
  adjust_indices(start, end, len);
  int64_t sublen = ascii ? static_cast<int64_t>(sub.size()) : static_cast<int64_t>(unicode::count_code_points(sub));
  end -= sublen;
  if (end < start) return false;
  if (sub.empty()) return true;
  size_t at = byte_at(s, ascii, at_end ? end : start);
  return s.substr(at, sub.size()) == sub;
}

// ============================================================== splitting

inline bool space_at(std::string_view s, size_t i, size_t& next) {
  next = i;
  return unicode::is_space(unicode::decode(s, next));
}

// str.split() with no separator: runs of whitespace separate, none empty.
inline Parts split_whitespace(std::string_view s, int64_t maxsplit) {
  if (maxsplit < 0) maxsplit = kNoLimit;
  Parts out;
  size_t i = 0, n = s.size(), nx;
  while (maxsplit-- > 0) {
    while (i < n && space_at(s, i, nx)) i = nx;
    if (i == n) break;
    size_t j = i;
    while (i < n && !space_at(s, i, nx)) i = nx;
    out.push_back(s.substr(j, i - j));
  }
  if (i < n) {
    while (i < n && space_at(s, i, nx)) i = nx;
    if (i != n) out.push_back(s.substr(i));
  }
  return out;
}

// The start of the code point that ends at byte i (i > 0).
inline size_t prev_cp(std::string_view s, size_t i) {
  do --i;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i;
}

inline Parts rsplit_whitespace(std::string_view s, int64_t maxsplit) {
  if (maxsplit < 0) maxsplit = kNoLimit;
  Parts out;
  size_t i = s.size(), nx;
  auto space_before = [&](size_t pos) { return space_at(s, prev_cp(s, pos), nx); };
  while (maxsplit-- > 0) {
    while (i > 0 && space_before(i)) i = prev_cp(s, i);
    if (i == 0) break;
    size_t j = i;
    while (i > 0 && !space_before(i)) i = prev_cp(s, i);
    out.push_back(s.substr(i, j - i));
  }
  if (i > 0) {
    while (i > 0 && space_before(i)) i = prev_cp(s, i);
    if (i > 0) out.push_back(s.substr(0, i));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// str.split(sep) with a non-empty separator.
inline Parts split_sep(std::string_view s, std::string_view sep, int64_t maxsplit) {
  if (maxsplit < 0) maxsplit = kNoLimit;
  Parts out;
  size_t i = 0;
  while (maxsplit-- > 0) {
    size_t pos = s.find(sep, i);
    if (pos == std::string_view::npos) break;
    out.push_back(s.substr(i, pos - i));
    i = pos + sep.size();
  }
  out.push_back(s.substr(i));
  return out;
}

inline Parts rsplit_sep(std::string_view s, std::string_view sep, int64_t maxsplit) {
  if (maxsplit < 0) maxsplit = kNoLimit;
  Parts out;
  size_t end = s.size();
  while (maxsplit-- > 0 && end >= sep.size()) {
    size_t pos = s.substr(0, end).rfind(sep);
    if (pos == std::string_view::npos) break;
    out.push_back(s.substr(pos + sep.size(), end - pos - sep.size()));
    end = pos;
  }
  out.push_back(s.substr(0, end));
  std::reverse(out.begin(), out.end());
  return out;
}

// str.splitlines: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029 end lines.
// bytes_only: bytes.splitlines (only \n \r \r\n).
inline Parts splitlines(std::string_view s, bool keepends, bool bytes_only = false) {
  Parts out;
  size_t i = 0, n = s.size();
  while (i < n) {
    size_t j = i, eol = 0, brk = 0;  // line is s[i:eol], next line starts at brk
    bool found = false;
    while (j < n) {
      size_t k = j;
      char32_t c = bytes_only ? static_cast<unsigned char>(s[k++]) : unicode::decode(s, k);
      bool is_break = c == '\n' || c == '\r' ||
                      (!bytes_only && (c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
                                       c == 0x85 || c == 0x2028 || c == 0x2029));
      if (is_break) {
        eol = j;
        brk = (c == '\r' && k < n && s[k] == '\n') ? k + 1 : k;
        found = true;
        break;
      }
      j = k;
    }
    if (!found) {
      out.push_back(s.substr(i));
      break;
    }
    out.push_back(s.substr(i, (keepends ? brk : eol) - i));
    i = brk;
  }
  return out;
}

// ============================================================== strip

// chars == nullptr: whitespace. which: 1 left, 2 right, 3 both.
inline std::string_view strip_bytes(std::string_view s, const std::string_view* chars, int which);

inline std::string_view strip(std::string_view s, const std::string_view* chars, int which) {
  // ASCII `chars` (`w.strip(",.;!?:")`) match single bytes: no byte of a
  // multi-byte code point is below 0x80, so bytes can be stripped as bytes.
  if (chars && std::none_of(chars->begin(), chars->end(), [](char c) { return c & 0x80; }))
    return strip_bytes(s, chars, which);
  std::u32string set;
  if (chars)
    for (size_t k = 0; k < chars->size();) set += unicode::decode(*chars, k);
  auto strippable = [&](char32_t c) {
    return chars ? set.find(c) != std::u32string::npos : unicode::is_space(c);
  };
  size_t a = 0, b = s.size();
  if (which & 1) {
    while (a < b) {
      size_t k = a;
      if (!strippable(unicode::decode(s, k))) break;
      a = k;
    }
  }
  if (which & 2) {
    while (b > a) {
      size_t p = prev_cp(s, b), k = p;
      if (!strippable(unicode::decode(s, k))) break;
      b = p;
    }
  }
  return s.substr(a, b - a);
}

// bytes.strip: bytes, not code points.
inline std::string_view strip_bytes(std::string_view s, const std::string_view* chars, int which) {
  auto strippable = [&](unsigned char c) {
    return chars ? chars->find(static_cast<char>(c)) != std::string_view::npos
                 : (c == ' ' || (c >= 9 && c <= 13));
  };
  size_t a = 0, b = s.size();
  if (which & 1)
    while (a < b && strippable(static_cast<unsigned char>(s[a]))) ++a;
  if (which & 2)
    while (b > a && strippable(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

// ============================================================== replace

inline std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t count) {
  if (count < 0) count = kNoLimit;
  std::string out;
  if (old.empty()) {
    // Insert `with` before every code point and at the end.
    size_t i = 0;
    while (count > 0 && i <= s.size()) {
      out += with;
      --count;
      if (i == s.size()) {
        i = s.size() + 1;
        break;
      }
      size_t k = i;
      unicode::decode(s, k);
      out.append(s.substr(i, k - i));
      i = k;
    }
    if (i <= s.size()) out.append(s.substr(i));
    return out;
  }
  size_t i = 0;
  while (count-- > 0) {
    size_t pos = s.find(old, i);
    if (pos == std::string_view::npos) break;
    out.append(s.substr(i, pos - i));
    out += with;
    i = pos + old.size();
  }
  out.append(s.substr(i));
  return out;
}

// ============================================================== case

// Titlecase letters (Lt): the Latin digraphs and Greek with prosgegrammeni.
inline bool is_title(char32_t c) {
  return c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2 || (c >= 0x1F88 && c <= 0x1F8F) ||
         (c >= 0x1F98 && c <= 0x1F9F) || (c >= 0x1FA8 && c <= 0x1FAF) || c == 0x1FBC || c == 0x1FCC || c == 0x1FFC;
}
inline bool is_upper(char32_t c) { return !is_title(c) && unicode::is_upper(c); }
inline bool is_lower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c == 0xDF || c == 0xAA || c == 0xBA || c == 0x149 || c == 0x1F0 || (c >= 0xFB00 && c <= 0xFB06)) return true;
  return !is_title(c) && unicode::is_lower(c);
}
inline bool is_cased(char32_t c) { return is_upper(c) || is_lower(c) || is_title(c); }

// Full case mappings that are not one code point to one (SpecialCasing.txt,
// the unconditional ones scripts meet).
inline const char* special_upper(char32_t c) {
  switch (c) {
    case 0xDF: return "SS";
    case 0x149: return "\xCA\xBCN";
    case 0x1F0: return "J\xCC\x8C";
    case 0xFB00: return "FF";
    case 0xFB01: return "FI";
    case 0xFB02: return "FL";
    case 0xFB03: return "FFI";
    case 0xFB04: return "FFL";
    case 0xFB05: case 0xFB06: return "ST";
    default: return nullptr;
  }
}
inline const char* special_title(char32_t c) {
  switch (c) {
    case 0xDF: return "Ss";
    case 0xFB00: return "Ff";
    case 0xFB01: return "Fi";
    case 0xFB02: return "Fl";
    case 0xFB03: return "Ffi";
    case 0xFB04: return "Ffl";
    case 0xFB05: case 0xFB06: return "St";
    default: return nullptr;
  }
}

inline void append_upper(std::string& out, char32_t c) {
  if (const char* sp = special_upper(c)) out += sp;
  else unicode::append_utf8(out, unicode::to_upper(c));
}
inline void append_title(std::string& out, char32_t c) {
  if (const char* sp = special_title(c)) {
    out += sp;
    return;
  }
  // The digraphs' titlecase forms sit between their upper and lower forms.
  if (c >= 0x1C4 && c <= 0x1CC) c = 0x1C5 + 3 * ((c - 0x1C4) / 3);
  else if (c >= 0x1F1 && c <= 0x1F3) c = 0x1F2;
  else c = unicode::to_upper(c);
  unicode::append_utf8(out, c);
}

// Final sigma: Σ lowercases to ς at the end of a word (a cased letter before
// it and none after, case-ignorable characters skipped).
inline bool final_sigma(const std::u32string& cps, size_t i) {
  auto ignorable = [](char32_t c) { return c == '\'' || c == '.' || c == ':' || c == 0xAD || c == 0x2019; };
  size_t j = i;
  bool before = false;
  while (j > 0) {
    char32_t c = cps[--j];
    if (ignorable(c)) continue;
    before = is_cased(c);
    break;
  }
  if (!before) return false;
  for (size_t k = i + 1; k < cps.size(); ++k) {
    if (ignorable(cps[k])) continue;
    return !is_cased(cps[k]);
  }
  return true;
}

inline void append_lower(std::string& out, const std::u32string& cps, size_t i) {
  char32_t c = cps[i];
  if (c == 0x130) out += "i\xCC\x87";
  else if (c == 0x3A3) unicode::append_utf8(out, final_sigma(cps, i) ? 0x3C2 : 0x3C3);
  else unicode::append_utf8(out, unicode::to_lower(c));
}

inline std::u32string decode_all(std::string_view s) {
  std::u32string cps;
  cps.reserve(s.size());
  for (size_t i = 0; i < s.size();) cps += unicode::decode(s, i);
  return cps;
}

inline std::string upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_upper(out, unicode::decode(s, i));
  return out;
}

inline std::string lower(std::string_view s) {
  std::u32string cps = decode_all(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < cps.size(); ++i) append_lower(out, cps, i);
  return out;
}

inline std::string casefold(std::string_view s) {
  std::u32string cps = decode_all(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == 0xDF) out += "ss";
    else if (c == 0x3C2 || c == 0x3A3) out += "\xCF\x83";  // σ
    else if (c == 0x17F) out += 's';
    else if (const char* sp = special_upper(c); sp && c >= 0xFB00) out += lower(sp);
    else append_lower(out, cps, i);
  }
  return out;
}

inline std::string swapcase(std::string_view s) {
  std::u32string cps = decode_all(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (is_upper(c)) append_lower(out, cps, i);
    else if (is_lower(c)) append_upper(out, c);
    else unicode::append_utf8(out, c);
  }
  return out;
}

inline std::string title(std::string_view s) {
  std::u32string cps = decode_all(s);
  std::string out;
  out.reserve(s.size());
  bool prev_cased = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (prev_cased) append_lower(out, cps, i);
    else append_title(out, c);
    prev_cased = is_cased(c);
  }
  return out;
}

inline std::string capitalize(std::string_view s) {
  std::u32string cps = decode_all(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i == 0) append_title(out, cps[0]);
    else append_lower(out, cps, i);
  }
  return out;
}

// ============================================================== predicates

template <class F>
bool all_of(std::string_view s, F&& f) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();)
    if (!f(unicode::decode(s, i))) return false;
  return true;
}

// Letters only: the C library's iswalpha also accepts some digits (U+0661).
inline bool letter(char32_t c) { return unicode::is_alpha(c) && !unicode::is_digit(c); }
inline bool isalpha(std::string_view s) { return all_of(s, letter); }
inline bool isdecimal(std::string_view s) { return all_of(s, unicode::is_decimal); }
inline bool isdigit(std::string_view s) { return all_of(s, unicode::is_digit); }
inline bool isnumeric(std::string_view s) { return all_of(s, unicode::is_numeric); }
inline bool isspace(std::string_view s) { return all_of(s, unicode::is_space); }
inline bool isalnum(std::string_view s) {
  return all_of(s, [](char32_t c) {
    return letter(c) || unicode::is_decimal(c) || unicode::is_digit(c) || unicode::is_numeric(c);
  });
}
inline bool isascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}
inline bool isprintable(std::string_view s) {
  for (size_t i = 0; i < s.size();)
    if (!unicode::is_printable(unicode::decode(s, i))) return false;
  return true;
}
inline bool isidentifier(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  char32_t c = unicode::decode(s, i);
  if (!unicode::is_identifier_start(c) || unicode::is_digit(c)) return false;
  while (i < s.size())
    if (!unicode::is_identifier_continue(unicode::decode(s, i))) return false;
  return true;
}
inline bool isupper(std::string_view s) {
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = unicode::decode(s, i);
    if (is_lower(c) || is_title(c)) return false;
    if (is_upper(c)) cased = true;
  }
  return cased;
}
inline bool islower(std::string_view s) {
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = unicode::decode(s, i);
    if (is_upper(c) || is_title(c)) return false;
    if (is_lower(c)) cased = true;
  }
  return cased;
}
inline bool istitle(std::string_view s) {
  bool cased = false, prev_cased = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = unicode::decode(s, i);
    if (is_upper(c) || is_title(c)) {
      if (prev_cased) return false;
      prev_cased = cased = true;
    } else if (is_lower(c)) {
      if (!prev_cased) return false;
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return cased;
}

// ============================================================== padding

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

inline std::string pad(std::string_view s, int64_t left, int64_t right, char32_t fill) {
  std::string out;
  out.reserve(s.size() + static_cast<size_t>(std::max<int64_t>(left, 0) + std::max<int64_t>(right, 0)));
  append_fill(out, fill, left);
  out += s;
  append_fill(out, fill, right);
  return out;
}

// how: 'l' ljust, 'r' rjust, 'c' center. len: s's length in code points.
inline std::string justify(std::string_view s, int64_t len, int64_t width, char32_t fill, char how) {
  if (len >= width) return std::string(s);
  int64_t marg = width - len;
  if (how == 'l') return pad(s, 0, marg, fill);
  if (how == 'r') return pad(s, marg, 0, fill);
  int64_t left = marg / 2 + (marg & width & 1);
  return pad(s, left, marg - left, fill);
}

inline std::string zfill(std::string_view s, int64_t len, int64_t width) {
  if (len >= width) return std::string(s);
  std::string out = pad(s, width - len, 0, '0');
  size_t fill = static_cast<size_t>(width - len);
  if (fill < out.size() && (out[fill] == '+' || out[fill] == '-')) {
    out[0] = out[fill];
    out[fill] = '0';
  }
  return out;
}

inline std::string expandtabs(std::string_view s, int64_t tabsize) {
  std::string out;
  out.reserve(s.size());
  int64_t col = 0;
  for (size_t i = 0; i < s.size();) {
    size_t k = i;
    char32_t c = unicode::decode(s, k);
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t n = tabsize - col % tabsize;
        out.append(static_cast<size_t>(n), ' ');
        col += n;
      }
    } else {
      out.append(s.substr(i, k - i));
      ++col;
      if (c == '\n' || c == '\r') col = 0;
    }
    i = k;
  }
  return out;
}

// ============================================================== codecs

// Normalizes an encoding name as Python's codec lookup does: "UTF_8",
// "utf8", "U8" -> "utf-8"; "latin1", "iso-8859-1" -> "latin-1"; "us-ascii"
// -> "ascii". Returns "" for encodings lockvm does not have.
inline std::string codec_name(std::string_view name) {
  std::string n;
  for (char c : name) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    n += (l == '_' || l == ' ') ? '-' : l;
  }
  if (n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001") return "utf-8";
  if (n == "ascii" || n == "us-ascii" || n == "646") return "ascii";
  if (n == "latin-1" || n == "latin1" || n == "iso-8859-1" || n == "iso8859-1" || n == "8859" || n == "l1" ||
      n == "cp819" || n == "latin")
    return "latin-1";
  return "";
}

// Encodes UTF-8 text to `codec` (a codec_name result). errors: "strict",
// "ignore", "replace". On failure returns false with the UnicodeEncodeError
// message in err.
inline bool encode(std::string_view s, const std::string& codec, std::string_view errors, std::string& out,
                   std::string& err) {
  if (codec == "utf-8") {
    out.assign(s);
    return true;
  }
  char32_t limit = codec == "ascii" ? 0x80 : 0x100;
  out.clear();
  int64_t pos = 0;
  for (size_t i = 0; i < s.size(); ++pos) {
    char32_t c = unicode::decode(s, i);
    if (c < limit) {
      out += static_cast<char>(c);
      continue;
    }
    if (errors == "ignore") continue;
    if (errors == "replace") {
      out += '?';
      continue;
    }
    // Like CPython, report the whole run of unencodable characters.
    int64_t last = pos;
    for (size_t k = i; k < s.size(); ++last) {
      if (unicode::decode(s, k) < limit) break;
    }
    char buf[200];
    if (last > pos) {
      std::snprintf(buf, sizeof buf, "'%s' codec can't encode characters in position %lld-%lld: ordinal not in range(%d)",
                    codec.c_str(), static_cast<long long>(pos), static_cast<long long>(last),
                    codec == "ascii" ? 128 : 256);
    } else {
      char cbuf[16];
      if (c <= 0xFF) std::snprintf(cbuf, sizeof cbuf, "\\x%02x", static_cast<unsigned>(c));
      else if (c <= 0xFFFF) std::snprintf(cbuf, sizeof cbuf, "\\u%04x", static_cast<unsigned>(c));
      else std::snprintf(cbuf, sizeof cbuf, "\\U%08x", static_cast<unsigned>(c));
      std::snprintf(buf, sizeof buf, "'%s' codec can't encode character '%s' in position %lld: ordinal not in range(%d)",
                    codec.c_str(), cbuf, static_cast<long long>(pos), codec == "ascii" ? 128 : 256);
    }
    err = buf;
    return false;
  }
  return true;
}

// Decodes bytes from `codec` to UTF-8 with CPython's error reporting.
// errors: "strict", "ignore", "replace" (U+FFFD).
inline bool decode(std::string_view b, const std::string& codec, std::string_view errors, std::string& out,
                   std::string& err) {
  out.clear();
  out.reserve(b.size());
  auto fail = [&](size_t start, size_t end, const char* reason) {
    char buf[200];
    if (end - start == 1)
      std::snprintf(buf, sizeof buf, "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec.c_str(),
                    static_cast<unsigned char>(b[start]), start, reason);
    else
      std::snprintf(buf, sizeof buf, "'%s' codec can't decode bytes in position %zu-%zu: %s", codec.c_str(), start,
                    end - 1, reason);
    err = buf;
    return false;
  };
  if (codec == "latin-1") {
    for (unsigned char c : b) unicode::append_utf8(out, c);
    return true;
  }
  for (size_t i = 0; i < b.size();) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t bad_end = i + 1;
    const char* reason = nullptr;
    if (codec == "ascii") {
      reason = "ordinal not in range(128)";
    } else {
      int n = 0;
      unsigned char lo = 0x80, hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) n = 1;
      else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
      }
      if (n == 0) {
        reason = "invalid start byte";
      } else {
        size_t k = i + 1;
        for (int m = 0; m < n; ++m, ++k) {
          if (k >= b.size()) {
            reason = "unexpected end of data";
            break;
          }
          unsigned char cc = static_cast<unsigned char>(b[k]);
          unsigned char l = m == 0 ? lo : 0x80, h = m == 0 ? hi : 0xBF;
          if (cc < l || cc > h) {
            reason = "invalid continuation byte";
            break;
          }
        }
        if (!reason) {
          out.append(b.substr(i, k - i));
          i = k;
          continue;
        }
        bad_end = k;
      }
    }
    if (errors == "strict") return fail(i, bad_end, reason);
    if (errors == "replace") out += "\xEF\xBF\xBD";
    i = bad_end;
  }
  return true;
}

inline std::string hex(std::string_view b, std::string_view sep) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i && !sep.empty()) out += sep;
    unsigned char c = static_cast<unsigned char>(b[i]);
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

}  // namespace lockvm::rt::strtext
