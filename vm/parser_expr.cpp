// Expressions, assignment targets and f-strings (see parser_impl.hpp).
#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "vm/parser_impl.hpp"

namespace lockvm::parser_detail {

using namespace lockvm::ast;

std::string format(const char* fmt, ...) {
  va_list args, copy;
  va_start(args, fmt);
  va_copy(copy, args);
  int size = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out(size > 0 ? size : 0, '\0');
  std::vsnprintf(out.data(), out.size() + 1, fmt, copy);
  va_end(copy);
  return out;
}

// Switches the parser to the token stream of an f-string replacement field,
// and back when done (also when an error propagates).
class SubParse {
 public:
  SubParse(Parser& p, Lexer& sub)
      : p_(p),
        lexer_(p.lexer_),
        tokens_(std::move(p.tokens_)),
        head_(p.head_),
        prev_(p.prev_),
        brackets_(p.brackets_),
        in_fstring_(p.in_fstring_) {
    p.lexer_ = &sub;
    p.tokens_.clear();
    p.head_ = 0;
    p.brackets_ = 1;  // CPython parses the field as if parenthesized
    p.in_fstring_ = true;
  }
  ~SubParse() {
    p_.lexer_ = lexer_;
    p_.tokens_ = std::move(tokens_);
    p_.head_ = head_;
    p_.prev_ = prev_;
    p_.brackets_ = brackets_;
    p_.in_fstring_ = in_fstring_;
  }
  SubParse(const SubParse&) = delete;
  SubParse& operator=(const SubParse&) = delete;

 private:
  Parser& p_;
  Lexer* lexer_;
  std::vector<Token> tokens_;
  size_t head_;
  Token prev_;
  int brackets_;
  bool in_fstring_;
};

// ----------------------------------------------------------------- helpers

bool starts_expression(Tok k) {
  switch (k) {
    case Tok::Name: case Tok::Number: case Tok::String: case Tok::LParen: case Tok::LSquare:
    case Tok::LBrace: case Tok::Minus: case Tok::Plus: case Tok::Tilde: case Tok::Not:
    case Tok::Lambda: case Tok::Await: case Tok::None: case Tok::True: case Tok::False:
    case Tok::Ellipsis:
      return true;
    default:
      return false;
  }
}

const char* expr_name(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp: case ExprKind::BinOp: case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield: case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr: case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Slice: return "slice";
    case ExprKind::Constant:
      switch (as<Constant>(e).type) {
        case Constant::Type::None: return "None";
        case Constant::Type::True: return "True";
        case Constant::Type::False: return "False";
        case Constant::Type::Ellipsis: return "ellipsis";
        default: return "literal";
      }
  }
  return "expression";
}

bool Parser::is_grouped(const Expr& e) const {
  return std::find(groups_.begin(), groups_.end(), &e) != groups_.end();
}

bool Parser::is_parenthesized_tuple(const Expr& e) const {
  return e.kind == ExprKind::Tuple && (as<Tuple>(e).elts.empty() || is_grouped(e));
}

// Whether `e` could have been parsed by CPython's bitwise_or rule: anything
// but comparisons, not/and/or, lambdas, conditionals, starred and bare yield
// or tuples (unless parenthesized).
bool Parser::is_bitwise_or(const Expr& e) const {
  if (is_grouped(e)) return true;
  switch (e.kind) {
    case ExprKind::Compare: case ExprKind::BoolOp: case ExprKind::Lambda: case ExprKind::IfExp:
    case ExprKind::Starred: case ExprKind::Yield: case ExprKind::YieldFrom: case ExprKind::NamedExpr:
      return false;
    case ExprKind::UnaryOp: return as<UnaryOp>(e).op != UnaryOpKind::Not;
    case ExprKind::Tuple: return is_parenthesized_tuple(e);
    default: return true;
  }
}

// Whether the source of `e` begins with a bitwise_or operand.
bool Parser::starts_with_bitwise_or(const Expr& e) const {
  if (is_bitwise_or(e)) return true;
  switch (e.kind) {
    case ExprKind::Compare: return true;
    case ExprKind::BoolOp: return starts_with_bitwise_or(*as<BoolOp>(e).values[0]);
    case ExprKind::IfExp: return starts_with_bitwise_or(*as<IfExp>(e).body);
    case ExprKind::Tuple: return starts_with_bitwise_or(*as<Tuple>(e).elts[0]);
    default: return false;
  }
}

// CPython's invalid_named_expression: `target = value` where only an
// expression may stand (a condition, a list element...). The current token
// is the '='.
void Parser::stray_assignment(const Expr& target) {
  Token equal = peek();
  // The suggestions apply when a simple value follows, as in `if x = 1:`.
  bool simple_value = false;
  try {
    advance();
    parse_binary(kBitOr);
    simple_value = !at(Tok::Equal) && !at(Tok::ColonEqual);
  } catch (SyntaxError&) {
    if (lexer_->failed()) throw;
  }
  if (simple_value) {
    if (target.kind == ExprKind::Name && !is_grouped(target)) {
      fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", target.pos);
    }
    bool literal_name = target.kind == ExprKind::Constant && as<Constant>(target).type <= Constant::Type::False;
    if (is_bitwise_or(target) && !literal_name && target.kind != ExprKind::List &&
        target.kind != ExprKind::GeneratorExp && target.kind != ExprKind::Tuple) {
      fail(format("cannot assign to %s here. Maybe you meant '==' instead of '='?", expr_name(target)),
           target.pos);
    }
  }
  fail("invalid syntax", pos_of(equal));
}

