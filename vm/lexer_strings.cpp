// String literal contents: escape sequences and f-string replacement fields.
//
// The lexer only finds where a string literal ends. Its contents are decoded
// here when the parser builds the Constant or JoinedStr, following CPython
// 3.11 (Objects/unicodeobject.c's unicode-escape decoder for escapes,
// Parser/string_parser.c for f-strings). As in 3.11, the expression part of
// a replacement field is plain source text (no backslashes, no comments); the
// parser tokenizes it with a sub-lexer over the same source.
#include <cstdio>
#include <cstring>

#include "vm/lexer.hpp"

namespace lockvm {

namespace {

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Errors in a literal's contents point just past the token, as in CPython.
[[noreturn]] void literal_error(const SourceText& src, const Token& tok, const std::string& msg) {
  src.error(msg, tok.end_line, tok.end_col);
}

// CPython decodes a literal after replacing each non-ASCII character with a
// ten-byte \UXXXXXXXX escape, and its messages count positions in that text.
size_t cpython_offset(std::string_view body, size_t offset) {
  size_t result = 0;
  for (size_t i = 0; i < offset && i < body.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    if (c < 0x80) {
      ++result;
    } else if ((c & 0xC0) != 0x80) {
      result += 10;
    }
  }
  return result;
}

[[noreturn]] void unicode_error(const SourceText& src, const Token& tok, std::string_view body,
                                size_t from, size_t to, const char* what) {
  literal_error(src, tok,
                format("(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                       cpython_offset(body, from), cpython_offset(body, to), what));
}

// Appends the decoded `body` (text between the quotes, or one literal chunk
// of an f-string) to `out`. Positions in messages are byte offsets in `body`,
// as CPython's decoder reports them.
void decode_escapes(const SourceText& src, const Token& tok, std::string_view body, bool bytes,
                    std::string& out) {
  size_t i = 0;
  while (i < body.size()) {
    // Copy the run up to the next backslash in one go.
    const void* bs = std::memchr(body.data() + i, '\\', body.size() - i);
    size_t run_end = bs ? static_cast<size_t>(static_cast<const char*>(bs) - body.data()) : body.size();
    out.append(body.data() + i, run_end - i);
    i = run_end;
    if (i >= body.size()) break;

    size_t start = i++;  // at the backslash
    if (i >= body.size()) {  // a lone trailing backslash (f-string chunk before '{') stays
      out += '\\';
      break;
    }
    char c = body[i++];
    switch (c) {
      case '\n': break;  // line continuation inside the literal
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned value = c - '0';
        for (int n = 1; n < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++n) {
          value = value * 8 + (body[i++] - '0');
        }
        if (bytes) {
          out += static_cast<char>(value & 0xFF);
        } else {
          append_utf8(out, value);
        }
        break;
      }
      case 'x': case 'u': case 'U': {
        if (bytes && c != 'x') {  // \u and \U are not escapes in bytes
          out += '\\';
          out += c;
          break;
        }
        int want = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        char32_t value = 0;
        int got = 0;
        for (; got < want && i < body.size() && hex_value(body[i]) >= 0; ++got) {
          value = value * 16 + hex_value(body[i++]);
        }
        if (got < want) {
          if (bytes) literal_error(src, tok, format("(value error) invalid \\x escape at position %zu", start));
          unicode_error(src, tok, body, start, start + 1 + got,
                        c == 'x' ? "truncated \\xXX escape" : c == 'u' ? "truncated \\uXXXX escape"
                                                                      : "truncated \\UXXXXXXXX escape");
        }
        if (bytes) {
          out += static_cast<char>(value);
        } else if (value > 0x10FFFF) {
          unicode_error(src, tok, body, start, i - 1, "illegal Unicode character");
        } else if (value >= 0xD800 && value <= 0xDFFF) {
          // Python allows lone surrogates in str; lockvm strings are UTF-8.
          unicode_error(src, tok, body, start, i - 1, "surrogate code points are not supported in lockvm strings");
        } else {
          append_utf8(out, value);
        }
        break;
      }
      case 'N':
        if (bytes) {
          out += "\\N";
          break;
        }
        if (i < body.size() && body[i] == '{') {
          size_t close = body.find('}', i);
          unicode_error(src, tok, body, start, close == std::string_view::npos ? body.size() - 1 : close,
                        "\\N{...} named escapes are not supported by lockvm");
        }
        unicode_error(src, tok, body, start, i - 1, "malformed \\N character escape");
      default:
        // Not an escape: both characters stay (CPython warns).
        out += '\\';
        out += c;
        break;
    }
  }
}

void check_ascii_bytes(const SourceText& src, const Token& tok, std::string_view body) {
  for (char c : body) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      src.error("bytes can only contain ASCII literal characters", tok.line, tok.col);
    }
  }
}

std::string_view literal_body(const Token& tok, const StringPrefix& p) {
  size_t skip = p.prefix_len + p.quote_len;
  return tok.text.substr(skip, tok.text.size() - skip - p.quote_len);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Splits an f-string body into pieces, following string_parser.c's
// fstring_find_literal / fstring_find_expr.
class FStringScanner {
 public:
  FStringScanner(const SourceText& src, const Token& tok)
      : src_(src), tok_(tok), text_(src.text()), prefix_(string_prefix(tok.text)) {
    std::string_view body = literal_body(tok, prefix_);
    pos_ = static_cast<size_t>(body.data() - text_.data());
    end_ = pos_ + body.size();
    cursor_ = static_cast<size_t>(tok.text.data() - text_.data());
    line_ = tok.line;
    col_ = tok.col;
  }

  std::vector<FStringPiece> run() {
    std::vector<FStringPiece> pieces;
    scan(pieces, 0);
    return pieces;
  }

 private:
  [[noreturn]] void error(const std::string& msg) { literal_error(src_, tok_, msg); }

  // Line and column of `offset`, advancing a cursor that only moves forward
  // (the scan is linear in the token's length).
  void position_of(size_t offset, int* line, int* col) {
    for (; cursor_ < offset; ++cursor_) {
      unsigned char c = static_cast<unsigned char>(text_[cursor_]);
      if (c == '\n') {
        ++line_;
        col_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++col_;
      }
    }
    *line = line_;
    *col = col_;
  }

  void add_literal(std::vector<FStringPiece>& out, size_t from, size_t to) {
    if (from == to) return;
    FStringPiece piece;
    std::string_view chunk = text_.substr(from, to - from);
    if (prefix_.raw) {
      piece.literal.assign(chunk);
    } else {
      decode_escapes(src_, tok_, chunk, /*bytes=*/false, piece.literal);
    }
    out.push_back(std::move(piece));
  }

  // Literal text and fields up to the end of the body, or (inside a format
  // spec, level >= 1) up to the '}' that closes the field.
  void scan(std::vector<FStringPiece>& out, int level) {
    while (pos_ < end_) {
      size_t literal_start = pos_;
      while (pos_ < end_) {
        char ch = text_[pos_++];
        if (!prefix_.raw && ch == '\\' && pos_ < end_) {
          ch = text_[pos_++];
          if (ch == 'N') {
            // "\N{name}": its braces are not a replacement field.
            if (pos_ < end_ && text_[pos_++] == '{') {
              while (pos_ < end_ && text_[pos_++] != '}') {
              }
            }
            continue;
          }
        }
        if (ch == '{' || ch == '}') {
          // Doubled braces are escapes, but only at the top level: in
          // f'{0:{3}}' the two closing braces end two fields.
          if (level == 0) {
            if (pos_ < end_ && text_[pos_] == ch) {
              add_literal(out, literal_start, pos_);  // keeps one brace
              literal_start = ++pos_;
              continue;
            }
            if (ch == '}') error("f-string: single '}' is not allowed");
          }
          --pos_;
          break;
        }
      }
      add_literal(out, literal_start, pos_);
      if (pos_ >= end_ || text_[pos_] == '}') return;  // '}' ends a format spec
      scan_field(out, level);
    }
  }

  // A replacement field; pos_ is at its '{'.
  void scan_field(std::vector<FStringPiece>& out, int level) {
    if (level >= 2) error("f-string: expressions nested too deeply");
    ++pos_;
    size_t expr_start = pos_;
    char quote = 0;
    bool triple = false;
    std::string brackets;
    while (pos_ < end_) {
      char ch = text_[pos_];
      if (ch == '\\') error("f-string expression part cannot include a backslash");
      if (quote) {
        if (ch == quote && (!triple || (pos_ + 2 < end_ && text_[pos_ + 1] == quote &&
                                         text_[pos_ + 2] == quote))) {
          pos_ += triple ? 3 : 1;
          quote = 0;
        } else {
          ++pos_;
        }
        continue;
      }
      if (ch == '\'' || ch == '"') {
        triple = pos_ + 2 < end_ && text_[pos_ + 1] == ch && text_[pos_ + 2] == ch;
        quote = ch;
        pos_ += triple ? 3 : 1;
        continue;
      }
      if (ch == '(' || ch == '[' || ch == '{') {
        if (brackets.size() >= static_cast<size_t>(Lexer::kMaxBrackets)) {
          error("f-string: too many nested parenthesis");
        }
        brackets += ch;
      } else if (ch == '#') {
        error("f-string expression part cannot include '#'");
      } else if (brackets.empty() &&
                 (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '<' || ch == '>')) {
        // "!=", "==", "<=", ">=" are operators, not the end of the expression.
        if (pos_ + 1 < end_ && text_[pos_ + 1] == '=' && ch != ':' && ch != '}') {
          pos_ += 2;
          continue;
        }
        if (ch != '<' && ch != '>') break;
      } else if (ch == ')' || ch == ']' || ch == '}') {
        if (brackets.empty()) error(format("f-string: unmatched '%c'", ch));
        char open = brackets.back();
        brackets.pop_back();
        if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
          error(format("f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", ch,
                       open));
        }
      }
      ++pos_;
    }
    if (quote) error("f-string: unterminated string");
    if (!brackets.empty()) error(format("f-string: unmatched '%c'", brackets.back()));
    if (pos_ >= end_) error("f-string: expecting '}'");

    FStringPiece field;
    field.is_field = true;
    field.expr_begin = expr_start;
    field.expr_end = pos_;
    bool blank = true;
    for (size_t i = expr_start; i < pos_ && blank; ++i) blank = is_space(text_[i]);
    if (blank) error("f-string: empty expression not allowed");
    position_of(expr_start, &field.expr_line, &field.expr_col);

    bool self_documenting = false;
    if (text_[pos_] == '=') {  // f"{x=}": the text "x=" precedes the value
      ++pos_;
      while (pos_ < end_ && is_space(text_[pos_])) ++pos_;
      if (pos_ >= end_) error("f-string: expecting '}'");
      FStringPiece text;
      text.literal.assign(text_.substr(expr_start, pos_ - expr_start));
      out.push_back(std::move(text));
      self_documenting = true;
    }
    if (text_[pos_] == '!') {
      ++pos_;
      if (pos_ >= end_) error("f-string: expecting '}'");
      char conversion = text_[pos_++];
      if (conversion != 's' && conversion != 'r' && conversion != 'a') {
        error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      field.conversion = conversion;
    }
    if (pos_ < end_ && text_[pos_] == ':') {
      ++pos_;
      if (pos_ >= end_) error("f-string: expecting '}'");
      field.has_spec = true;
      scan(field.spec, level + 1);
    }
    if (pos_ >= end_ || text_[pos_] != '}') error("f-string: expecting '}'");
    ++pos_;
    // {x=} shows the repr, unless a conversion or format spec says otherwise.
    if (self_documenting && !field.has_spec && field.conversion == 0) field.conversion = 'r';
    out.push_back(std::move(field));
  }

  const SourceText& src_;
  const Token& tok_;
  std::string_view text_;
  StringPrefix prefix_;
  size_t pos_ = 0, end_ = 0;
  size_t cursor_ = 0;
  int line_ = 0, col_ = 0;
};

}  // namespace

StringPrefix string_prefix(std::string_view text) {
  StringPrefix p;
  size_t i = 0;
  while (i < text.size() && text[i] != '"' && text[i] != '\'') {
    char c = static_cast<char>(text[i] | 0x20);
    p.raw |= c == 'r';
    p.bytes |= c == 'b';
    p.fstring |= c == 'f';
    ++i;
  }
  p.prefix_len = i;
  // A literal opening with three quotes is triple-quoted: "''" followed by a
  // third quote cannot be an empty string followed by more text.
  p.quote_len = text.size() >= i + 6 && text[i + 1] == text[i] && text[i + 2] == text[i] ? 3 : 1;
  return p;
}

std::string decode_string(const SourceText& src, const Token& tok) {
  StringPrefix p = string_prefix(tok.text);
  std::string_view body = literal_body(tok, p);
  if (p.bytes) check_ascii_bytes(src, tok, body);
  if (p.raw) return std::string(body);
  std::string out;
  out.reserve(body.size());
  decode_escapes(src, tok, body, p.bytes, out);
  return out;
}

std::vector<FStringPiece> scan_fstring(const SourceText& src, const Token& tok) {
  return FStringScanner(src, tok).run();
}

}  // namespace lockvm
