// The tokenizer: see lexer.hpp. The structure and the error messages follow
// CPython 3.11's Parser/tokenizer.c so that lockvm reports the same errors
// at the same places.
#include "vm/lexer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace lockvm {

// ------------------------------------------------------------------ tokens

namespace {

constexpr std::string_view kSpellings[] = {
#define LOCKVM_TOKEN_SPELLING(name, spelling) spelling,
    LOCKVM_TOKENS(LOCKVM_TOKEN_SPELLING, LOCKVM_TOKEN_SPELLING, LOCKVM_TOKEN_SPELLING)
#undef LOCKVM_TOKEN_SPELLING
};

struct KeywordEntry {
  std::string_view text;
  Tok kind;
};

// All keywords, sorted by text for binary search.
constexpr auto kKeywords = [] {
  std::array<KeywordEntry, 35> table = {{
#define LOCKVM_NOTHING(name, spelling)
#define LOCKVM_KEYWORD_ENTRY(name, spelling) {spelling, Tok::name},
      LOCKVM_TOKENS(LOCKVM_NOTHING, LOCKVM_NOTHING, LOCKVM_KEYWORD_ENTRY)
#undef LOCKVM_KEYWORD_ENTRY
#undef LOCKVM_NOTHING
  }};
  std::sort(table.begin(), table.end(),
            [](const KeywordEntry& a, const KeywordEntry& b) { return a.text < b.text; });
  return table;
}();

Tok keyword_or_name(std::string_view word) {
  // Keywords are 2 to 8 characters, all lowercase except False/None/True.
  if (word.size() < 2 || word.size() > 8) return Tok::Name;
  auto it = std::lower_bound(kKeywords.begin(), kKeywords.end(), word,
                             [](const KeywordEntry& e, std::string_view w) { return e.text < w; });
  return it != kKeywords.end() && it->text == word ? it->kind : Tok::Name;
}

bool is_ascii_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
// CPython's is_potential_identifier_char: any non-ASCII byte may be part of
// an identifier; verify_identifier() checks the code points afterwards.
bool is_potential_ident_char(unsigned char c) {
  return is_ascii_ident_start(c) || is_ascii_digit(c) || c >= 0x80;
}
int is_hex_digit(int c) { return std::isxdigit(c); }
int is_oct_digit(int c) { return c >= '0' && c <= '7'; }
int is_bin_digit(int c) { return c == '0' || c == '1'; }
bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

std::string_view token_spelling(Tok kind) { return kSpellings[static_cast<int>(kind)]; }

bool is_keyword(Tok kind) { return kind >= Tok::False; }

// ------------------------------------------------------------------- UTF-8

size_t decode_utf8(std::string_view text, size_t pos, char32_t* cp) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  unsigned char c = byte(0);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (pos + len > text.size()) {  // cannot happen for validated text; stay safe anyway
    *cp = 0xFFFD;
    return 1;
  }
  char32_t value = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < len; ++i) value = (value << 6) | (byte(i) & 0x3F);
  *cp = value;
  return len;
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

namespace {

// Length of the well-formed UTF-8 sequence at text[pos] (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or 0 with the
// length of the maximal valid prefix in *bad_len, as Python's decoder
// reports it.
size_t utf8_sequence_length(std::string_view text, size_t pos, size_t* bad_len,
                            const char** reason) {
  auto at = [&](size_t i) -> int {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : -1;
  };
  int c = at(0);
  size_t len;
  int lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad_len = 1;
    *reason = "invalid start byte";
    return 0;
  }
  for (size_t i = 1; i < len; ++i) {
    int b = at(i);
    int min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
    if (b < 0) {
      *bad_len = i;
      *reason = "unexpected end of data";
      return 0;
    }
    if (b < min || b > max) {
      *bad_len = i;
      *reason = "invalid continuation byte";
      return 0;
    }
  }
  return len;
}

}  // namespace

// -------------------------------------------------------------- SourceText