// After an expression inside brackets, another expression means a missing
// comma (CPython's invalid_expression); `print x` means Python 2.
void Parser::check_juxtaposition(const Expr& e) {
  if (speculative_) return;
  switch (kind()) {
    case Tok::Name: case Tok::Number: case Tok::String: case Tok::LBrace: case Tok::Tilde:
    case Tok::Not: case Tok::Lambda: case Tok::Await: case Tok::None: case Tok::True:
    case Tok::False: case Tok::Ellipsis:
      break;
    default:
      return;
  }
  // No valid program has an expression here. CPython's error rules read on
  // before deciding: they try the second expression (its errors count when
  // the first is a name, as in `print x`), and how far they read matters
  // for "'(' was never closed" (see parse()). Do the same, then rewind.
  Token second = peek();
  bool is_name = e.kind == ExprKind::Name;
  const std::string empty;
  const std::string& id = is_name ? as<Name>(e).id : empty;
  bool legacy = id == "print" || id == "exec";
  bool forgot_comma_rule = brackets_ > 0 && !legacy;
  size_t saved_head = head_;
  Token saved_prev = prev_;
  size_t saved_groups = groups_.size();
  int saved_peak = peak_;
  speculative_ = true;  // no nested juxtaposition checks: one read-ahead at a time
  ++pinned_;
  bool second_parses = true;
  try {
    if (forgot_comma_rule || !is_name) {
      parse_expression();
    } else {
      parse_star_expressions();
    }
  } catch (SyntaxError& error) {
    speculative_ = false;
    --pinned_;
    bool specific = error.msg != "invalid syntax" || error.type != "SyntaxError";
    if (lexer_->failed() || (!forgot_comma_rule && is_name && specific)) throw;
    ++pinned_;
    second_parses = false;
  }
  speculative_ = false;
  --pinned_;
  head_ = saved_head;
  prev_ = saved_prev;
  groups_.resize(saved_groups);
  peak_ = saved_peak;

  if (legacy && second_parses) {
    fail(format("Missing parentheses in call to '%s'. Did you mean %s(...)?", id.c_str(), id.c_str()),
         e.pos);
  }
  // CPython leaves `name "string"` and soft keywords to other rules. The
  // second expression needs to parse only up to its longest valid prefix,
  // so an atom is enough.
  bool excluded = is_name && (second.kind == Tok::String || id == "match" || id == "case" || id == "_");
  bool atom = second.kind != Tok::Not && second.kind != Tok::Tilde && second.kind != Tok::Lambda &&
              second.kind != Tok::Await;
  if (forgot_comma_rule && !excluded && (second_parses || atom)) {
    fail("invalid syntax. Perhaps you forgot a comma?", e.pos);
  }
  // Otherwise the caller reports the token it did not expect.
}

// ------------------------------------------------------------- expressions

ExprPtr Parser::parse_expression(bool check_juxtaposed) {
  Nest nest(*this);
  if (at(Tok::Lambda)) return parse_lambda();
  Pos start = here();  // nodes start at their first token, even a '('
  ExprPtr body = parse_binary(kOr);
  if (!at(Tok::If)) {
    if (check_juxtaposed) check_juxtaposition(*body);
    return body;
  }
  advance();
  auto e = node<IfExp>(start);
  e->test = parse_binary(kOr);
  if (!at(Tok::Else)) {
    if (at(Tok::Colon)) unexpected();
    fail("expected 'else' after 'if' expression", body->pos);
  }
  advance();
  e->body = std::move(body);
  e->orelse = parse_expression();
  return finish(std::move(e));
}

ExprPtr Parser::parse_named_expression(bool check_assignment) {
  if (at(Tok::Name) && kind(1) == Tok::ColonEqual) {
    Nest nest(*this);
    Token name = advance();
    advance();
    auto target = node<Name>(pos_of(name));
    target->id = name.text;
    target->ctx = Ctx::Store;
    target->end = {name.end_line, name.end_col};
    auto e = node<NamedExpr>(pos_of(name));
    e->target = std::move(target);
    e->value = parse_expression();
    return finish(std::move(e));
  }
  ExprPtr e = parse_expression();
  if (at(Tok::ColonEqual)) walrus_target_error(*e);
  if (check_assignment && at(Tok::Equal)) stray_assignment(*e);
  return e;
}

// `target := value` with a target that is not a name: CPython names it if
// the value parses. The current token is the ':='.
void Parser::walrus_target_error(const Expr& target) {
  Token walrus = advance();
  try {
    parse_expression();
  } catch (SyntaxError& e) {
    if (lexer_->failed() || e.msg != "invalid syntax") throw;
    fail("invalid syntax", pos_of(walrus));
  }
  fail(format("cannot use assignment expressions with %s", expr_name(target)), target.pos);
}

