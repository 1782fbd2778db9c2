// lockvm::parse(): the driver, token handling, errors and statements of the
// recursive-descent parser (expressions are in parser_expr.cpp; the design
// is described in parser_impl.hpp).
#include "vm/parser.hpp"

#include <algorithm>

#include "vm/parser_impl.hpp"

namespace lockvm {
namespace parser_detail {

using namespace lockvm::ast;

Parser::Parser(const SourceText& src, ParseMode mode)
    : src_(src),
      mode_(mode),
      main_lexer_(src, mode == ParseMode::Eval ? Lexer::Mode::Eval : Lexer::Mode::File),
      lexer_(&main_lexer_) {}

Module Parser::parse() {
  Module module;
  try {
    if (mode_ == ParseMode::Eval) {
      auto stmt = std::make_unique<ExprStmt>();
      stmt->pos = here();
      stmt->value = parse_expressions();
      while (accept(Tok::Newline)) {
      }
      if (!at(Tok::EndMarker)) unexpected();
      module.body.push_back(std::move(stmt));
    } else {
      while (!at(Tok::EndMarker)) parse_statement(module.body);
    }
  } catch (SyntaxError&) {
    // Like CPython, tokenize the rest of a file after a parse error: a
    // tokenizer error anywhere takes priority, and so does a bracket still
    // open where the tokenizer stops, if it was opened on a line before the
    // furthest token the parser had read (the likelier culprit). Not for a
    // REPL entry, where more input may yet close the bracket.
    if (mode_ != ParseMode::Interactive && !main_lexer_.failed() && !skip_rest_check_) {
      try {
        while (main_lexer_.next().kind != Tok::EndMarker) {
        }
      } catch (SyntaxError&) {
        if (main_lexer_.error_takes_priority()) throw;
        const auto& open = main_lexer_.open_brackets();
        if (!open.empty() && open.back().line < furthest_line_) {
          src_.error(format("'%c' was never closed", open.back().ch), open.back().line, open.back().col);
        }
      }
    }
    throw;
  }
  if (deferred_) throw *deferred_;
  return module;
}

// ------------------------------------------------------------------ tokens

const Token& Parser::fill(size_t ahead) {
  if (head_ == tokens_.size() && pinned_ == 0) {
    tokens_.clear();
    head_ = 0;
  }
  while (tokens_.size() <= head_ + ahead) {
    tokens_.push_back(lexer_->next());
    if (lexer_ == &main_lexer_) furthest_line_ = tokens_.back().line;
  }
  return tokens_[head_ + ahead];
}

Token Parser::advance() {
  prev_ = peek();
  ++head_;
  return prev_;
}

bool Parser::accept(Tok k) {
  if (!at(k)) return false;
  advance();
  return true;
}

void Parser::expect(Tok k) {
  if (!accept(k)) unexpected();
}

// ------------------------------------------------------------------ errors

void Parser::fail(const std::string& msg, Pos where, std::string_view type) {
  // Failing on a token made up at the end of input means the input stopped
  // too early: the REPL then asks for another line.
  bool incomplete = !in_fstring_ && head_ < tokens_.size() && tokens_[head_].at_eof;
  src_.error(msg, where.line, where.col, type, incomplete);
}

Pos Parser::error_pos() {
  Pos where = here();
  // At an INDENT or DEDENT, CPython points at the last character of the indentation.
  if ((at(Tok::Indent) || at(Tok::Dedent)) && !peek().at_eof) where.col = std::max(1, where.col - 1);
  return where;
}

void Parser::fail_at_token(const std::string& msg) { fail(msg, error_pos()); }

void Parser::defer(const std::string& msg, Pos where) {
  if (!deferred_) {
    deferred_.emplace("SyntaxError", msg, src_.filename(), where.line, where.col,
                      std::string(src_.line_text(where.line)));
  }
}

void Parser::unexpected() {
  Token t = peek();  // a copy: peeking further may move the token buffer
  if ((t.kind == Tok::Indent || t.kind == Tok::Dedent) && !t.at_eof) {
    skip_rest_check_ = true;  // CPython reports these without reading further
    fail(t.kind == Tok::Indent ? "unexpected indent" : "unexpected unindent",
         {t.line, std::max(1, t.col - 1)}, "IndentationError");
  }
  if (t.kind == Tok::Not && kind(1) != Tok::In) {
    // After an operand, CPython looked one token further for "not in".
    switch (prev_.kind) {
      case Tok::Name: case Tok::Number: case Tok::String: case Tok::RParen: case Tok::RSquare:
      case Tok::RBrace: case Tok::None: case Tok::True: case Tok::False: case Tok::Ellipsis:
        fail("invalid syntax", pos_of(peek(1)));
      default:
        break;
    }
  }
  fail("invalid syntax", pos_of(t));
}

// ------------------------------------------------------------------- depth

void Parser::enter() {
  if (level_ >= kMaxDepth) too_deep();
  ++level_;
  peak_ = std::max(peak_, level_);
}

void Parser::grow(int height) {
  if (level_ + height > kMaxDepth) too_deep();
  peak_ = std::max(peak_, level_ + height);
}

void Parser::too_deep() {
  fail(format("too many nested expressions or blocks (the limit is %d levels)", kMaxDepth), here());
}

// -------------------------------------------------------------- statements

void Parser::parse_statement(StmtList& out) {
  groups_.clear();
  switch (kind()) {
    case Tok::If: out.push_back(parse_if(false)); return;
    case Tok::While: out.push_back(parse_while()); return;
    case Tok::For: out.push_back(parse_for(here(), false)); return;
    case Tok::Try: out.push_back(parse_try()); return;
    case Tok::With: out.push_back(parse_with(here(), false)); return;
    case Tok::Def: out.push_back(parse_function(here(), {}, false)); return;
    case Tok::Class: out.push_back(parse_class({})); return;
    case Tok::At: out.push_back(parse_decorated()); return;
    case Tok::Async: {
      Pos start = here();
      advance();
      switch (kind()) {
        case Tok::Def: out.push_back(parse_function(start, {}, true)); return;
        case Tok::For: out.push_back(parse_for(start, true)); return;
        case Tok::With: out.push_back(parse_with(start, true)); return;
        default: unexpected();
      }
    }
    default:
      parse_simple_statements(out);
  }
}

// simple_stmt (';' simple_stmt)* [';'] NEWLINE
void Parser::parse_simple_statements(StmtList& out) {
  for (;;) {
    groups_.clear();
    out.push_back(parse_simple_statement());
    if (!accept(Tok::Semi) || at(Tok::Newline)) break;
  }
  expect(Tok::Newline);
}

namespace {

template <class T>
std::unique_ptr<T> statement(Pos start) {
  auto s = std::make_unique<T>();
  s->pos = start;
  return s;
}

bool augmented_operator(Tok k, BinOpKind* op) {
  switch (k) {
    case Tok::PlusEqual: *op = BinOpKind::Add; return true;
    case Tok::MinusEqual: *op = BinOpKind::Sub; return true;
    case Tok::StarEqual: *op = BinOpKind::Mult; return true;
    case Tok::AtEqual: *op = BinOpKind::MatMult; return true;
    case Tok::SlashEqual: *op = BinOpKind::Div; return true;
    case Tok::DoubleSlashEqual: *op = BinOpKind::FloorDiv; return true;
    case Tok::PercentEqual: *op = BinOpKind::Mod; return true;
    case Tok::DoubleStarEqual: *op = BinOpKind::Pow; return true;
    case Tok::LeftShiftEqual: *op = BinOpKind::LShift; return true;
    case Tok::RightShiftEqual: *op = BinOpKind::RShift; return true;
    case Tok::VBarEqual: *op = BinOpKind::BitOr; return true;
    case Tok::CircumflexEqual: *op = BinOpKind::BitXor; return true;
    case Tok::AmperEqual: *op = BinOpKind::BitAnd; return true;
    default: return false;
  }
}

bool is_simple_target(const Expr& e) {
  return e.kind == ExprKind::Name || e.kind == ExprKind::Attribute || e.kind == ExprKind::Subscript;
}

}  // namespace

StmtPtr Parser::parse_simple_statement() {
  Pos start = here();
  switch (kind()) {
    case Tok::Pass: advance(); return statement<Pass>(start);
    case Tok::Break: advance(); return statement<Break>(start);
    case Tok::Continue: advance(); return statement<Continue>(start);
    case Tok::Return: return parse_return();
    case Tok::Raise: return parse_raise();
    case Tok::Global: return parse_global(false);
    case Tok::Nonlocal: return parse_global(true);
    case Tok::Del: return parse_del();
    case Tok::Assert: return parse_assert();
    case Tok::Import: return parse_import();
    case Tok::From: return parse_from_import();
    default: return parse_expression_statement();
  }
}

// Expression statements and the three kinds of assignment.
StmtPtr Parser::parse_expression_statement() {
  Pos start = here();
  ExprPtr first = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
  if (at(Tok::Equal)) return parse_assignment(std::move(first), start);
  if (at(Tok::ColonEqual) && first->kind != ExprKind::Name) walrus_target_error(*first);

  BinOpKind op;
  if (augmented_operator(kind(), &op)) {
    if (!is_simple_target(*first)) {
      fail(format("'%s' is an illegal expression for augmented assignment", expr_name(*first)), first->pos);
    }
    advance();
    auto s = statement<AugAssign>(start);
    set_context(*first, Ctx::Store);
    s->target = std::move(first);
    s->op = op;
    s->value = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
    return s;
  }

  if (at(Tok::Colon)) {  // x: int = 1
    Token colon = advance();
    auto s = statement<AnnAssign>(start);
    if (is_simple_target(*first)) {
      s->annotation = parse_expression();
    } else {
      // CPython names the problem with the target only when an annotation
      // follows; otherwise the ':' is just unexpected.
      try {
        parse_expression();
      } catch (SyntaxError& e) {
        if (lexer_->failed() || e.msg != "invalid syntax") throw;
        fail("invalid syntax", pos_of(colon));
      }
      if (first->kind == ExprKind::Tuple || first->kind == ExprKind::List) {
        fail(format("only single target (not %s) can be annotated", expr_name(*first)), first->pos);
      }
      fail("illegal target for annotation", first->pos);
    }
    set_context(*first, Ctx::Store);
    s->target = std::move(first);
    if (accept(Tok::Equal)) s->value = at(Tok::Yield) ? parse_yield() : parse_star_expressions();
    return s;
  }

  auto s = statement<ExprStmt>(start);
  s->value = std::move(first);
  return s;
}

// a = b = value
StmtPtr Parser::parse_assignment(ExprPtr first, Pos start) {
  ExprList chain;
  chain.push_back(std::move(first));
  while (accept(Tok::Equal)) {
    try {
      chain.push_back(at(Tok::Yield) ? parse_yield() : parse_star_expressions());
    } catch (SyntaxError& e) {
      // CPython blames an invalid target even when nothing valid follows its '='.
      if (lexer_->failed() || e.msg != "invalid syntax") throw;
      for (const auto& target : chain) {
        if (invalid_target(*target, Ctx::Store)) {
          chain.push_back(nullptr);
          invalid_assignment(chain);
        }
      }
      throw;
    }
  }
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    if (invalid_target(*chain[i], Ctx::Store)) invalid_assignment(chain);
  }
  auto s = statement<Assign>(start);
  s->value = std::move(chain.back());
  chain.pop_back();
  for (auto& target : chain) set_context(*target, Ctx::Store);
  s->targets = std::move(chain);
  return s;
}

// Reports an assignment with an invalid target as CPython does: first its
// invalid_named_expression suggestions about the first '=', then the first
// target that cannot be assigned to.
void Parser::invalid_assignment(const ExprList& chain) {
  const Expr& first = *chain[0];
  const Expr* target = &first;
  if (first.kind == ExprKind::Tuple && !is_parenthesized_tuple(first)) {
    // Only the last element stands right before the '='; none with a trailing comma.
    const auto& elts = as<Tuple>(first).elts;
    const Expr& last = *elts.back();
    target = last.end.line == first.end.line && last.end.col == first.end.col ? &last : nullptr;
  }
  const Expr* value = chain[1].get();  // null when what follows the '=' did not parse
  bool simple_value =
      value && starts_with_bitwise_or(*value) && !(is_bitwise_or(*value) && chain.size() > 2);
  if (target && simple_value) {
    if (target->kind == ExprKind::Name && !is_grouped(*target)) {
      fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", target->pos);
    }
    bool literal_name =
        target->kind == ExprKind::Constant && as<Constant>(*target).type <= Constant::Type::False;
    if (is_bitwise_or(*target) && !literal_name && target->kind != ExprKind::List &&
        target->kind != ExprKind::GeneratorExp && target->kind != ExprKind::Tuple) {
      fail(format("cannot assign to %s here. Maybe you meant '==' instead of '='?", expr_name(*target)),
           target->pos);
    }
  }
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    if (!chain[i]) break;
    const Expr& t = *chain[i];
    if ((t.kind == ExprKind::Yield || t.kind == ExprKind::YieldFrom) && !is_grouped(t)) {
      fail("assignment to yield expression not possible", t.pos);
    }
    if (const Expr* bad = invalid_target(t, Ctx::Store)) {
      fail(format("cannot assign to %s", expr_name(*bad)), bad->pos);
    }
  }
  unexpected();  // not reached: some target was invalid
}