SourceText::SourceText(std::string_view source, std::string_view filename)
    : filename_(filename) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);

  // Universal newlines, as CPython's translate_newlines(): "\r\n" and a lone
  // "\r" both become "\n". Copy only when there is a "\r" at all.
  if (source.find('\r') == std::string_view::npos) {
    text_ = source;
  } else {
    storage_.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i) {
      if (source[i] == '\r') {
        storage_ += '\n';
        if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
      } else {
        storage_ += source[i];
      }
    }
    text_ = storage_;
  }

  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c == '\n') {
      line_starts_.push_back(i + 1);
    } else if (c == 0) {
      int line = line_count();
      error("source code cannot contain null bytes", line, column(line, i));
    } else if (c >= 0x80) {
      size_t bad_len = 0;
      const char* reason = "";
      size_t len = utf8_sequence_length(text_, i, &bad_len, &reason);
      if (len == 0) {
        int line = line_count();
        size_t in_line = i - line_starts_.back();
        std::string msg =
            bad_len == 1
                ? format("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c,
                         in_line, reason)
                : format("(unicode error) 'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                         in_line, in_line + bad_len - 1, reason);
        // The line text is not valid UTF-8 either; error() copies it as is.
        error(msg, line, column(line, i));
      }
      i += len - 1;
    }
  }
}

size_t SourceText::line_start(int line) const {
  if (line < 1) return 0;
  if (line > line_count()) return text_.size();
  return line_starts_[line - 1];
}

std::string_view SourceText::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t start = line_starts_[line - 1];
  size_t end = line < line_count() ? line_starts_[line] - 1 : text_.size();
  return text_.substr(start, end - start);
}