ExprPtr Parser::parse_star_expression() {
  if (!at(Tok::Star)) return parse_expression();
  Token star = advance();
  auto e = node<Starred>(pos_of(star));
  e->value = parse_binary(kBitOr);
  return finish(std::move(e));
}

ExprPtr Parser::parse_star_named_expression() {
  if (!at(Tok::Star)) return parse_named_expression();
  Token star = advance();
  auto e = node<Starred>(pos_of(star));
  e->value = parse_binary(kBitOr);
  return finish(std::move(e));
}

ExprPtr Parser::parse_star_expressions() {
  Pos start = here();
  ExprPtr first = parse_star_expression();
  if (!at(Tok::Comma)) return first;
  auto tuple = node<Tuple>(start);
  tuple->elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (!starts_expression(kind()) && !at(Tok::Star)) break;
    tuple->elts.push_back(parse_star_expression());
  }
  return finish(std::move(tuple));
}

ExprPtr Parser::parse_expressions() {
  Pos start = here();
  ExprPtr first = parse_expression();
  if (!at(Tok::Comma)) return first;
  auto tuple = node<Tuple>(start);
  tuple->elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (!starts_expression(kind())) break;
    tuple->elts.push_back(parse_expression());
  }
  return finish(std::move(tuple));
}

ExprPtr Parser::parse_yield() {
  Token keyword = advance();
  if (accept(Tok::From)) {
    auto e = node<YieldFrom>(pos_of(keyword));
    e->value = parse_expression();
    return finish(std::move(e));
  }
  auto e = node<Yield>(pos_of(keyword));
  if (starts_expression(kind()) || at(Tok::Star)) e->value = parse_star_expressions();
  return finish(std::move(e));
}

ExprPtr Parser::parse_lambda() {
  Token keyword = advance();
  auto e = node<Lambda>(pos_of(keyword));
  parse_parameters(e->args, /*lambda=*/true);
  expect(Tok::Colon);
  e->body = parse_expression();
  return finish(std::move(e));
}

namespace {

int infix_precedence(Tok k) {
  switch (k) {
    case Tok::Or: return kOr;
    case Tok::And: return kAnd;
    case Tok::Not: return kCompare;  // if followed by "in": see Parser::infix_precedence
    case Tok::Less: case Tok::Greater: case Tok::EqEqual: case Tok::NotEqual: case Tok::LessEqual:
    case Tok::GreaterEqual: case Tok::In: case Tok::Is:
      return kCompare;
    case Tok::VBar: return kBitOr;
    case Tok::Circumflex: return kBitXor;
    case Tok::Amper: return kBitAnd;
    case Tok::LeftShift: case Tok::RightShift: return kShift;
    case Tok::Plus: case Tok::Minus: return kArith;
    case Tok::Star: case Tok::Slash: case Tok::DoubleSlash: case Tok::Percent: case Tok::At:
      return kTerm;
    case Tok::DoubleStar: return kPower;
    default: return kNoPrec;
  }
}

BinOpKind binary_operator(Tok k) {
  switch (k) {
    case Tok::Plus: return BinOpKind::Add;
    case Tok::Minus: return BinOpKind::Sub;
    case Tok::Star: return BinOpKind::Mult;
    case Tok::At: return BinOpKind::MatMult;
    case Tok::Slash: return BinOpKind::Div;
    case Tok::DoubleSlash: return BinOpKind::FloorDiv;
    case Tok::Percent: return BinOpKind::Mod;
    case Tok::DoubleStar: return BinOpKind::Pow;
    case Tok::LeftShift: return BinOpKind::LShift;
    case Tok::RightShift: return BinOpKind::RShift;
    case Tok::VBar: return BinOpKind::BitOr;
    case Tok::Circumflex: return BinOpKind::BitXor;
    default: return BinOpKind::BitAnd;
  }
}

}  // namespace

int Parser::infix_precedence() {
  Tok k = kind();
  if (k == Tok::Not && kind(1) != Tok::In) return kNoPrec;
  return parser_detail::infix_precedence(k);
}

