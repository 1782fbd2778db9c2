// Source text → tokens, modelled on CPython 3.11's tokenizer (Parser/tokenizer.c).
//
// The lexer is pull-based: the parser asks for one token at a time, so errors
// come out in source order and a syntax error early in a file is reported
// before a tokenizer error further down. It produces NEWLINE/INDENT/DEDENT
// from a stack of indentation columns, joins lines inside brackets and after a
// backslash, and reports CPython's tokenizer errors ("unterminated string
// literal", "unindent does not match any outer indentation level", ...).
//
// String literals are only delimited here; their contents (escapes,
// f-string replacement fields) are decoded on demand by the functions at the
// end of this header (lexer_strings.cpp), which the parser calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/code.hpp"

namespace lockvm {

// Every token kind, with the spelling used in messages. Operators are listed
// with their exact text; keywords with the keyword itself.
#define LOCKVM_TOKENS(TOKEN, OPERATOR, KEYWORD)                                        \
  TOKEN(EndMarker, "end of input") TOKEN(Newline, "newline") TOKEN(Indent, "indent")   \
  TOKEN(Dedent, "dedent") TOKEN(Name, "name") TOKEN(Number, "number")                  \
  TOKEN(String, "string") TOKEN(ErrorToken, "error token")                             \
  OPERATOR(LParen, "(") OPERATOR(RParen, ")") OPERATOR(LSquare, "[")                   \
  OPERATOR(RSquare, "]") OPERATOR(LBrace, "{") OPERATOR(RBrace, "}")                   \
  OPERATOR(Colon, ":") OPERATOR(Comma, ",") OPERATOR(Semi, ";") OPERATOR(Dot, ".")     \
  OPERATOR(Ellipsis, "...") OPERATOR(Arrow, "->") OPERATOR(ColonEqual, ":=")           \
  OPERATOR(Equal, "=") OPERATOR(Plus, "+") OPERATOR(Minus, "-") OPERATOR(Star, "*")    \
  OPERATOR(DoubleStar, "**") OPERATOR(Slash, "/") OPERATOR(DoubleSlash, "//")          \
  OPERATOR(Percent, "%") OPERATOR(At, "@") OPERATOR(VBar, "|") OPERATOR(Amper, "&")    \
  OPERATOR(Circumflex, "^") OPERATOR(Tilde, "~") OPERATOR(LeftShift, "<<")             \
  OPERATOR(RightShift, ">>") OPERATOR(EqEqual, "==") OPERATOR(NotEqual, "!=")          \
  OPERATOR(Less, "<") OPERATOR(Greater, ">") OPERATOR(LessEqual, "<=")                 \
  OPERATOR(GreaterEqual, ">=") OPERATOR(PlusEqual, "+=") OPERATOR(MinusEqual, "-=")    \
  OPERATOR(StarEqual, "*=") OPERATOR(DoubleStarEqual, "**=") OPERATOR(SlashEqual, "/=") \
  OPERATOR(DoubleSlashEqual, "//=") OPERATOR(PercentEqual, "%=") OPERATOR(AtEqual, "@=") \
  OPERATOR(VBarEqual, "|=") OPERATOR(AmperEqual, "&=") OPERATOR(CircumflexEqual, "^=")  \
  OPERATOR(LeftShiftEqual, "<<=") OPERATOR(RightShiftEqual, ">>=")                     \
  KEYWORD(False, "False") KEYWORD(None, "None") KEYWORD(True, "True")                  \
  KEYWORD(And, "and") KEYWORD(As, "as") KEYWORD(Assert, "assert")                      \
  KEYWORD(Async, "async") KEYWORD(Await, "await") KEYWORD(Break, "break")              \
  KEYWORD(Class, "class") KEYWORD(Continue, "continue") KEYWORD(Def, "def")            \
  KEYWORD(Del, "del") KEYWORD(Elif, "elif") KEYWORD(Else, "else")                      \
  KEYWORD(Except, "except") KEYWORD(Finally, "finally") KEYWORD(For, "for")            \
  KEYWORD(From, "from") KEYWORD(Global, "global") KEYWORD(If, "if")                    \
  KEYWORD(Import, "import") KEYWORD(In, "in") KEYWORD(Is, "is")                        \
  KEYWORD(Lambda, "lambda") KEYWORD(Nonlocal, "nonlocal") KEYWORD(Not, "not")          \
  KEYWORD(Or, "or") KEYWORD(Pass, "pass") KEYWORD(Raise, "raise")                      \
  KEYWORD(Return, "return") KEYWORD(Try, "try") KEYWORD(While, "while")                \
  KEYWORD(With, "with") KEYWORD(Yield, "yield")

enum class Tok : uint8_t {
#define LOCKVM_TOKEN_ENUM(name, spelling) name,
  LOCKVM_TOKENS(LOCKVM_TOKEN_ENUM, LOCKVM_TOKEN_ENUM, LOCKVM_TOKEN_ENUM)
#undef LOCKVM_TOKEN_ENUM
};

// "(" for Tok::LParen, "if" for Tok::If, "name" for Tok::Name...
std::string_view token_spelling(Tok kind);
bool is_keyword(Tok kind);

struct Token {
  Tok kind = Tok::EndMarker;
  // Synthesized because the input ended (the DEDENTs and ENDMARKER at end of
  // input): a parse error on such a token means the input was incomplete.
  bool at_eof = false;
  std::string_view text;  // the token's bytes in the source (empty for INDENT/DEDENT/ENDMARKER)
  int line = 0, col = 0;  // start; 1-based, col in code points
  int end_line = 0, end_col = 0;  // just past the last character
};

// The source of one parse: BOM removed, newlines normalized to "\n", checked
// for NUL bytes and invalid UTF-8. Shared by the lexer, the string decoders
// and the parser for positions and error messages.
class SourceText {
 public:
  // Throws SyntaxError for NUL bytes or invalid UTF-8.
  SourceText(std::string_view source, std::string_view filename);
  SourceText(const SourceText&) = delete;
  SourceText& operator=(const SourceText&) = delete;

