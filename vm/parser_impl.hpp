// The recursive-descent parser behind lockvm::parse() (parser.hpp). Private
// to parser.cpp (driver, statements) and parser_expr.cpp (expressions,
// targets, f-strings).
//
// The grammar is CPython 3.11's (Grammar/python.gram) for lockvm's subset,
// hand-written in the style of clox/Wren: one function per construct, binary
// operators by precedence climbing. Where CPython's PEG parser has a second,
// error-reporting pass ("invalid_*" rules), this parser checks the same
// conditions at the point where it finds the input cannot be valid, so that
// the messages and positions match CPython's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/ast.hpp"
#include "vm/lexer.hpp"
#include "vm/parser.hpp"

namespace lockvm::parser_detail {

using ast::ExprPtr;
using ast::Pos;

// Binding strength of binary and unary operators, loosest first.
enum Prec : int {
  kNoPrec = 0, kOr, kAnd, kNot, kCompare, kBitOr, kBitXor, kBitAnd, kShift, kArith, kTerm,
  kUnary, kPower,
};

class Parser {
 public:
  Parser(const SourceText& src, ParseMode mode);
  ast::Module parse();

  // Nesting limit for the tree being built (recursion in this parser, and
  // left-leaning operator or call chains, which the compiler and the node
  // destructors walk recursively). CPython gives up at about the same depth.
  static constexpr int kMaxDepth = 1500;

 private:
  // ------------------------------------------------------------ tokens
  const Token& peek(size_t ahead = 0) {
    size_t i = head_ + ahead;
    return i < tokens_.size() ? tokens_[i] : fill(ahead);
  }
  const Token& fill(size_t ahead);
  Tok kind(size_t ahead = 0) { return peek(ahead).kind; }
  bool at(Tok k) { return kind() == k; }
  Token advance();
  bool accept(Tok k);
  void expect(Tok k);  // "invalid syntax" when missing
  Pos here() { return pos_of(peek()); }
  static Pos pos_of(const Token& t) { return {t.line, t.col}; }
  Pos prev_end() const { return {prev_.end_line, prev_.end_col}; }
  bool at_async_for() { return at(Tok::Async) && kind(1) == Tok::For; }

  // ------------------------------------------------------------ errors
  [[noreturn]] void fail(const std::string& msg, Pos where, std::string_view type = "SyntaxError");
  [[noreturn]] void fail_at_token(const std::string& msg);  // at the current token
  [[noreturn]] void unexpected();  // "invalid syntax" (or "unexpected indent") here
  [[noreturn]] void stray_assignment(const ast::Expr& target);
  [[noreturn]] void walrus_target_error(const ast::Expr& target);
  // Errors CPython's compiler reports (so only for input that parses):
  // remembered, and raised once the whole input has parsed.
  void defer(const std::string& msg, Pos where);
  Pos error_pos();  // the current token's position as CPython reports it

  // ------------------------------------------------------------ depth
  // RAII: one more level of nesting (recursion or a tree level).
  class Nest {
   public:
    explicit Nest(Parser& p) : p_(p) { p_.enter(); }
    ~Nest() { --p_.level_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };
  void enter();
  // Runs `parse` and stores in *height how many levels it went below the
  // current one, so loops that build left-leaning chains can account for them.
  template <class F>
  ExprPtr measured(int* height, F&& parse);
  void grow(int height);  // a subtree of `height` levels now hangs at this level
  [[noreturn]] void too_deep();

  // A node at `start`; finish() records where it ends (the last token read).
  template <class T>
  static std::unique_ptr<T> node(Pos start) {
    auto n = std::make_unique<T>();
    n->pos = start;
    return n;
  }
  template <class T>
  ExprPtr finish(std::unique_ptr<T> n) {
    n->end = prev_end();
    return n;
  }

  // ------------------------------------------------------------ statements (parser.cpp)
  void parse_statement(ast::StmtList& out);
  void parse_simple_statements(ast::StmtList& out);
  ast::StmtPtr parse_simple_statement();
  ast::StmtPtr parse_expression_statement();
  ast::StmtPtr parse_assignment(ExprPtr first, Pos start);
  [[noreturn]] void invalid_assignment(const ast::ExprList& chain);
  ast::StmtPtr parse_return();
  ast::StmtPtr parse_raise();
  ast::StmtPtr parse_global(bool nonlocal);
  ast::StmtPtr parse_del();
  ast::StmtPtr parse_assert();
  ast::StmtPtr parse_import();
  ast::StmtPtr parse_from_import();
  std::string parse_dotted_name();
  ast::StmtPtr parse_if(bool elif);
  ast::StmtPtr parse_while();
  ast::StmtPtr parse_for(Pos start, bool is_async);
  ast::StmtPtr parse_try();
  ast::StmtPtr parse_with(Pos start, bool is_async);
  bool parenthesized_with_items();
  void parse_with_item(ast::With& with);
  ast::StmtPtr parse_decorated();
  ast::StmtPtr parse_function(Pos start, ast::ExprList decorators, bool is_async);
  ast::StmtPtr parse_class(ast::ExprList decorators);
  ast::StmtList parse_block(const char* what, int header_line);
  void expect_colon(bool forced = false);
  void parse_parameters(ast::Arguments& args, bool lambda);

