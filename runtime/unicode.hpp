// UTF-8 helpers shared by every policy (no objects involved). lockvm stores
// str as UTF-8; indexing a non-ASCII string walks it (O(n)), an ASCII one is
// direct. Case mapping covers what towupper/towlower know in C.UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lockvm::unicode {

// Decodes the code point starting at s[i] and advances i. Invalid bytes decode
// as U+FFFD one byte at a time (lockvm only creates valid UTF-8 itself).
// ASCII, nearly every call, is decoded inline.
char32_t decode_multibyte(std::string_view s, size_t& i);
inline char32_t decode(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) [[likely]] {
    ++i;
    return c;
  }
  return decode_multibyte(s, i);
}
void append_utf8(std::string& out, char32_t cp);
// Byte offset of the code point with index `n` (n <= length).
size_t offset_of(std::string_view s, size_t n);
size_t count_code_points(std::string_view s);
bool is_valid_utf8(std::string_view s);

char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);
bool is_alpha(char32_t c);
bool is_digit(char32_t c);     // str.isdigit
bool is_decimal(char32_t c);   // str.isdecimal / int() digits
bool is_numeric(char32_t c);
bool is_space_nonascii(char32_t c);
// str.isspace / split() / strip(). Inline for ASCII, where nearly all text is.
inline bool is_space(char32_t c) {
  if (c < 0x80) [[likely]] return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F);
  return is_space_nonascii(c);
}
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_printable(char32_t c); // repr() escapes what is not printable
bool is_identifier_start(char32_t c);
bool is_identifier_continue(char32_t c);

}  // namespace lockvm::unicode