// Binary operators by precedence climbing: operands bind at least as tightly
// as `min_prec`. Comparisons chain into one Compare node and and/or into one
// BoolOp, as in CPython's AST; ** is right-associative.
ExprPtr Parser::parse_binary(int min_prec) {
  Pos start = here();
  int height = 0;
  ExprPtr left = measured(&height, [&] { return parse_prefix(min_prec); });
  for (;;) {
    int prec = infix_precedence();
    if (prec == kNoPrec || prec < min_prec) return left;
    int h = 0;
    if (prec == kCompare) {
      auto cmp = node<Compare>(start);
      cmp->left = std::move(left);
      while (infix_precedence() == kCompare) {
        Token op = advance();
        CmpOpKind cmp_op;
        switch (op.kind) {
          case Tok::Less: cmp_op = CmpOpKind::Lt; break;
          case Tok::Greater: cmp_op = CmpOpKind::Gt; break;
          case Tok::EqEqual: cmp_op = CmpOpKind::Eq; break;
          case Tok::NotEqual: cmp_op = CmpOpKind::NotEq; break;
          case Tok::LessEqual: cmp_op = CmpOpKind::LtE; break;
          case Tok::GreaterEqual: cmp_op = CmpOpKind::GtE; break;
          case Tok::In: cmp_op = CmpOpKind::In; break;
          case Tok::Not: advance(), cmp_op = CmpOpKind::NotIn; break;
          default: cmp_op = accept(Tok::Not) ? CmpOpKind::IsNot : CmpOpKind::Is; break;
        }
        cmp->ops.push_back(cmp_op);
        cmp->comparators.push_back(measured(&h, [&] { return parse_binary(kBitOr); }));
        height = std::max(height, h);
      }
      left = finish(std::move(cmp));
    } else if (prec == kAnd || prec == kOr) {
      auto op = node<BoolOp>(start);
      op->op = prec == kAnd ? BoolOpKind::And : BoolOpKind::Or;
      op->values.push_back(std::move(left));
      Tok keyword = kind();
      while (accept(keyword)) {
        op->values.push_back(measured(&h, [&] { return parse_binary(prec + 1); }));
        height = std::max(height, h);
      }
      left = finish(std::move(op));
    } else {
      Token t = advance();
      auto op = node<BinOp>(start);
      op->op = binary_operator(t.kind);
      op->left = std::move(left);
      if (prec == kPower) {  // right-associative, and its right operand may be -x
        Nest nest(*this);
        op->right = measured(&h, [&] { return parse_binary(kUnary); });
      } else {
        op->right = measured(&h, [&] { return parse_binary(prec + 1); });
      }
      height = std::max(height, h);
      left = finish(std::move(op));
    }
    grow(++height);
  }
}

// Unary operators. A run of them (`not not x`, `- - ~x`) is read in a loop
// rather than by recursion, to keep the C++ stack shallow.
ExprPtr Parser::parse_prefix(int min_prec) {
  auto unary = [](Tok k, UnaryOpKind* op) {
    switch (k) {
      case Tok::Minus: *op = UnaryOpKind::USub; return true;
      case Tok::Plus: *op = UnaryOpKind::UAdd; return true;
      case Tok::Tilde: *op = UnaryOpKind::Invert; return true;
      default: return false;
    }
  };
  UnaryOpKind op;
  bool is_not = at(Tok::Not);
  if (!is_not && !unary(kind(), &op)) return parse_primary();
  if (is_not && min_prec > kNot) unexpected();  // "a + not b"

  // The operators of the run, outermost first; `not` and the arithmetic
  // ones bind differently, so a run is of one kind.
  struct Leave {  // one nesting level per operator, left on return or error
    Parser& p;
    int n = 0;
    ~Leave() { p.level_ -= n; }
  } leave{*this};
  std::vector<std::pair<Pos, UnaryOpKind>> ops;
  while (is_not ? at(Tok::Not) : unary(kind(), &op)) {
    ops.emplace_back(here(), is_not ? UnaryOpKind::Not : op);
    advance();
    enter();
    ++leave.n;
  }

  ExprPtr e = parse_binary(is_not ? kNot : kUnary);
  for (size_t i = ops.size(); i-- > 0;) {
    auto u = node<UnaryOp>(ops[i].first);
    u->op = ops[i].second;
    u->operand = std::move(e);
    e = finish(std::move(u));
  }
  return e;
}

// An atom with its trailers (.name, (args), [slices]), optionally awaited.
ExprPtr Parser::parse_primary() {
  bool awaited = false;
  Pos await_pos;
  if (at(Tok::Await)) {
    await_pos = here();
    advance();
    awaited = true;
  }
  Pos start = here();
  int height = 0;
  ExprPtr e = measured(&height, [&] { return parse_atom(); });
  for (;;) {
    int h = 0;
    if (at(Tok::Dot)) {
      advance();
      if (!at(Tok::Name)) unexpected();
      Token name = advance();
      auto attr = node<Attribute>(start);
      attr->value = std::move(e);
      attr->attr = name.text;
      e = finish(std::move(attr));
    } else if (at(Tok::LParen)) {
      Token open = advance();
      auto call = node<Call>(start);
      call->func = std::move(e);
      {
        BracketScope brackets(*this);
        measured(&h, [&] {
          parse_call_arguments(call->args, call->keywords, pos_of(open), /*allow_generator=*/true);
          return ExprPtr();
        });
        expect(Tok::RParen);
      }
      e = finish(std::move(call));
    } else if (at(Tok::LSquare)) {
      advance();
      auto sub = node<Subscript>(start);
      sub->value = std::move(e);
      {
        BracketScope brackets(*this);
        sub->slice = measured(&h, [&] { return parse_slices(); });
        expect(Tok::RSquare);
      }
      e = finish(std::move(sub));
    } else {
      break;
    }
    height = std::max(height, h) + 1;
    grow(height);
  }
  if (awaited) {
    auto a = node<Await>(await_pos);
    a->value = std::move(e);
    e = finish(std::move(a));
    grow(height + 1);
  }
  return e;
}