StmtPtr Parser::parse_return() {
  auto s = statement<Return>(here());
  advance();
  if (starts_expression(kind()) || at(Tok::Star)) s->value = parse_star_expressions();
  return s;
}

StmtPtr Parser::parse_raise() {
  auto s = statement<Raise>(here());
  advance();
  if (starts_expression(kind())) {
    s->exc = parse_expression();
    if (accept(Tok::From)) s->cause = parse_expression();
  }
  return s;
}

StmtPtr Parser::parse_global(bool nonlocal) {
  Pos start = here();
  advance();
  std::vector<std::string> names;
  do {
    if (!at(Tok::Name)) unexpected();
    names.emplace_back(advance().text);
  } while (accept(Tok::Comma));
  if (nonlocal) {
    auto s = statement<Nonlocal>(start);
    s->names = std::move(names);
    return s;
  }
  auto s = statement<Global>(start);
  s->names = std::move(names);
  return s;
}

StmtPtr Parser::parse_del() {
  auto s = statement<Delete>(here());
  advance();
  do {
    if (!starts_expression(kind()) && !at(Tok::Star)) {
      if (s->targets.empty()) unexpected();
      break;
    }
    s->targets.push_back(parse_star_expression());
  } while (accept(Tok::Comma));
  for (auto& target : s->targets) set_context(*target, Ctx::Del);
  return s;
}