  std::string_view text() const { return text_; }
  const std::string& filename() const { return filename_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  // Byte offset where 1-based `line` starts.
  size_t line_start(int line) const;
  // Text of 1-based `line`, without its newline ("" when out of range).
  std::string_view line_text(int line) const;
  // 1-based code-point column of byte `offset`, which lies on `line`.
  int column(int line, size_t offset) const;
  // 1-based line containing byte `offset`.
  int line_of(size_t offset) const;

  [[noreturn]] void error(std::string_view msg, int line, int col,
                          std::string_view type = "SyntaxError",
                          bool incomplete = false) const;

 private:
  std::string storage_;  // the normalized copy, when normalizing changed anything
  std::string_view text_;
  std::string filename_;
  std::vector<size_t> line_starts_;
};

class Lexer {
 public:
  enum class Mode {
    File,        // statements: NEWLINE/INDENT/DEDENT are significant
    Eval,        // one expression: leading indentation is ignored, no INDENT/DEDENT
    FStringExpr  // an f-string replacement field: everything is inside brackets
  };

  // Tokenizes all of `src`.
  explicit Lexer(const SourceText& src, Mode mode = Mode::File);
  // Tokenizes src.text()[begin, end), which starts at (line, col); used for
  // the expressions inside f-strings, which are parsed as if parenthesized.
  Lexer(const SourceText& src, size_t begin, size_t end, int line, int col, Mode mode);

  // The next token; throws SyntaxError for tokenizer errors. After
  // ENDMARKER it keeps returning ENDMARKER.
  Token next();

  // An open bracket, for "'(' was never closed" and matching.
  struct Bracket {
    char ch;
    int line, col;
  };
  const std::vector<Bracket>& open_brackets() const { return brackets_; }
  // True once next() has thrown: the lexer's state is then unusable.
  bool failed() const { return failed_; }
  // True when the error thrown was an unclosed bracket at end of input.
  bool failed_on_unclosed_bracket() const { return unclosed_bracket_error_; }
  // True when the error thrown takes priority over a parse error found
  // earlier in the file (see Parser::parse): those that CPython's tokenizer
  // raises itself, like "unterminated string literal".
  bool error_takes_priority() const { return failed_ && !halted_ && !unclosed_bracket_error_; }

  static constexpr int kMaxBrackets = 200;     // CPython's MAXLEVEL
  static constexpr int kMaxIndentLevels = 100;  // CPython's MAXINDENT
  static constexpr int kMaxIntDigits = 4300;     // CPython's int_max_str_digits default