int SourceText::column(int line, size_t offset) const {
  size_t start = line_start(line);
  int col = 1;
  for (size_t i = start; i < offset && i < text_.size(); ++i) {
    if (!is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++col;
  }
  return col;
}

int SourceText::line_of(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

void SourceText::error(std::string_view msg, int line, int col, std::string_view type,
                       bool incomplete) const {
  throw SyntaxError(std::string(type), std::string(msg), filename_, line, col,
                    std::string(line_text(line)), incomplete);
}

// ------------------------------------------------------------------- Lexer

Lexer::Lexer(const SourceText& src, Mode mode)
    : src_(src), text_(src.text()), mode_(mode), end_(text_.size()) {}

Lexer::Lexer(const SourceText& src, size_t begin, size_t end, int line, int col, Mode mode)
    : src_(src),
      text_(src.text()),
      mode_(mode),
      pos_(begin),
      end_(end),
      line_(line),
      line_start_(src.line_start(line)),
      col_cache_pos_(begin),
      col_cache_(col),
      at_line_start_(false) {}

int Lexer::col_at(size_t offset) {
  if (offset < col_cache_pos_) {  // rare: an error reported behind the scan position
    return src_.column(line_, offset);
  }
  for (size_t i = col_cache_pos_; i < offset; ++i) {
    if (!is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++col_cache_;
  }
  col_cache_pos_ = offset;
  return col_cache_;
}

void Lexer::new_line(size_t line_start_offset) {
  ++line_;
  line_start_ = line_start_offset;
  col_cache_pos_ = line_start_offset;
  col_cache_ = 1;
}

void Lexer::fail(std::string_view msg, int line, int col, std::string_view type, bool incomplete) {
  failed_ = true;
  src_.error(msg, line, col, type, incomplete);
}

// CPython's syntaxerror() reports the column just before its read position:
// with `offset` just past the offending character, that is its column.
void Lexer::fail_at(std::string_view msg, size_t offset, bool incomplete) {
  fail(msg, line_, std::max(1, col_at(offset) - 1), "SyntaxError", incomplete);
}

// Errors CPython's tokenizer signals by stopping rather than by raising (bad
// indentation, a misplaced backslash), or that its parser reports: they do
// not displace an earlier parse error when the rest of a file is checked.
void Lexer::halt(std::string_view msg, int line, int col, std::string_view type, bool incomplete) {
  halted_ = true;
  fail(msg, line, col, type, incomplete);
}

void Lexer::halt_at(std::string_view msg, size_t offset) {
  halted_ = true;
  fail_at(msg, offset);
}

Token Lexer::make(Tok kind, size_t start) {
  Token tok;
  tok.kind = kind;
  tok.text = text_.substr(start, pos_ - start);
  tok.line = tok.end_line = line_;
  tok.col = col_at(start);
  tok.end_col = col_at(pos_);
  return tok;
}

Token Lexer::next() {
  if (done_) {
    Token tok = make(Tok::EndMarker, pos_);
    tok.at_eof = true;
    return tok;
  }
  for (;;) {
    if (at_line_start_) {
      at_line_start_ = false;
      if (mode_ == Mode::File) read_indentation();
    }
    if (pending_dedents_ > 0) {
      --pending_dedents_;
      return make(Tok::Dedent, pos_);
    }
    if (pending_indent_) {
      pending_indent_ = false;
      return make(Tok::Indent, pos_);
    }

    while (pos_ < end_ && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\f')) ++pos_;
    if (at_end()) return end_of_input();

    size_t start = pos_;
    unsigned char c = peek();
    if (c == '#') {
      const void* nl = std::memchr(text_.data() + pos_, '\n', end_ - pos_);
      pos_ = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text_.data()) : end_;
      if (at_end()) continue;
      c = '\n';  // a NEWLINE token starts at the comment, as in CPython
    }
    if (c == '\n') {
      ++pos_;
      bool logical_end = line_has_tokens_ && brackets_.empty() && mode_ != Mode::FStringExpr;
      Token tok;
      if (logical_end) tok = make(Tok::Newline, start);
      new_line(pos_);
      if (brackets_.empty() && mode_ != Mode::FStringExpr) at_line_start_ = true;
      if (logical_end) {
        line_has_tokens_ = false;
        return tok;
      }
      continue;  // a blank line, or a newline inside brackets
    }
    if (c == '\\') {
      continue_line(start);
      continue;
    }

    line_has_tokens_ = true;
    if (is_ascii_ident_start(c) || c >= 0x80) return lex_name(start);
    if (is_ascii_digit(c) || (c == '.' && is_ascii_digit(peek(1)))) return lex_number(start);
    if (c == '"' || c == '\'') return lex_string(start, start);
    return lex_operator(start);
  }
}

// A backslash outside a string literal joins the next line to this one.
void Lexer::continue_line(size_t backslash) {
  int col = col_at(backslash);
  if (backslash + 1 >= end_) {
    halt("unexpected EOF while parsing", line_, col + 1, "SyntaxError", /*incomplete=*/true);
  }
  if (text_[backslash + 1] != '\n') {
    halt_at("unexpected character after line continuation character", backslash + 2);
  }
  pos_ = backslash + 2;
  new_line(pos_);
  if (at_end()) halt("unexpected EOF while parsing", line_ - 1, col + 1, "SyntaxError", /*incomplete=*/true);
}

// At the start of a line in File mode: measure the indentation and queue
// INDENT/DEDENT tokens, as CPython's tok_get() does. Blank and comment-only
// lines do not count; neither does the end of input (end_of_input() closes
// the open blocks).
void Lexer::read_indentation() {
  int col = 0, alt_col = 0;  // tabs to multiples of 8, and tabs as one column
  int cont_col = -1, cont_alt_col = -1;
  for (;;) {
    unsigned char c = peek();
    if (pos_ >= end_) break;
    if (c == ' ') {
      ++col, ++alt_col;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      alt_col = alt_col + 1;
    } else if (c == '\f') {
      col = alt_col = 0;  // form feed resets the column, "for Emacs users"
    } else if (c == '\\') {
      // Indentation cannot be split with backslashes: the first one found
      // determines the level of what follows.
      if (cont_col < 0) cont_col = col, cont_alt_col = alt_col;
      continue_line(pos_);
      continue;
    } else {
      break;
    }
    ++pos_;
  }
  if (at_end() || peek() == '#' || peek() == '\n') return;
  if (cont_col >= 0) col = cont_col, alt_col = cont_alt_col;

  auto tab_error = [&] {
    halt("inconsistent use of tabs and spaces in indentation", line_, 1, "TabError");
  };
  if (col == indents_.back()) {
    if (alt_col != alt_indents_.back()) tab_error();
  } else if (col > indents_.back()) {
    if (indents_.size() >= kMaxIndentLevels) {
      halt("too many levels of indentation", line_, 1, "IndentationError");
    }
    if (alt_col <= alt_indents_.back()) tab_error();
    indents_.push_back(col);
    alt_indents_.push_back(alt_col);
    pending_indent_ = true;
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      ++pending_dedents_;
    }
    if (col != indents_.back()) {
      // CPython points just past the end of the offending line.
      size_t eol = text_.find('\n', pos_);
      if (eol == std::string_view::npos || eol > end_) eol = end_;
      halt("unindent does not match any outer indentation level", line_, col_at(eol),
           "IndentationError");
    }
    if (alt_col != alt_indents_.back()) tab_error();
  }
}

Token Lexer::end_of_input() {
  if (!brackets_.empty()) {
    const Bracket& b = brackets_.back();
    unclosed_bracket_error_ = true;
    fail(format("'%c' was never closed", b.ch), b.line, b.col, "SyntaxError", /*incomplete=*/true);
  }
  if (line_has_tokens_ && mode_ != Mode::FStringExpr) {
    // The last line has no newline: end it, as CPython adds one to the input.
    line_has_tokens_ = false;
    return make(Tok::Newline, pos_);
  }
  Token tok = make(Tok::EndMarker, pos_);
  if (mode_ != Mode::FStringExpr) {
    tok.at_eof = true;
    // CPython reports errors at the end of input just past the last line
    // read, not at the start of the empty line after it.
    if (pos_ == line_start_ && line_ > 1) {
      tok.line = tok.end_line = line_ - 1;
      tok.col = tok.end_col = src_.column(line_ - 1, pos_ - 1);
    }
  }
  if (mode_ == Mode::File && indents_.size() > 1) {
    indents_.pop_back();
    alt_indents_.pop_back();
    tok.kind = Tok::Dedent;
    return tok;
  }
  done_ = true;
  return tok;
}

Token Lexer::lex_name(size_t start) {
  bool ascii = true;
  while (pos_ < end_ && is_potential_ident_char(peek())) {
    if (peek() >= 0x80) ascii = false;
    ++pos_;
  }
  unsigned char q = peek();
  if ((q == '"' || q == '\'') && pos_ - start <= 2) {
    // A string prefix: r, u, b, f, br, rb, fr, rf in any case.
    std::string_view word = text_.substr(start, pos_ - start);
    auto lower = [](char c) { return static_cast<char>(c | 0x20); };
    bool prefix = false;
    if (word.size() == 1) {
      char a = lower(word[0]);
      prefix = a == 'r' || a == 'u' || a == 'b' || a == 'f';
    } else {
      char a = lower(word[0]), b = lower(word[1]);
      prefix = (a == 'r' && (b == 'b' || b == 'f')) || ((a == 'b' || a == 'f') && b == 'r');
    }
    if (prefix) return lex_string(start, pos_);
  }
  if (!ascii) verify_identifier(start, pos_);
  return make(keyword_or_name(text_.substr(start, pos_ - start)), start);
}

// CPython's verify_identifier(): every code point must be XID_Start (first)
// or XID_Continue (rest). The error points at the first bad one.
void Lexer::verify_identifier(size_t start, size_t end) {
  for (size_t i = start; i < end;) {
    char32_t cp;
    size_t len = decode_utf8(text_, i, &cp);
    bool ok = cp < 0x80 ? (is_ascii_ident_start(static_cast<unsigned char>(cp)) ||
                           (i > start && is_ascii_digit(static_cast<unsigned char>(cp))))
                        : (i == start ? is_xid_start(cp) : is_xid_continue(cp));
    if (!ok) {
      std::string msg = is_printable(cp)
                            ? format("invalid character '%.*s' (U+%04X)", static_cast<int>(len),
                                     text_.data() + i, static_cast<unsigned>(cp))
                            : format("invalid non-printable character U+%04X", static_cast<unsigned>(cp));
      fail(msg, line_, col_at(i));
    }
    i += len;
  }
}

// ----------------------------------------------------------------- numbers

// Digits of base 16, 8 or 2 with single underscores between them (the loop
// of CPython's tok_get for 0x/0o/0b literals).
void Lexer::digits_with_underscores(int (*is_digit)(int), const char* kind) {
  bool octal_or_binary = is_digit != is_hex_digit;
  do {
    if (peek() == '_') ++pos_;
    if (!is_digit(peek())) {
      if (octal_or_binary && is_ascii_digit(peek())) {
        fail_at(format("invalid digit '%c' in %s literal", peek(), kind), pos_ + 1);
      }
      fail_at(format("invalid %s literal", kind), pos_);
    }
    while (is_digit(peek())) ++pos_;
  } while (peek() == '_');
  if (octal_or_binary && is_ascii_digit(peek())) {
    fail_at(format("invalid digit '%c' in %s literal", peek(), kind), pos_ + 1);
  }
  verify_end_of_number(kind);
}

// Decimal digits with single underscores between them (tok_decimal_tail).
void Lexer::decimal_tail() {
  for (;;) {
    while (is_ascii_digit(peek())) ++pos_;
    if (peek() != '_') return;
    ++pos_;
    if (!is_ascii_digit(peek())) fail_at("invalid decimal literal", pos_);
  }
}

// A number directly followed by a name character is an error ("1abc"),
// except before the keywords that can follow a number in valid code
// ("1if x else y"), which CPython still accepts (with a warning).
void Lexer::verify_end_of_number(const char* kind) {
  unsigned char c = peek();
  // The keyword must end there: "1or x" is fine, "1ord" is not.
  auto followed_by = [&](std::string_view rest) {
    return text_.substr(pos_ + 1, rest.size()) == rest && !is_potential_ident_char(peek(1 + rest.size()));
  };
  bool keyword = (c == 'a' && followed_by("nd")) || (c == 'e' && followed_by("lse")) ||
                 (c == 'f' && followed_by("or")) || (c == 'o' && followed_by("r")) ||
                 (c == 'n' && followed_by("ot")) ||
                 (c == 'i' && (peek(1) == 'f' || peek(1) == 'n' || peek(1) == 's'));
  // Only ASCII: "1é" is a number and a name (and then invalid syntax).
  if (!keyword && pos_ < end_ && (is_ascii_ident_start(c) || is_ascii_digit(c))) {
    fail_at(format("invalid %s literal", kind), pos_);
  }
}

Token Lexer::lex_number(size_t start) {
  // Follows the number part of CPython's tok_get() branch for branch, so the
  // errors and their columns match.
  auto next_is = [&](char lower) { return (peek() | 0x20) == lower; };
  bool is_int = true;
  if (peek() == '0' && (peek(1) | 0x20) == 'x') {
    pos_ += 2;
    digits_with_underscores(is_hex_digit, "hexadecimal");
  } else if (peek() == '0' && (peek(1) | 0x20) == 'o') {
    pos_ += 2;
    digits_with_underscores(is_oct_digit, "octal");
  } else if (peek() == '0' && (peek(1) | 0x20) == 'b') {
    pos_ += 2;
    digits_with_underscores(is_bin_digit, "binary");
  } else {
    bool fraction = false, exponent = false, leading_zeros = false;
    if (peek() == '.') {
      fraction = true;
    } else if (peek() == '0') {
      // "0", "00", "0_0" are fine; "012" is an old-style octal literal.
      ++pos_;
      for (;;) {
        if (peek() == '_') {
          ++pos_;
          if (!is_ascii_digit(peek())) fail_at("invalid decimal literal", pos_);
        }
        if (peek() != '0') break;
        ++pos_;
      }
      if (is_ascii_digit(peek())) {
        leading_zeros = true;
        decimal_tail();
      }
      fraction = peek() == '.';
      exponent = next_is('e');
      if (leading_zeros && !fraction && !exponent && !next_is('j')) {
        fail("leading zeros in decimal integer literals are not permitted; "
             "use an 0o prefix for octal integers",
             line_, col_at(start));
      }
    } else {
      decimal_tail();
      fraction = peek() == '.';
      exponent = next_is('e');
    }
    if (fraction) {
      is_int = false;
      ++pos_;  // the '.'
      if (is_ascii_digit(peek())) decimal_tail();
      exponent = next_is('e');
    }
    if (exponent) {
      size_t e_pos = pos_++;
      if (peek() == '+' || peek() == '-') {
        ++pos_;
        if (!is_ascii_digit(peek())) fail_at("invalid decimal literal", pos_);
      } else if (!is_ascii_digit(peek())) {
        // "1else": the number ends before the 'e'; "1e" and "1ex" are errors.
        pos_ = e_pos;
        verify_end_of_number("decimal");
        return make(Tok::Number, start);
      }
      is_int = false;
      decimal_tail();
    }
    if (next_is('j')) {
      ++pos_;
      verify_end_of_number("imaginary");
      halt("imaginary numbers are not supported", line_, col_at(start));
    }
    verify_end_of_number("decimal");
  }

  // The AST keeps big integers as decimal text: refuse literals whose
  // conversion would be unreasonably long, like CPython's 4300-digit limit.
  if (is_int) {
    std::string_view text = text_.substr(start, pos_ - start);
    size_t digits = 0;
    bool significant = false;
    size_t first = text.size() > 1 && std::isalpha(static_cast<unsigned char>(text[1])) ? 2 : 0;
    for (size_t i = first; i < text.size(); ++i) {
      if (text[i] == '_' || (!significant && text[i] == '0')) continue;
      significant = true;
      ++digits;
    }
    int base = first == 0 ? 10 : (text[1] | 0x20) == 'x' ? 16 : (text[1] | 0x20) == 'o' ? 8 : 2;
    double decimal_digits = base == 10 ? digits : digits * std::log10(static_cast<double>(base));
    if (decimal_digits > kMaxIntDigits) {
      std::string msg =
          base == 10
              ? format("Exceeds the limit (%d digits) for integer string conversion: value has %zu "
                       "digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
                       "hexadecimal for huge integer literals to avoid decimal conversion limits.",
                       kMaxIntDigits, digits)
              : format("integer literal too large: lockvm keeps integer literals in decimal, "
                       "limited to %d digits",
                       kMaxIntDigits);
      halt(msg, line_, col_at(start));
    }
  }
  return make(Tok::Number, start);
}

NumberLiteral decode_number(std::string_view text) {
  NumberLiteral result;
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c != '_') digits += c;
  }
  int base = 10;
  if (digits.size() > 1 && digits[0] == '0' && std::isalpha(static_cast<unsigned char>(digits[1]))) {
    char b = static_cast<char>(digits[1] | 0x20);
    base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
    digits.erase(0, 2);
  } else if (digits.find_first_of(".eE") != std::string::npos) {
    result.type = NumberLiteral::Type::Float;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), result.float_value);
    if (ec == std::errc::result_out_of_range) {
      // from_chars leaves the value alone on overflow and underflow; Python
      // gives inf and 0.0. Decide by the decimal exponent of the first
      // significant digit.
      size_t e = digits.find_first_of("eE");
      std::string_view mant = std::string_view(digits).substr(0, e);
      long exp10 = e == std::string::npos ? 0 : std::strtol(digits.c_str() + e + 1, nullptr, 10);
      size_t dot = mant.find('.');
      size_t first_sig = mant.find_first_of("123456789");
      long magnitude = dot == std::string_view::npos ? static_cast<long>(mant.size()) : static_cast<long>(dot);
      if (first_sig != std::string_view::npos) {
        long sig = static_cast<long>(first_sig);
        magnitude = sig < magnitude ? magnitude - sig : -(sig - magnitude - 1);
      }
      result.float_value = first_sig != std::string_view::npos && magnitude + exp10 > 0
                               ? std::numeric_limits<double>::infinity()
                               : 0.0;
    }
    return result;
  }

  // Integers: accumulate in 64 bits; past that, in base-1e9 limbs.
  uint64_t value = 0;
  bool overflow = false;
  for (char c : digits) {
    unsigned d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (value > (UINT64_MAX - d) / base) {
      overflow = true;
      break;
    }
    value = value * base + d;
  }
  if (!overflow && value <= static_cast<uint64_t>(INT64_MAX)) {
    result.int_value = static_cast<int64_t>(value);
    return result;
  }
  result.type = NumberLiteral::Type::BigInt;
  if (base == 10) {
    size_t nz = digits.find_first_not_of('0');
    result.big_digits = digits.substr(nz);
    return result;
  }
  std::vector<uint32_t> limbs;  // little-endian, base 1e9
  for (char c : digits) {
    uint64_t carry = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    for (uint32_t& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * base + carry;
      limb = static_cast<uint32_t>(v % 1000000000);
      carry = v / 1000000000;
    }
    while (carry) {
      limbs.push_back(static_cast<uint32_t>(carry % 1000000000));
      carry /= 1000000000;
    }
  }
  result.big_digits = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    result.big_digits.append(9 - part.size(), '0');
    result.big_digits += part;
  }
  return result;
}