StmtPtr Parser::parse_assert() {
  auto s = statement<Assert>(here());
  advance();
  s->test = parse_expression();
  if (accept(Tok::Comma)) s->msg = parse_expression();
  return s;
}

std::string Parser::parse_dotted_name() {
  if (!at(Tok::Name)) unexpected();
  std::string name(advance().text);
  while (accept(Tok::Dot)) {
    if (!at(Tok::Name)) unexpected();
    name += '.';
    name += advance().text;
  }
  return name;
}

StmtPtr Parser::parse_import() {
  auto s = statement<Import>(here());
  advance();
  do {
    Alias alias;
    alias.pos = here();
    alias.name = parse_dotted_name();
    if (accept(Tok::As)) {
      if (!at(Tok::Name)) unexpected();
      alias.asname = advance().text;
    }
    s->names.push_back(std::move(alias));
  } while (accept(Tok::Comma));
  return s;
}

StmtPtr Parser::parse_from_import() {
  auto s = statement<ImportFrom>(here());
  advance();
  while (at(Tok::Dot) || at(Tok::Ellipsis)) s->level += advance().kind == Tok::Dot ? 1 : 3;
  if (s->level == 0 || !at(Tok::Import)) s->module = parse_dotted_name();
  expect(Tok::Import);
  if (at(Tok::Star)) {
    s->names.push_back({"*", "", here()});
    advance();
    return s;
  }
  bool parenthesized = accept(Tok::LParen);
  for (;;) {
    if (!at(Tok::Name)) unexpected();
    Alias alias;
    alias.pos = here();
    alias.name = advance().text;
    if (accept(Tok::As)) {
      if (!at(Tok::Name)) unexpected();
      alias.asname = advance().text;
    }
    s->names.push_back(std::move(alias));
    if (!accept(Tok::Comma)) break;
    if (parenthesized && at(Tok::RParen)) break;
    if (!parenthesized && at(Tok::Newline)) {
      fail_at_token("trailing comma not allowed without surrounding parentheses");
    }
  }
  if (parenthesized) expect(Tok::RParen);
  return s;
}