ExprPtr Parser::constant_from_number(const Token& t) {
  NumberLiteral n = decode_number(t.text);
  auto c = node<Constant>(pos_of(t));
  switch (n.type) {
    case NumberLiteral::Type::Int:
      c->type = Constant::Type::Int;
      c->int_value = n.int_value;
      break;
    case NumberLiteral::Type::BigInt:
      c->type = Constant::Type::BigInt;
      c->text = std::move(n.big_digits);
      break;
    case NumberLiteral::Type::Float:
      c->type = Constant::Type::Float;
      c->float_value = n.float_value;
      break;
  }
  return finish(std::move(c));
}

ExprPtr Parser::parse_atom() {
  switch (kind()) {
    case Tok::Name: {
      Token t = advance();
      auto e = node<Name>(pos_of(t));
      e->id = t.text;
      return finish(std::move(e));
    }
    case Tok::Number:
      return constant_from_number(advance());
    case Tok::String:
      return parse_strings();
    case Tok::None: case Tok::True: case Tok::False: case Tok::Ellipsis: {
      Token t = advance();
      auto e = node<Constant>(pos_of(t));
      e->type = t.kind == Tok::None    ? Constant::Type::None
                : t.kind == Tok::True  ? Constant::Type::True
                : t.kind == Tok::False ? Constant::Type::False
                                       : Constant::Type::Ellipsis;
      return finish(std::move(e));
    }
    case Tok::LParen: {
      Token open = advance();
      BracketScope brackets(*this);
      return parse_group(pos_of(open), Tok::RParen);
    }
    case Tok::LSquare:
      return parse_list_display();
    case Tok::LBrace:
      return parse_brace_display();
    default:
      unexpected();
  }
}

// After '(' (or for an f-string field, which CPython parses as if
// parenthesized): (), (yield), (x), (x,), (x, *y), (x for ...).
ExprPtr Parser::parse_group(Pos open, Tok closer) {
  if (at(closer)) {
    advance();
    auto t = node<Tuple>(open);
    return finish(std::move(t));
  }
  if (at(Tok::Yield)) {
    ExprPtr e = parse_yield();
    expect(closer);
    groups_.push_back(e.get());
    return e;
  }
  if (at(Tok::DoubleStar)) {
    Token stars = advance();
    parse_expression();
    if (at(closer)) fail("cannot use double starred expression here", pos_of(stars));
    fail("invalid syntax", pos_of(stars));
  }
  ExprPtr first = parse_star_named_expression();
  if (at(Tok::For) || at_async_for()) {
    if (first->kind == ExprKind::Starred) {
      fail("iterable unpacking cannot be used in comprehension", first->pos);
    }
    auto g = node<GeneratorExp>(open);
    g->elt = std::move(first);
    g->generators = parse_comprehension();
    expect(closer);
    return finish(std::move(g));
  }
  if (at(closer)) {
    if (first->kind == ExprKind::Starred) fail("cannot use starred expression here", first->pos);
    advance();
    groups_.push_back(first.get());
    return first;  // a parenthesized expression keeps its own position, as in CPython
  }
  if (!at(Tok::Comma)) unexpected();
  auto t = node<Tuple>(open);
  t->elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(closer)) break;
    t->elts.push_back(parse_star_named_expression());
  }
  expect(closer);
  groups_.push_back(t.get());
  return finish(std::move(t));
}

ExprPtr Parser::parse_list_display() {
  Token open = advance();
  BracketScope brackets(*this);
  auto list = node<List>(pos_of(open));
  if (accept(Tok::RSquare)) return finish(std::move(list));
  ExprPtr first = parse_star_named_expression();
  if (at(Tok::For) || at_async_for()) {
    if (first->kind == ExprKind::Starred) {
      fail("iterable unpacking cannot be used in comprehension", first->pos);
    }
    auto comp = node<ListComp>(pos_of(open));
    comp->elt = std::move(first);
    comp->generators = parse_comprehension();
    expect(Tok::RSquare);
    return finish(std::move(comp));
  }
  list->elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RSquare) || at(Tok::For) || at_async_for()) break;
    list->elts.push_back(parse_star_named_expression());
  }
  if (at(Tok::For) || at_async_for()) comprehension_target_error(*list->elts[0]);
  expect(Tok::RSquare);
  return finish(std::move(list));
}