// ----------------------------------------------------------------- strings

// Finds the end of a string literal; its contents are decoded later
// (decode_string / scan_fstring in lexer_strings.cpp).
Token Lexer::lex_string(size_t start, size_t quote_pos) {
  int start_line = line_, start_col = col_at(start);
  pos_ = quote_pos;
  char quote = text_[quote_pos];
  bool triple = peek(1) == static_cast<unsigned char>(quote) && peek(2) == static_cast<unsigned char>(quote);
  pos_ = quote_pos + (triple ? 3 : 1);
  bool continued = false;  // ended by a backslash-newline (the REPL may go on)
  for (;;) {
    if (at_end()) {
      // "detected at" is the last line that has any text, as in CPython.
      int detected = text_[end_ - 1] == '\n' && end_ > quote_pos + 1 ? line_ - 1 : line_;
      fail(format(triple ? "unterminated triple-quoted string literal (detected at line %d)"
                         : "unterminated string literal (detected at line %d)",
                  detected),
           start_line, start_col, "SyntaxError", triple || continued);
    }
    char c = text_[pos_];
    if (c == quote) {
      if (!triple) {
        ++pos_;
        break;
      }
      if (peek(1) == static_cast<unsigned char>(quote) && peek(2) == static_cast<unsigned char>(quote)) {
        pos_ += 3;
        break;
      }
      ++pos_;
    } else if (c == '\\') {
      ++pos_;
      if (at_end()) continue;
      if (text_[pos_] == '\n') {
        ++pos_;
        new_line(pos_);
        continued = true;
        continue;
      }
      ++pos_;
    } else if (c == '\n') {
      if (!triple) {
        fail(format("unterminated string literal (detected at line %d)", line_), start_line, start_col);
      }
      ++pos_;
      new_line(pos_);
    } else {
      ++pos_;
    }
    continued = false;
  }
  Token tok;
  tok.kind = Tok::String;
  tok.text = text_.substr(start, pos_ - start);
  tok.line = start_line;
  tok.col = start_col;
  tok.end_line = line_;
  tok.end_col = col_at(pos_);
  return tok;
}