// --------------------------------------------------------- compound statements

void Parser::expect_colon(bool forced) {
  if (accept(Tok::Colon)) return;
  // CPython says "expected ':'" where the header ends early, and after the
  // headers whose grammar rules force the colon (def, try, else, finally).
  if (forced || at(Tok::Newline)) fail_at_token("expected ':'");
  unexpected();
}

// The body after a header's ':': an indented block, or simple statements on
// the same line.
StmtList Parser::parse_block(const char* what, int header_line) {
  Nest nest(*this);
  StmtList body;
  if (!accept(Tok::Newline)) {
    parse_simple_statements(body);
    return body;
  }
  if (!at(Tok::Indent)) {
    fail(format("expected an indented block after %s on line %d", what, header_line), error_pos(),
         "IndentationError");
  }
  advance();
  do {
    parse_statement(body);
  } while (!at(Tok::Dedent) && !at(Tok::EndMarker));
  accept(Tok::Dedent);
  return body;
}

StmtPtr Parser::parse_if(bool elif) {
  Nest nest(*this);  // an elif is an If nested in the orelse of the previous one
  Token keyword = advance();
  auto s = statement<If>(pos_of(keyword));
  s->test = parse_named_expression();
  expect_colon();
  s->body = parse_block(elif ? "'elif' statement" : "'if' statement", keyword.line);
  if (at(Tok::Elif)) {
    s->orelse.push_back(parse_if(true));
  } else if (at(Tok::Else)) {
    Token else_keyword = advance();
    expect_colon(true);
    s->orelse = parse_block("'else' statement", else_keyword.line);
  }
  return s;
}

