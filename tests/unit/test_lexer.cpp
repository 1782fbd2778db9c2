// Tokenizer tests: token streams, indentation, positions, literal decoding.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "vm/lexer.hpp"

namespace {

using namespace lockvm;

// The tokens of `src`, one word each: names and numbers as NAME(x) and
// NUMBER(1), strings as STRING('x'), operators and keywords as themselves.
std::string tokens(std::string_view src, Lexer::Mode mode = Lexer::Mode::File) {
  SourceText text(src, "<test>");
  Lexer lexer(text, mode);
  std::string out;
  for (;;) {
    Token t = lexer.next();
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case Tok::Name: out += "NAME(" + std::string(t.text) + ")"; break;
      case Tok::Number: out += "NUMBER(" + std::string(t.text) + ")"; break;
      case Tok::String: out += "STRING(" + std::string(t.text) + ")"; break;
      case Tok::Newline: out += "NEWLINE"; break;
      case Tok::Indent: out += "INDENT"; break;
      case Tok::Dedent: out += "DEDENT"; break;
      case Tok::EndMarker: out += "END"; break;
      default: out += std::string(token_spelling(t.kind)); break;
    }
    if (t.kind == Tok::EndMarker) return out;
  }
}

std::vector<Token> token_list(const SourceText& text) {
  Lexer lexer(text);
  std::vector<Token> out;
  do {
    out.push_back(lexer.next());
  } while (out.back().kind != Tok::EndMarker);
  return out;
}

std::string lex_error(std::string_view src) {
  try {
    tokens(src);
  } catch (const SyntaxError& e) {
    return e.type + ": " + e.msg + " @" + std::to_string(e.line) + ":" + std::to_string(e.col);
  }
  return "no error";
}

std::string str(std::string_view literal) {
  SourceText text(literal, "<test>");
  Lexer lexer(text);
  return decode_string(text, lexer.next());
}

}  // namespace

TEST_CASE("lexer: names, keywords, operators") {
  CHECK(tokens("x = a.b + 1") == "NAME(x) = NAME(a) . NAME(b) + NUMBER(1) NEWLINE END");
  CHECK(tokens("if not x: pass") == "if not NAME(x) : pass NEWLINE END");
  CHECK(tokens("iff _x x1 \xc3\xa9t\xc3\xa9 \xce\xbb") ==
        "NAME(iff) NAME(_x) NAME(x1) NAME(\xc3\xa9t\xc3\xa9) NAME(\xce\xbb) NEWLINE END");
  CHECK(tokens("False None True and as assert async await break class continue def del elif") ==
        "False None True and as assert async await break class continue def del elif NEWLINE END");
  CHECK(tokens("else except finally for from global if import in is lambda nonlocal not or") ==
        "else except finally for from global if import in is lambda nonlocal not or NEWLINE END");
  CHECK(tokens("pass raise return try while with yield match case _") ==
        "pass raise return try while with yield NAME(match) NAME(case) NAME(_) NEWLINE END");
  CHECK(tokens("** **= // //= >> >>= << <<= ... -> := != == <= >=") ==
        "** **= // //= >> >>= << <<= ... -> := != == <= >= NEWLINE END");
  CHECK(tokens("+= -= *= /= %= @= &= |= ^= + - * / % @ & | ^ ~ < > = . , ; :") ==
        "+= -= *= /= %= @= &= |= ^= + - * / % @ & | ^ ~ < > = . , ; : NEWLINE END");
  CHECK(tokens("a..b") == "NAME(a) . . NAME(b) NEWLINE END");
  CHECK(tokens("1if x else 2") == "NUMBER(1) if NAME(x) else NUMBER(2) NEWLINE END");
  CHECK(tokens("$ ? `") == "error token error token error token NEWLINE END");
}