// { } : dict, set and their comprehensions.
ExprPtr Parser::parse_brace_display() {
  Token open = advance();
  BracketScope brackets(*this);
  Pos start = pos_of(open);
  if (accept(Tok::RBrace)) {
    auto d = node<Dict>(start);
    return finish(std::move(d));
  }
  if (at(Tok::DoubleStar)) {
    Token stars = advance();
    ExprPtr value = parse_binary(kBitOr);
    if (at(Tok::For) || at_async_for()) {
      fail("dict unpacking cannot be used in dict comprehension", pos_of(stars));
    }
    return parse_dict(start, nullptr, std::move(value));
  }
  ExprPtr first = parse_star_named_expression();
  if (accept(Tok::Colon)) {
    ExprPtr value = parse_dict_value();
    if (at(Tok::For) || at_async_for()) {
      auto comp = node<DictComp>(start);
      comp->key = std::move(first);
      comp->value = std::move(value);
      comp->generators = parse_comprehension();
      expect(Tok::RBrace);
      return finish(std::move(comp));
    }
    return parse_dict(start, std::move(first), std::move(value));
  }
  if (at(Tok::For) || at_async_for()) {
    if (first->kind == ExprKind::Starred) {
      fail("iterable unpacking cannot be used in comprehension", first->pos);
    }
    auto comp = node<SetComp>(start);
    comp->elt = std::move(first);
    comp->generators = parse_comprehension();
    expect(Tok::RBrace);
    return finish(std::move(comp));
  }
  auto set = node<Set>(start);
  set->elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RBrace) || at(Tok::For) || at_async_for()) break;
    set->elts.push_back(parse_star_named_expression());
  }
  if (at(Tok::For) || at_async_for()) comprehension_target_error(*set->elts[0]);
  expect(Tok::RBrace);
  return finish(std::move(set));
}

// [a, b for a, b in c]: CPython blames the target once the clauses parse.
void Parser::comprehension_target_error(const Expr& first) {
  parse_comprehension();
  fail("did you forget parentheses around the comprehension target?", first.pos);
}

// The rest of a dict display after its first entry; `key` is null for **m.
ExprPtr Parser::parse_dict(Pos start, ExprPtr key, ExprPtr value) {
  auto d = node<Dict>(start);
  d->keys.push_back(std::move(key));
  d->values.push_back(std::move(value));
  while (accept(Tok::Comma)) {
    if (at(Tok::RBrace)) break;
    if (accept(Tok::DoubleStar)) {
      d->keys.push_back(nullptr);
      d->values.push_back(parse_binary(kBitOr));
      continue;
    }
    ExprPtr k = parse_expression(/*check_juxtaposed=*/false);
    if (!accept(Tok::Colon)) fail("':' expected after dictionary key", {k->end.line, k->end.col - 1});
    d->keys.push_back(std::move(k));
    d->values.push_back(parse_dict_value());
  }
  expect(Tok::RBrace);
  return finish(std::move(d));
}

ExprPtr Parser::parse_dict_value() {
  if (at(Tok::Star)) fail("cannot use a starred expression in a dictionary value", here());
  if (at(Tok::RBrace) || at(Tok::Comma)) {
    fail("expression expected after dictionary key and ':'", pos_of(prev_));
  }
  return parse_expression();
}

ExprPtr Parser::parse_slices() {
  Pos start = here();
  ExprPtr first = parse_slice();
  // x[*a] is a one-element tuple, as with a trailing comma.
  if (!at(Tok::Comma) && first->kind != ExprKind::Starred) return first;
  auto t = node<Tuple>(start);
  t->elts.push_back(std::move(first));
  while (accept(Tok::Comma)) {
    if (at(Tok::RSquare)) break;
    t->elts.push_back(parse_slice());
  }
  return finish(std::move(t));
}

ExprPtr Parser::parse_slice() {
  if (at(Tok::Star)) {  // x[*a] (PEP 646)
    Token star = advance();
    auto e = node<Starred>(pos_of(star));
    e->value = parse_expression();
    return finish(std::move(e));
  }
  Pos start = here();
  ExprPtr lower;
  if (!at(Tok::Colon)) {
    lower = parse_named_expression();
    if (!at(Tok::Colon)) return lower;
  }
  auto s = node<Slice>(start);
  s->lower = std::move(lower);
  advance();  // ':'
  if (starts_expression(kind())) s->upper = parse_expression();
  if (accept(Tok::Colon) && starts_expression(kind())) s->step = parse_expression();
  return finish(std::move(s));
}

// Call arguments (also class bases), after '(' and up to the ')'.
void Parser::parse_call_arguments(ExprList& args, std::vector<Keyword>& keywords, Pos open,
                                  bool allow_generator) {
  bool seen_keyword = false, seen_double_star = false;
  const char* misplaced_positional = nullptr;  // reported at the end, where CPython does
  while (!at(Tok::RParen)) {
    Pos start = here();
    if (at(Tok::Star)) {
      advance();
      if (seen_double_star) {
        fail("iterable argument unpacking follows keyword argument unpacking", start);
      }
      auto e = node<Starred>(start);
      e->value = parse_expression();
      args.push_back(finish(std::move(e)));
    } else if (at(Tok::DoubleStar)) {
      advance();
      keywords.push_back({"", parse_expression(), start});
      seen_double_star = true;
    } else if (at(Tok::Name) && kind(1) == Tok::Equal) {
      Token name = advance();
      advance();
      ExprPtr value = parse_expression();
      if (at(Tok::For) || at_async_for()) {
        fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", start);
      }
      keywords.push_back({std::string(name.text), std::move(value), start});
      seen_keyword = true;
    } else if ((at(Tok::True) || at(Tok::False) || at(Tok::None)) && kind(1) == Tok::Equal) {
      fail(format("cannot assign to %s", std::string(peek().text).c_str()), start);
    } else {
      ExprPtr e = parse_named_expression(/*check_assignment=*/false);
      if (at(Tok::Equal)) {
        fail("expression cannot contain assignment, perhaps you meant \"==\"?", e->pos);
      }
      if (at(Tok::For) || at_async_for()) {
        // f(x for x in y): a generator expression as the only argument.
        if (!allow_generator) unexpected();
        auto g = node<GeneratorExp>(open);
        Pos elt_pos = e->pos;
        g->elt = std::move(e);
        g->generators = parse_comprehension();
        if (!args.empty() || !keywords.empty() || !at(Tok::RParen)) {
          fail("Generator expression must be parenthesized", elt_pos);
        }
        g->end = {peek().end_line, peek().end_col};  // it spans the call's parentheses
        args.push_back(std::move(g));
        continue;
      }
      if (!misplaced_positional && (seen_keyword || seen_double_star)) {
        misplaced_positional = seen_double_star ? "positional argument follows keyword argument unpacking"
                                                : "positional argument follows keyword argument";
      }
      args.push_back(std::move(e));
    }
    if (!accept(Tok::Comma)) break;
  }
  if (misplaced_positional) fail(misplaced_positional, here());
}