StmtPtr Parser::parse_while() {
  Token keyword = advance();
  auto s = statement<While>(pos_of(keyword));
  s->test = parse_named_expression();
  expect_colon();
  s->body = parse_block("'while' statement", keyword.line);
  if (at(Tok::Else)) {
    Token else_keyword = advance();
    expect_colon(true);
    s->orelse = parse_block("'else' statement", else_keyword.line);
  }
  return s;
}

StmtPtr Parser::parse_for(Pos start, bool is_async) {
  Token keyword = advance();
  auto s = statement<For>(start);
  s->is_async = is_async;
  s->target = parse_for_target();
  s->iter = parse_star_expressions();
  expect_colon();
  s->body = parse_block("'for' statement", keyword.line);
  if (at(Tok::Else)) {
    Token else_keyword = advance();
    expect_colon(true);
    s->orelse = parse_block("'else' statement", else_keyword.line);
  }
  return s;
}

StmtPtr Parser::parse_try() {
  Token keyword = advance();
  auto s = statement<Try>(pos_of(keyword));
  expect_colon(true);
  s->body = parse_block("'try' statement", keyword.line);
  while (at(Tok::Except)) {
    Token except = advance();
    ExceptHandler handler;
    handler.pos = pos_of(except);
    if (at(Tok::Star)) fail("'except*' (exception groups) is not supported", handler.pos);
    if (!at(Tok::Colon)) {
      if (at(Tok::Newline)) fail_at_token("expected ':'");
      handler.type = parse_expression();
      if (at(Tok::Comma)) fail("multiple exception types must be parenthesized", handler.type->pos);
      if (accept(Tok::As)) {
        if (!at(Tok::Name)) unexpected();
        handler.name = advance().text;
      }
    }
    expect_colon();
    handler.body = parse_block("'except' statement", except.line);
    s->handlers.push_back(std::move(handler));
  }
  if (s->handlers.empty() && !at(Tok::Finally)) fail_at_token("expected 'except' or 'finally' block");
  if (at(Tok::Else)) {
    Token else_keyword = advance();
    expect_colon(true);
    s->orelse = parse_block("'else' statement", else_keyword.line);
  }
  if (at(Tok::Finally)) {
    Token finally = advance();
    expect_colon(true);
    s->finalbody = parse_block("'finally' statement", finally.line);
  }
  // A compiler check in CPython.
  for (size_t i = 0; i + 1 < s->handlers.size(); ++i) {
    if (!s->handlers[i].type) defer("default 'except:' must be last", s->handlers[i].pos);
  }
  return s;
}