TEST_CASE("lexer: numbers and strings are single tokens") {
  CHECK(tokens("0 00 0_0 123 1_000 0x1F 0o17 0b10 0XaB 1.5 1. .5 1e5 1E+5 1.5e-5 1_0.0_1") ==
        "NUMBER(0) NUMBER(00) NUMBER(0_0) NUMBER(123) NUMBER(1_000) NUMBER(0x1F) NUMBER(0o17) "
        "NUMBER(0b10) NUMBER(0XaB) NUMBER(1.5) NUMBER(1.) NUMBER(.5) NUMBER(1e5) NUMBER(1E+5) "
        "NUMBER(1.5e-5) NUMBER(1_0.0_1) NEWLINE END");
  CHECK(tokens(R"('a' "b" '''c''' """d""" r'\n' b'x' Rb'y' bR"z" f'{x}' rf'w' FR"v" u'u')") ==
        R"(STRING('a') STRING("b") STRING('''c''') STRING("""d""") STRING(r'\n') STRING(b'x') )"
        R"(STRING(Rb'y') STRING(bR"z") STRING(f'{x}') STRING(rf'w') STRING(FR"v") STRING(u'u') NEWLINE END)");
  CHECK(tokens("'a\\'b' 'c\\\nd'") == "STRING('a\\'b') STRING('c\\\nd') NEWLINE END");
  CHECK(tokens("'''a\n'b'\n''' x") == "STRING('''a\n'b'\n''') NAME(x) NEWLINE END");
  CHECK(tokens("br'x' ub'x'") == "STRING(br'x') NAME(ub) STRING('x') NEWLINE END");
}

TEST_CASE("lexer: indentation") {
  CHECK(tokens("if x:\n    y\n    z\nw\n") ==
        "if NAME(x) : NEWLINE INDENT NAME(y) NEWLINE NAME(z) NEWLINE DEDENT NAME(w) NEWLINE END");
  CHECK(tokens("if x:\n  if y:\n    z\n") ==
        "if NAME(x) : NEWLINE INDENT if NAME(y) : NEWLINE INDENT NAME(z) NEWLINE DEDENT DEDENT END");
  // No newline at the end: NEWLINE and DEDENTs still come.
  CHECK(tokens("if x:\n  y") == "if NAME(x) : NEWLINE INDENT NAME(y) NEWLINE DEDENT END");
  // Blank lines and comment lines do not count.
  CHECK(tokens("if x:\n\n      # comment\n  y\n\n  z\n") ==
        "if NAME(x) : NEWLINE INDENT NAME(y) NEWLINE NAME(z) NEWLINE DEDENT END");
  // Tabs go to multiples of 8.
  CHECK(tokens("if x:\n\ty\n\tz\n") ==
        "if NAME(x) : NEWLINE INDENT NAME(y) NEWLINE NAME(z) NEWLINE DEDENT END");
  // Brackets and backslashes join lines.
  CHECK(tokens("x = (1,\n  2)\ny = [\n]\n") ==
        "NAME(x) = ( NUMBER(1) , NUMBER(2) ) NEWLINE NAME(y) = [ ] NEWLINE END");
  CHECK(tokens("x = 1 + \\\n      2\n") == "NAME(x) = NUMBER(1) + NUMBER(2) NEWLINE END");
  // A backslash in the indentation: the indentation before it counts.
  CHECK(tokens("if x:\n    a\n    \\\n  b\n") ==
        "if NAME(x) : NEWLINE INDENT NAME(a) NEWLINE NAME(b) NEWLINE DEDENT END");
  // Eval mode ignores indentation.
  CHECK(tokens("   x\n", Lexer::Mode::Eval) == "NAME(x) NEWLINE END");

  CHECK(lex_error("if x:\n    a\n  b\n") ==
        "IndentationError: unindent does not match any outer indentation level @3:4");
  CHECK(lex_error("if x:\n        a\n\tb\n") == "TabError: inconsistent use of tabs and spaces in indentation @3:1");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += std::string(i, ' ') + "if x:\n";
  CHECK(lex_error(deep) == "no error");  // 99 levels are fine
  deep += std::string(100, ' ') + "if x:\n";
  CHECK(lex_error(deep) == "IndentationError: too many levels of indentation @101:1");
}

TEST_CASE("lexer: positions") {
  SourceText text("x = 'é'  # c\nif y:\n    z\n", "<test>");
  std::vector<Token> t = token_list(text);
  REQUIRE(t.size() == 13);
  auto at = [&](size_t i) {
    return std::to_string(t[i].line) + ":" + std::to_string(t[i].col) + "-" + std::to_string(t[i].end_line) +
           ":" + std::to_string(t[i].end_col);
  };
  CHECK(at(0) == "1:1-1:2");  // x
  CHECK(at(2) == "1:5-1:8");  // 'é': columns count code points
  CHECK(at(3) == "1:10-1:14");  // NEWLINE starts at the comment
  CHECK(at(4) == "2:1-2:3");   // if
  CHECK(at(8) == "3:5-3:5");   // INDENT
  CHECK(t[9].kind == Tok::Name);
  CHECK(at(12) == "3:6-3:6");  // ENDMARKER: just past the last line
  CHECK(t[12].at_eof);
  CHECK(t[11].kind == Tok::Dedent);
  CHECK(t[11].at_eof);
  CHECK(!t[10].at_eof);
  CHECK(text.line_text(1) == "x = 'é'  # c");
  CHECK(text.line_text(3) == "    z");
  CHECK(text.line_text(4) == "");
  CHECK(text.column(1, 8) == 8);  // 'é' is two bytes, one column
  CHECK(text.line_of(text.line_start(3)) == 3);
}

TEST_CASE("lexer: number values") {
  auto num = [](std::string_view s) { return decode_number(s); };
  CHECK(num("0").int_value == 0);
  CHECK(num("1_000").int_value == 1000);
  CHECK(num("0x_fF").int_value == 255);
  CHECK(num("0o777").int_value == 511);
  CHECK(num("0b1010").int_value == 10);
  CHECK(num("9223372036854775807").type == NumberLiteral::Type::Int);
  CHECK(num("9223372036854775807").int_value == INT64_MAX);
  CHECK(num("9223372036854775808").type == NumberLiteral::Type::BigInt);
  CHECK(num("9223372036854775808").big_digits == "9223372036854775808");
  CHECK(num("000123456789012345678901234567890").big_digits == "123456789012345678901234567890");
  CHECK(num("0x1_0000_0000_0000_0000").big_digits == "18446744073709551616");
  CHECK(num("0o1000000000000000000000").big_digits == "9223372036854775808");
  CHECK(num("0b" + std::string(100, '1')).big_digits == "1267650600228229401496703205375");
  CHECK(num("1.5").type == NumberLiteral::Type::Float);
  CHECK(num("1.5").float_value == 1.5);
  CHECK(num("1_0.2_5e1_0").float_value == 10.25e10);
  CHECK(num(".5").float_value == 0.5);
  CHECK(num("5.").float_value == 5.0);
  CHECK(num("1e3").float_value == 1000.0);
  CHECK(std::isinf(num("1e400").float_value));
  CHECK(std::isinf(num("0.1e310").float_value));
  CHECK(num("0.01e310").float_value == 1e308);
  CHECK(num("1e-400").float_value == 0.0);
  CHECK(num("1000e-320").float_value == 1e-317);  // subnormal
  CHECK(num("0.0000e999").float_value == 0.0);
}

TEST_CASE("lexer: string values") {
  CHECK(str(R"('abc')") == "abc");
  CHECK(str(R"('\n\t\\\'\"\a\b\f\v\r')") == "\n\t\\'\"\a\b\f\v\r");
  CHECK(str(R"('\x41\101\0\7\777')") == std::string("AA\0\7\xc7\xbf", 6));
  CHECK(str(R"('\x41\101')") == "AA");
  CHECK(str(R"('\u00e9\U0001F600')") == "\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(str(R"('\q\8 \\')") == R"(\q\8 \)");
  CHECK(str("'a\\\nb'") == "ab");
  CHECK(str("'''a\nb'''") == "a\nb");
  CHECK(str(R"(r'\n\'')") == R"(\n\')");
  CHECK(str(R"(b'\x00\xff\777\u1234')") == std::string("\x00\xff\xff\\u1234", 9));
  CHECK(str(R"(rb'\x00')") == R"(\x00)");
  CHECK(str("'\xc3\xa9'") == "\xc3\xa9");
}

TEST_CASE("lexer: f-string pieces") {
  SourceText text(R"(f'a{x!r:>{w}}b{{c}}{y=}\n')", "<test>");
  Lexer lexer(text);
  Token t = lexer.next();
  std::vector<FStringPiece> pieces = scan_fstring(text, t);
  REQUIRE(pieces.size() == 7);
  CHECK(!pieces[0].is_field);
  CHECK(pieces[0].literal == "a");
  CHECK(pieces[1].is_field);
  CHECK(text.text().substr(pieces[1].expr_begin, pieces[1].expr_end - pieces[1].expr_begin) == "x");
  CHECK(pieces[1].expr_line == 1);
  CHECK(pieces[1].expr_col == 5);
  CHECK(pieces[1].conversion == 'r');
  CHECK(pieces[1].has_spec);
  REQUIRE(pieces[1].spec.size() == 2);
  CHECK(pieces[1].spec[0].literal == ">");
  CHECK(pieces[1].spec[1].is_field);
  CHECK(pieces[2].literal == "b{");
  CHECK(pieces[3].literal == "c}");
  CHECK(pieces[4].literal == "y=");  // the text of {y=}
  CHECK(pieces[5].is_field);
  CHECK(pieces[5].conversion == 'r');
  CHECK(pieces[6].literal == "\n");  // escapes are decoded
  CHECK(token_spelling(Tok::LParen) == "(");
  CHECK(token_spelling(Tok::Lambda) == "lambda");
  CHECK(is_keyword(Tok::Yield));
  CHECK(!is_keyword(Tok::Name));
}

TEST_CASE("lexer: errors") {
  CHECK(lex_error("x = 'abc") == "SyntaxError: unterminated string literal (detected at line 1) @1:5");
  CHECK(lex_error("x = '''abc\n\n") ==
        "SyntaxError: unterminated triple-quoted string literal (detected at line 2) @1:5");
  CHECK(lex_error("(]") == "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:2");
  CHECK(lex_error(")") == "SyntaxError: unmatched ')' @1:1");
  CHECK(lex_error("[") == "SyntaxError: '[' was never closed @1:1");
  CHECK(lex_error("x = 1_") == "SyntaxError: invalid decimal literal @1:6");
  CHECK(lex_error("x = \xe2\x82\xac") == "SyntaxError: invalid character '\xe2\x82\xac' (U+20AC) @1:5");
  CHECK(lex_error("x = 1 \\ 2") == "SyntaxError: unexpected character after line continuation character @1:8");
  CHECK(lex_error(std::string(201, '(')) == "SyntaxError: too many nested parentheses @1:201");
}