 private:
  bool at_end() const { return pos_ >= end_; }
  unsigned char peek(size_t ahead = 0) const {
    return pos_ + ahead < end_ ? static_cast<unsigned char>(text_[pos_ + ahead]) : 0;
  }
  int col_at(size_t offset);  // code-point column of `offset` on the current line
  void new_line(size_t line_start_offset);
  [[noreturn]] void fail(std::string_view msg, int line, int col,
                         std::string_view type = "SyntaxError", bool incomplete = false);
  [[noreturn]] void fail_at(std::string_view msg, size_t offset, bool incomplete = false);
  [[noreturn]] void halt(std::string_view msg, int line, int col,
                         std::string_view type = "SyntaxError", bool incomplete = false);
  [[noreturn]] void halt_at(std::string_view msg, size_t offset);

  void read_indentation();  // at the start of a logical line
  void continue_line(size_t backslash);
  Token make(Tok kind, size_t start);
  Token end_of_input();
  Token lex_name(size_t start);
  Token lex_number(size_t start);
  Token lex_string(size_t start, size_t quote_pos);
  Token lex_operator(size_t start);
  void verify_identifier(size_t start, size_t end);
  void digits_with_underscores(int (*is_digit)(int), const char* kind);
  void decimal_tail();
  void verify_end_of_number(const char* kind);

  const SourceText& src_;
  std::string_view text_;
  Mode mode_;
  size_t pos_ = 0;
  size_t end_ = 0;

  int line_ = 1;
  size_t line_start_ = 0;          // byte offset of the current line's start
  size_t col_cache_pos_ = 0;       // columns are counted incrementally from here
  int col_cache_ = 1;

  std::vector<int> indents_{0};      // indentation columns (tabs to multiples of 8)
  std::vector<int> alt_indents_{0};  // the same with tabs as 1, to detect TabError
  int pending_dedents_ = 0;
  bool pending_indent_ = false;
  bool at_line_start_ = true;
  bool line_has_tokens_ = false;  // a token was emitted on the current logical line
  bool done_ = false;             // ENDMARKER returned
  bool failed_ = false;
  bool halted_ = false;  // the error was one of halt()'s
  bool unclosed_bracket_error_ = false;
  std::vector<Bracket> brackets_;
};

// ---------------------------------------------------------------- literals

// A decoded number literal.
struct NumberLiteral {
  enum class Type { Int, BigInt, Float } type = Type::Int;
  int64_t int_value = 0;
  double float_value = 0;
  std::string big_digits;  // BigInt: decimal digits, no sign
};
// Decodes a NUMBER token's text (already validated by the lexer).
NumberLiteral decode_number(std::string_view text);

// The prefix and quoting of a STRING token.
struct StringPrefix {
  bool raw = false, bytes = false, fstring = false;
  size_t prefix_len = 0;  // letters before the quote
  size_t quote_len = 1;   // 1 or 3
};
StringPrefix string_prefix(std::string_view token_text);

// Decodes a non-f string or bytes literal (escapes processed). Strings come
// back as UTF-8; bytes as the raw byte values. Throws SyntaxError for a bad
// escape, pointing at the token.
std::string decode_string(const SourceText& src, const Token& tok);

// One piece of an f-string: literal text or a replacement field.
struct FStringPiece {
  bool is_field = false;
  std::string literal;  // literal piece: decoded text (also the "x=" text of {x=})
  // Replacement field: the expression's bytes in the source and where they start.
  size_t expr_begin = 0, expr_end = 0;
  int expr_line = 0, expr_col = 0;
  char conversion = 0;  // 0, 'r', 's' or 'a'
  bool has_spec = false;
  std::vector<FStringPiece> spec;  // the format spec's own pieces
};
// Splits an f-string token into pieces (decoding escapes in the literal
// parts). Throws SyntaxError ("f-string: ...") for malformed fields.
std::vector<FStringPiece> scan_fstring(const SourceText& src, const Token& tok);

// Unicode identifier classes (XID_Start/XID_Continue, and "printable" as
// Python's str.isprintable), for non-ASCII code points. unicode_ident.cpp.
bool is_xid_start(char32_t cp);
bool is_xid_continue(char32_t cp);
bool is_printable(char32_t cp);

// Decodes one UTF-8 sequence at text[pos] (already validated) and returns its
// length; for the lexer and string decoders.
size_t decode_utf8(std::string_view text, size_t pos, char32_t* cp);
void append_utf8(std::string& out, char32_t cp);

}  // namespace lockvm