// `with (a as b, c):` has items in parentheses, while in `with (a, b) as c:`
// the parentheses belong to an expression. Like CPython, take the first
// reading when the ')' is followed by ':' and the items need it (an 'as' or
// a comma at the top level of the parentheses).
bool Parser::parenthesized_with_items() {
  int depth = 0;
  bool items = false;
  for (size_t i = 0;; ++i) {
    Tok k = kind(i);
    if (k == Tok::LParen || k == Tok::LSquare || k == Tok::LBrace) {
      ++depth;
    } else if (k == Tok::RParen || k == Tok::RSquare || k == Tok::RBrace) {
      if (--depth == 0) return items && kind(i + 1) == Tok::Colon;
    } else if (depth == 1 && (k == Tok::As || k == Tok::Comma)) {
      items = true;
    } else if (k == Tok::EndMarker || k == Tok::Newline) {
      return false;
    }
  }
}

void Parser::parse_with_item(With& with) {
  WithItem item;
  item.context_expr = parse_expression();
  if (accept(Tok::As)) {
    item.optional_vars = parse_target_item();
    set_context(*item.optional_vars, Ctx::Store);
  }
  with.items.push_back(std::move(item));
}

StmtPtr Parser::parse_with(Pos start, bool is_async) {
  Token keyword = advance();
  auto s = statement<With>(start);
  s->is_async = is_async;
  if (at(Tok::LParen) && parenthesized_with_items()) {
    advance();
    BracketScope brackets(*this);
    do {
      if (at(Tok::RParen)) break;
      parse_with_item(*s);
    } while (accept(Tok::Comma));
    expect(Tok::RParen);
  } else {
    do {
      parse_with_item(*s);
    } while (accept(Tok::Comma));
  }
  expect_colon();
  s->body = parse_block("'with' statement", keyword.line);
  return s;
}

StmtPtr Parser::parse_decorated() {
  ExprList decorators;
  while (accept(Tok::At)) {
    decorators.push_back(parse_named_expression());
    expect(Tok::Newline);
  }
  Pos start = here();
  if (at(Tok::Def)) return parse_function(start, std::move(decorators), false);
  if (at(Tok::Class)) return parse_class(std::move(decorators));
  if (at(Tok::Async) && kind(1) == Tok::Def) {
    advance();
    return parse_function(start, std::move(decorators), true);
  }
  unexpected();
}

StmtPtr Parser::parse_function(Pos start, ExprList decorators, bool is_async) {
  Token keyword = advance();
  if (!at(Tok::Name)) unexpected();
  auto s = statement<FunctionDef>(start);
  s->name = advance().text;
  s->is_async = is_async;
  s->decorator_list = std::move(decorators);
  if (!at(Tok::LParen)) fail_at_token("expected '('");
  advance();
  {
    BracketScope brackets(*this);
    parse_parameters(s->args, /*lambda=*/false);
    expect(Tok::RParen);
  }
  if (at(Tok::Arrow)) {  // the return annotation is parsed, not kept
    Token arrow = advance();
    if (!starts_expression(kind())) fail("expected ':'", pos_of(arrow));
    parse_expression();
  }
  expect_colon(true);
  s->body = parse_block("function definition", keyword.line);
  return s;
}

StmtPtr Parser::parse_class(ExprList decorators) {
  Token keyword = advance();
  if (!at(Tok::Name)) unexpected();
  auto s = statement<ClassDef>(pos_of(keyword));
  s->name = advance().text;
  s->decorator_list = std::move(decorators);
  if (at(Tok::LParen)) {
    Token open = advance();
    BracketScope brackets(*this);
    parse_call_arguments(s->bases, s->keywords, pos_of(open), /*allow_generator=*/false);
    expect(Tok::RParen);
  }
  expect_colon();
  s->body = parse_block("class definition", keyword.line);
  return s;
}