std::vector<Comprehension> Parser::parse_comprehension() {
  std::vector<Comprehension> generators;
  do {
    Comprehension c;
    c.is_async = accept(Tok::Async);
    expect(Tok::For);
    c.target = parse_for_target();
    c.iter = parse_binary(kOr);
    while (accept(Tok::If)) c.ifs.push_back(parse_binary(kOr));
    generators.push_back(std::move(c));
  } while (at(Tok::For) || at_async_for());
  return generators;
}

// ----------------------------------------------------------------- targets

// The target of a for loop or comprehension, and the 'in' after it. When the
// 'in' is missing, CPython reparses the target as an expression list and
// reports what it finds there (such as a missing comma) first.
ExprPtr Parser::parse_for_target() {
  size_t start = head_;
  ++pinned_;
  ExprPtr target;
  try {
    target = parse_target_list();
  } catch (SyntaxError&) {
    --pinned_;
    throw;
  }
  --pinned_;
  if (at(Tok::In)) {
    advance();
    return target;
  }
  Token unexpected_token = peek();
  head_ = start;  // the tokens were kept (pinned)
  parse_star_expressions();
  fail("invalid syntax", pos_of(unexpected_token));
}

ExprPtr Parser::parse_target_item() {
  if (!at(Tok::Star)) return parse_binary(kBitOr);
  Token star = advance();
  auto e = node<Starred>(pos_of(star));
  e->value = parse_binary(kBitOr);
  return finish(std::move(e));
}

// for x, (y, *z) in ...: the target is parsed below the comparisons, so its
// 'in' is left alone.
ExprPtr Parser::parse_target_list() {
  Pos start = here();
  ExprPtr target = parse_target_item();
  if (at(Tok::Comma)) {
    auto t = node<Tuple>(start);
    t->elts.push_back(std::move(target));
    while (accept(Tok::Comma)) {
      if (!starts_expression(kind()) && !at(Tok::Star)) break;
      t->elts.push_back(parse_target_item());
    }
    target = finish(std::move(t));
  }
  set_context(*target, Ctx::Store);
  return target;
}

// The first part of `e` that cannot be assigned to (or deleted), or null.
const Expr* Parser::invalid_target(const Expr& e, Ctx ctx) {
  switch (e.kind) {
    case ExprKind::Name: case ExprKind::Attribute: case ExprKind::Subscript:
      return nullptr;
    case ExprKind::Starred:
      return ctx == Ctx::Del ? &e : invalid_target(*as<Starred>(e).value, ctx);
    case ExprKind::Tuple:
      for (const auto& elt : as<Tuple>(e).elts) {
        if (const Expr* bad = invalid_target(*elt, ctx)) return bad;
      }
      return nullptr;
    case ExprKind::List:
      for (const auto& elt : as<List>(e).elts) {
        if (const Expr* bad = invalid_target(*elt, ctx)) return bad;
      }
      return nullptr;
    default:
      return &e;
  }
}

namespace {

void apply_context(Expr& e, Ctx ctx) {
  switch (e.kind) {
    case ExprKind::Name: as<Name>(e).ctx = ctx; break;
    case ExprKind::Attribute: as<Attribute>(e).ctx = ctx; break;
    case ExprKind::Subscript: as<Subscript>(e).ctx = ctx; break;
    case ExprKind::Starred:
      as<Starred>(e).ctx = ctx;
      apply_context(*as<Starred>(e).value, ctx);
      break;
    case ExprKind::Tuple:
      as<Tuple>(e).ctx = ctx;
      for (auto& elt : as<Tuple>(e).elts) apply_context(*elt, ctx);
      break;
    case ExprKind::List:
      as<List>(e).ctx = ctx;
      for (auto& elt : as<List>(e).elts) apply_context(*elt, ctx);
      break;
    default:
      break;
  }
}

}  // namespace