  // ------------------------------------------------------------ expressions (parser_expr.cpp)
  ExprPtr parse_expression(bool check_juxtaposed = true);  // conditional expression or lambda
  ExprPtr parse_named_expression(bool check_assignment = true);
  ExprPtr parse_star_expression();
  ExprPtr parse_star_named_expression();
  ExprPtr parse_star_expressions();  // a, *b, c  (a tuple without parentheses)
  ExprPtr parse_expressions();       // the same without '*' (Eval mode)
  ExprPtr parse_yield();
  ExprPtr parse_lambda();
  ExprPtr parse_binary(int min_prec);
  int infix_precedence();  // of the current token as a binary operator
  ExprPtr parse_prefix(int min_prec);
  ExprPtr parse_primary();
  ExprPtr parse_atom();
  ExprPtr parse_group(Pos open, Tok closer);  // contents of ( ), or of an f-string field
  ExprPtr parse_list_display();
  ExprPtr parse_brace_display();
  ExprPtr parse_dict(Pos open, ExprPtr key, ExprPtr value);
  [[noreturn]] void comprehension_target_error(const ast::Expr& first);
  ExprPtr parse_dict_value();
  ExprPtr parse_slices();
  ExprPtr parse_slice();
  void parse_call_arguments(ast::ExprList& args, std::vector<ast::Keyword>& keywords, Pos open,
                            bool allow_generator);
  std::vector<ast::Comprehension> parse_comprehension();
  ExprPtr parse_target_list();   // for-loop and comprehension targets (Store)
  ExprPtr parse_for_target();    // the same, and the 'in' after it
  ExprPtr parse_target_item();
  ExprPtr parse_strings();
  void append_fstring(ast::ExprList& values, std::string& pending, const std::vector<FStringPiece>& pieces,
                      Pos pos, const Token& literal);
  ExprPtr parse_fstring_field(const FStringPiece& field, Pos pos, const Token& literal);
  void flush_literal(ast::ExprList& values, std::string& pending, Pos pos);
  ExprPtr constant_from_number(const Token& t);
  void check_juxtaposition(const ast::Expr& e);

  // What CPython's grammar would have seen, for error messages.
  bool is_grouped(const ast::Expr& e) const;  // was written in parentheses
  bool is_parenthesized_tuple(const ast::Expr& e) const;
  bool is_bitwise_or(const ast::Expr& e) const;
  bool starts_with_bitwise_or(const ast::Expr& e) const;

  // ------------------------------------------------------------ targets (parser_expr.cpp)
  void set_context(ast::Expr& e, ast::Ctx ctx);
  static const ast::Expr* invalid_target(const ast::Expr& e, ast::Ctx ctx);
  void check_starred_targets(const ast::Expr& e, bool top);

  const SourceText& src_;
  ParseMode mode_;
  Lexer main_lexer_;
  Lexer* lexer_;               // main_lexer_, or the sub-lexer of an f-string field
  // Lookahead: tokens_[head_] is the current token. The buffer is emptied
  // whenever it has been consumed, so it stays small. A reference from
  // peek() is valid only until the next peek(): copy tokens that must last.
  std::vector<Token> tokens_;
  size_t head_ = 0;
  int pinned_ = 0;  // while > 0, consumed tokens are kept so the parser can rewind
  Token prev_;                 // the last token consumed
  int level_ = 0;              // current nesting (see Nest)
  int peak_ = 0;               // deepest level reached in the subtree being measured
  int brackets_ = 0;           // open ( [ { around the current position
  bool in_fstring_ = false;    // parsing an f-string replacement field
  bool speculative_ = false;   // parsing only to read ahead, as CPython's parser would
  bool skip_rest_check_ = false;  // report the error without tokenizing the rest
  int furthest_line_ = 0;      // line of the last token read from the main lexer
  std::optional<SyntaxError> deferred_;
  // Expressions of the current statement that were written in parentheses
  // (CPython's messages depend on it; the AST does not record it).
  std::vector<const ast::Expr*> groups_;

  friend class SubParse;
  friend class BracketScope;
};

// Counts the brackets around the current position: CPython suggests a
// missing comma only inside brackets.
class BracketScope {
 public:
  explicit BracketScope(Parser& p) : p_(p) { ++p_.brackets_; }
  ~BracketScope() { --p_.brackets_; }
  BracketScope(const BracketScope&) = delete;
  BracketScope& operator=(const BracketScope&) = delete;

 private:
  Parser& p_;
};

template <class F>
ExprPtr Parser::measured(int* height, F&& parse) {
  int saved_peak = peak_;
  peak_ = level_;
  ExprPtr e = parse();
  *height = peak_ - level_;
  if (peak_ < saved_peak) peak_ = saved_peak;
  return e;
}

// Names of expressions in messages, as CPython's _PyPegen_get_expr_name.
const char* expr_name(const ast::Expr& e);
// Tokens that can begin an expression.
bool starts_expression(Tok k);
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace lockvm::parser_detail