// --------------------------------------------------------------- operators

Token Lexer::lex_operator(size_t start) {
  unsigned char c = peek(), c1 = peek(1), c2 = peek(2);
  Tok kind;
  size_t len = 1;
  auto two = [&](char second, Tok if_two, Tok if_one) {
    if (c1 == static_cast<unsigned char>(second)) {
      len = 2;
      return if_two;
    }
    return if_one;
  };
  switch (c) {
    case '(': kind = Tok::LParen; break;
    case ')': kind = Tok::RParen; break;
    case '[': kind = Tok::LSquare; break;
    case ']': kind = Tok::RSquare; break;
    case '{': kind = Tok::LBrace; break;
    case '}': kind = Tok::RBrace; break;
    case ',': kind = Tok::Comma; break;
    case ';': kind = Tok::Semi; break;
    case '~': kind = Tok::Tilde; break;
    case ':': kind = two('=', Tok::ColonEqual, Tok::Colon); break;
    case '=': kind = two('=', Tok::EqEqual, Tok::Equal); break;
    case '!':
      kind = two('=', Tok::NotEqual, Tok::ErrorToken);
      break;
    case '.':
      if (c1 == '.' && c2 == '.') {
        kind = Tok::Ellipsis;
        len = 3;
      } else {
        kind = Tok::Dot;
      }
      break;
    case '+': kind = two('=', Tok::PlusEqual, Tok::Plus); break;
    case '-':
      kind = c1 == '>' ? (len = 2, Tok::Arrow) : two('=', Tok::MinusEqual, Tok::Minus);
      break;
    case '%': kind = two('=', Tok::PercentEqual, Tok::Percent); break;
    case '@': kind = two('=', Tok::AtEqual, Tok::At); break;
    case '|': kind = two('=', Tok::VBarEqual, Tok::VBar); break;
    case '&': kind = two('=', Tok::AmperEqual, Tok::Amper); break;
    case '^': kind = two('=', Tok::CircumflexEqual, Tok::Circumflex); break;
    case '*':
      if (c1 == '*') {
        kind = c2 == '=' ? (len = 3, Tok::DoubleStarEqual) : (len = 2, Tok::DoubleStar);
      } else {
        kind = two('=', Tok::StarEqual, Tok::Star);
      }
      break;
    case '/':
      if (c1 == '/') {
        kind = c2 == '=' ? (len = 3, Tok::DoubleSlashEqual) : (len = 2, Tok::DoubleSlash);
      } else {
        kind = two('=', Tok::SlashEqual, Tok::Slash);
      }
      break;
    case '<':
      if (c1 == '<') {
        kind = c2 == '=' ? (len = 3, Tok::LeftShiftEqual) : (len = 2, Tok::LeftShift);
      } else {
        kind = two('=', Tok::LessEqual, Tok::Less);
      }
      break;
    case '>':
      if (c1 == '>') {
        kind = c2 == '=' ? (len = 3, Tok::RightShiftEqual) : (len = 2, Tok::RightShift);
      } else {
        kind = two('=', Tok::GreaterEqual, Tok::Greater);
      }
      break;
    default:
      if (c < 0x20 || c == 0x7F) {
        fail(format("invalid non-printable character U+%04X", c), line_, col_at(start));
      }
      kind = Tok::ErrorToken;  // '$', '?', '`': the parser reports "invalid syntax"
      break;
  }
  pos_ += len;

  if (kind == Tok::LParen || kind == Tok::LSquare || kind == Tok::LBrace) {
    if (brackets_.size() >= kMaxBrackets) fail("too many nested parentheses", line_, col_at(start));
    brackets_.push_back({static_cast<char>(c), line_, col_at(start)});
  } else if (kind == Tok::RParen || kind == Tok::RSquare || kind == Tok::RBrace) {
    if (brackets_.empty()) fail(format("unmatched '%c'", c), line_, col_at(start));
    Bracket open = brackets_.back();
    char expected = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
    if (c != static_cast<unsigned char>(expected)) {
      std::string msg =
          open.line != line_
              ? format("closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c,
                       open.ch, open.line)
              : format("closing parenthesis '%c' does not match opening parenthesis '%c'", c, open.ch);
      fail(msg, line_, col_at(start));
    }
    brackets_.pop_back();
  }
  return make(kind, start);
}

}  // namespace lockvm