// Parameters of a def (up to ')') or a lambda (up to ':'). Annotations are
// parsed and dropped.
void Parser::parse_parameters(Arguments& args, bool lambda) {
  const Tok closer = lambda ? Tok::Colon : Tok::RParen;
  bool seen_slash = false, seen_star = false, seen_kwarg = false, seen_default = false;
  std::vector<std::pair<std::string_view, Pos>> names;  // for the duplicate check

  auto parameter = [&]() {
    Token name = advance();
    names.emplace_back(name.text, pos_of(name));
    if (!lambda && accept(Tok::Colon)) {
      accept(Tok::Star);  // *args: *Ts
      parse_expression();
    }
    return Arg{std::string(name.text), pos_of(name)};
  };

  while (!at(closer)) {
    Pos start = here();
    if (at(Tok::Slash)) {
      if (seen_kwarg) fail("arguments cannot follow var-keyword argument", start);
      if (seen_star) fail("/ must be ahead of *", start);
      if (seen_slash) fail("/ may appear only once", start);
      if (args.args.empty()) fail("at least one argument must precede /", start);
      advance();
      args.posonlyargs = std::move(args.args);
      args.args.clear();
      seen_slash = true;
    } else if (at(Tok::Star)) {
      if (seen_kwarg) fail("arguments cannot follow var-keyword argument", start);
      if (seen_star) fail("* argument may appear only once", start);
      advance();
      seen_star = true;
      if (at(Tok::Name)) {
        args.vararg = std::make_unique<Arg>(parameter());
        if (at(Tok::Equal)) fail("var-positional argument cannot have default value", here());
      } else if (at(closer) || (at(Tok::Comma) && (kind(1) == closer || kind(1) == Tok::DoubleStar))) {
        fail("named arguments must follow bare *", lambda ? here() : start);
      } else if (!at(Tok::Comma)) {
        unexpected();
      }
    } else if (at(Tok::DoubleStar)) {
      if (seen_kwarg) fail("arguments cannot follow var-keyword argument", start);
      advance();
      if (!at(Tok::Name)) unexpected();
      args.kwarg = std::make_unique<Arg>(parameter());
      if (at(Tok::Equal)) fail("var-keyword argument cannot have default value", here());
      seen_kwarg = true;
    } else if (at(Tok::Name)) {
      if (seen_kwarg) fail("arguments cannot follow var-keyword argument", start);
      Arg arg = parameter();
      ExprPtr default_value;
      if (at(Tok::Equal)) {
        Token equal = advance();
        if (at(Tok::Comma) || at(closer)) fail("expected default value expression", pos_of(equal));
        default_value = parse_expression();
      } else if (!seen_star && seen_default && (at(Tok::Comma) || at(closer))) {
        fail("non-default argument follows default argument", start);
      }
      if (seen_star) {
        args.kwonlyargs.push_back(std::move(arg));
        args.kw_defaults.push_back(std::move(default_value));
      } else {
        args.args.push_back(std::move(arg));
        if (default_value) {
          args.defaults.push_back(std::move(default_value));
          seen_default = true;
        }
      }
    } else if (at(Tok::LParen)) {
      fail(lambda ? "Lambda expression parameters cannot be parenthesized"
                  : "Function parameters cannot be parenthesized",
           start);
    } else {
      unexpected();
    }
    if (!accept(Tok::Comma)) break;
  }

  // Report the second occurrence that comes first in the source. Sorting
  // (by name, then position) keeps this linear-logarithmic for huge lists.
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first
                              : std::pair(a.second.line, a.second.col) < std::pair(b.second.line, b.second.col);
  });
  const std::pair<std::string_view, Pos>* duplicate = nullptr;
  for (size_t i = 1; i < names.size(); ++i) {
    if (names[i].first != names[i - 1].first) continue;
    const Pos& p = names[i].second;
    if (!duplicate || std::pair(p.line, p.col) < std::pair(duplicate->second.line, duplicate->second.col)) {
      duplicate = &names[i];
    }
  }
  if (duplicate) {
    defer(format("duplicate argument '%s' in function definition", std::string(duplicate->first).c_str()),
          duplicate->second);
  }
}

}  // namespace parser_detail

ast::Module parse(std::string_view source, std::string_view filename, ParseMode mode) {
  SourceText src(source, filename);
  parser_detail::Parser parser(src, mode);
  return parser.parse();
}

}  // namespace lockvm