// The compiler-level rules CPython checks for starred targets.
void Parser::check_starred_targets(const Expr& e, bool top) {
  if (e.kind == ExprKind::Starred) {
    if (top) defer("starred assignment target must be in a list or tuple", e.pos);
    check_starred_targets(*as<Starred>(e).value, true);
    return;
  }
  if (e.kind != ExprKind::Tuple && e.kind != ExprKind::List) return;
  const ExprList& elts = e.kind == ExprKind::Tuple ? as<Tuple>(e).elts : as<List>(e).elts;
  bool starred = false;
  for (const auto& elt : elts) {
    if (elt->kind == ExprKind::Starred) {
      if (starred) defer("multiple starred expressions in assignment", e.pos);
      starred = true;
    }
    check_starred_targets(*elt, false);
  }
}

void Parser::set_context(Expr& e, Ctx ctx) {
  if (const Expr* bad = invalid_target(e, ctx)) {
    fail(format(ctx == Ctx::Del ? "cannot delete %s" : "cannot assign to %s", expr_name(*bad)), bad->pos);
  }
  if (ctx == Ctx::Store) check_starred_targets(e, true);
  apply_context(e, ctx);
}

// ----------------------------------------------------------------- strings

namespace {
void set_piece_ends(ExprList& values, Pos end);
}

// Adjacent string literals, concatenated. Any f-string among them makes the
// whole a JoinedStr; its literal pieces and fields carry the position of the
// first literal, as in CPython 3.11.
ExprPtr Parser::parse_strings() {
  Pos start = here();
  size_t count = 0;
  bool bytes = false, text = false, fstring = false;
  for (; kind(count) == Tok::String; ++count) {
    StringPrefix prefix = string_prefix(peek(count).text);
    (prefix.bytes ? bytes : text) = true;
    fstring |= prefix.fstring;
  }
  if (bytes && text) fail("cannot mix bytes and nonbytes literals", pos_of(peek(count)));
  if (!fstring) {
    auto c = node<Constant>(start);
    c->type = bytes ? Constant::Type::Bytes : Constant::Type::Str;
    c->text = decode_string(src_, advance());
    for (size_t i = 1; i < count; ++i) c->text += decode_string(src_, advance());
    return finish(std::move(c));
  }
  auto joined = node<JoinedStr>(start);
  std::string pending;
  for (size_t i = 0; i < count; ++i) {
    Token t = advance();
    if (string_prefix(t.text).fstring) {
      append_fstring(joined->values, pending, scan_fstring(src_, t), start, t);
    } else {
      pending += decode_string(src_, t);
    }
  }
  flush_literal(joined->values, pending, start);
  ExprPtr result = finish(std::move(joined));
  set_piece_ends(as<JoinedStr>(*result).values, result->end);
  return result;
}

namespace {

// The pieces of an f-string (and of its format specs) span the whole literal.
void set_piece_ends(ExprList& values, Pos end) {
  for (auto& piece : values) {
    piece->end = end;
    if (piece->kind == ExprKind::FormattedValue) {
      // A format spec keeps the span of its own literal (as in CPython 3.11).
      if (auto& spec = as<FormattedValue>(*piece).format_spec) {
        set_piece_ends(as<JoinedStr>(*spec).values, spec->end);
      }
    }
  }
}

}  // namespace

void Parser::flush_literal(ExprList& values, std::string& pending, Pos pos) {
  if (pending.empty()) return;
  auto c = node<Constant>(pos);
  c->type = Constant::Type::Str;
  c->text = std::move(pending);
  pending.clear();
  values.push_back(std::move(c));
}

// `pos` is where the concatenated literal starts; `literal` is the token
// these pieces come from.
void Parser::append_fstring(ExprList& values, std::string& pending,
                            const std::vector<FStringPiece>& pieces, Pos pos, const Token& literal) {
  for (const FStringPiece& piece : pieces) {
    if (!piece.is_field) {
      pending += piece.literal;
      continue;
    }
    flush_literal(values, pending, pos);
    values.push_back(parse_fstring_field(piece, pos, literal));
  }
}

ExprPtr Parser::parse_fstring_field(const FStringPiece& field, Pos pos, const Token& literal) {
  Nest nest(*this);
  auto value = node<FormattedValue>(pos);
  {
    Lexer sub(src_, field.expr_begin, field.expr_end, field.expr_line, field.expr_col,
              Lexer::Mode::FStringExpr);
    SubParse scope(*this, sub);
    try {
      value->value = parse_group({field.expr_line, field.expr_col}, Tok::EndMarker);
    } catch (SyntaxError& e) {
      if (e.msg.rfind("f-string", 0) == 0) throw;
      throw SyntaxError(e.type, "f-string: " + e.msg, e.filename, e.line, e.col, e.text, false);
    }
  }
  value->conversion = field.conversion;
  if (field.has_spec) {
    auto spec = node<JoinedStr>(pos_of(literal));
    spec->end = {literal.end_line, literal.end_col};
    std::string pending;
    append_fstring(spec->values, pending, field.spec, spec->pos, literal);
    flush_literal(spec->values, pending, spec->pos);
    value->format_spec = std::move(spec);
  }
  return value;
}

}  // namespace lockvm::parser_detail
