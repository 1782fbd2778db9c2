// The abstract syntax tree the parser builds and the compiler walks.
//
// It follows the shape of CPython's `ast` module closely (same node names,
// same fields) so that anyone who knows `ast.dump()` can read it, but it only
// has the nodes lockvm's subset needs. Nodes are plain structs owned through
// std::unique_ptr; a `kind` field lets the compiler switch without RTTI.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lockvm::ast {

struct Pos {
  int line = 0;  // 1-based
  int col = 0;   // 1-based, in characters (code points) of the source line
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  Constant, Name, JoinedStr, FormattedValue, BinOp, UnaryOp, BoolOp, Compare,
  IfExp, Lambda, Call, Attribute, Subscript, Slice, Starred, Tuple, List, Dict,
  Set, ListComp, SetComp, DictComp, GeneratorExp, Yield, YieldFrom, Await,
  NamedExpr,
};

// Where a Name/Attribute/Subscript/Tuple/List/Starred appears.
enum class Ctx : uint8_t { Load, Store, Del };

enum class BinOpKind : uint8_t {
  Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr,
  BitXor, BitAnd,
};
enum class UnaryOpKind : uint8_t { Not, USub, UAdd, Invert };
enum class BoolOpKind : uint8_t { And, Or };
enum class CmpOpKind : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Expr {
  ExprKind kind;
  Pos pos;
  Pos end;  // position just after the node (for carets); may be {0,0}
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

// Literal values. Integers too large for int64 keep their decimal text in
// `text` (kind BigInt) so the compiler can build an arbitrary-precision value.
struct Constant : Expr {
  enum class Type : uint8_t { None, True, False, Ellipsis, Int, BigInt, Float, Str, Bytes };
  Type type = Type::None;
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;  // Str/Bytes payload (UTF-8, escapes already decoded) or BigInt digits
  Constant() : Expr(ExprKind::Constant) {}
};

struct Name : Expr {
  std::string id;
  Ctx ctx = Ctx::Load;
  Name() : Expr(ExprKind::Name) {}
};

// f"..." : values are Constant(Str) and FormattedValue nodes, in order.
struct JoinedStr : Expr {
  ExprList values;
  JoinedStr() : Expr(ExprKind::JoinedStr) {}
};

struct FormattedValue : Expr {
  ExprPtr value;
  char conversion = 0;   // 0, 's', 'r' or 'a'
  ExprPtr format_spec;   // a JoinedStr or nullptr
  FormattedValue() : Expr(ExprKind::FormattedValue) {}
};

struct BinOp : Expr {
  ExprPtr left;
  BinOpKind op{};
  ExprPtr right;
  BinOp() : Expr(ExprKind::BinOp) {}
};

struct UnaryOp : Expr {
  UnaryOpKind op{};
  ExprPtr operand;
  UnaryOp() : Expr(ExprKind::UnaryOp) {}
};

struct BoolOp : Expr {
  BoolOpKind op{};
  ExprList values;  // two or more
  BoolOp() : Expr(ExprKind::BoolOp) {}
};

// a < b <= c  ->  left=a, ops=[Lt, LtE], comparators=[b, c]
struct Compare : Expr {
  ExprPtr left;
  std::vector<CmpOpKind> ops;
  ExprList comparators;
  Compare() : Expr(ExprKind::Compare) {}
};

struct IfExp : Expr {
  ExprPtr test, body, orelse;
  IfExp() : Expr(ExprKind::IfExp) {}
};

struct Arg {
  std::string name;
  Pos pos;
};

struct Arguments {
  std::vector<Arg> posonlyargs;  // before a bare `/`
  std::vector<Arg> args;
  ExprList defaults;             // for the last len(defaults) of posonlyargs+args
  std::unique_ptr<Arg> vararg;   // *args
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;          // one per kwonlyarg; nullptr where none
  std::unique_ptr<Arg> kwarg;    // **kwargs
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

struct Lambda : Expr {
  Arguments args;
  ExprPtr body;
  Lambda() : Expr(ExprKind::Lambda) {}
};

struct Keyword {
  std::string arg;  // empty for **mapping
  ExprPtr value;
  Pos pos;
};

struct Call : Expr {
  ExprPtr func;
  ExprList args;  // may contain Starred
  std::vector<Keyword> keywords;
  Call() : Expr(ExprKind::Call) {}
};

struct Attribute : Expr {
  ExprPtr value;
  std::string attr;
  Ctx ctx = Ctx::Load;
  Attribute() : Expr(ExprKind::Attribute) {}
};

struct Subscript : Expr {
  ExprPtr value;
  ExprPtr slice;  // a Slice node, a Tuple, or any expression
  Ctx ctx = Ctx::Load;
  Subscript() : Expr(ExprKind::Subscript) {}
};

struct Slice : Expr {
  ExprPtr lower, upper, step;  // each may be nullptr
  Slice() : Expr(ExprKind::Slice) {}
};

struct Starred : Expr {
  ExprPtr value;
  Ctx ctx = Ctx::Load;
  Starred() : Expr(ExprKind::Starred) {}
};

struct Tuple : Expr {
  ExprList elts;
  Ctx ctx = Ctx::Load;
  Tuple() : Expr(ExprKind::Tuple) {}
};

struct List : Expr {
  ExprList elts;
  Ctx ctx = Ctx::Load;
  List() : Expr(ExprKind::List) {}
};

// {k: v, **m}: keys[i] is nullptr for a `**m` entry (values[i] is m).
struct Dict : Expr {
  ExprList keys;
  ExprList values;
  Dict() : Expr(ExprKind::Dict) {}
};

struct Set : Expr {
  ExprList elts;
  Set() : Expr(ExprKind::Set) {}
};

struct Comprehension {
  ExprPtr target;  // Store context
  ExprPtr iter;
  ExprList ifs;
  bool is_async = false;
};

struct ListComp : Expr {
  ExprPtr elt;
  std::vector<Comprehension> generators;
  ListComp() : Expr(ExprKind::ListComp) {}
};

struct SetComp : Expr {
  ExprPtr elt;
  std::vector<Comprehension> generators;
  SetComp() : Expr(ExprKind::SetComp) {}
};

struct DictComp : Expr {
  ExprPtr key, value;
  std::vector<Comprehension> generators;
  DictComp() : Expr(ExprKind::DictComp) {}
};

struct GeneratorExp : Expr {
  ExprPtr elt;
  std::vector<Comprehension> generators;
  GeneratorExp() : Expr(ExprKind::GeneratorExp) {}
};

struct Yield : Expr {
  ExprPtr value;  // may be nullptr
  Yield() : Expr(ExprKind::Yield) {}
};

struct YieldFrom : Expr {
  ExprPtr value;
  YieldFrom() : Expr(ExprKind::YieldFrom) {}
};

struct Await : Expr {
  ExprPtr value;
  Await() : Expr(ExprKind::Await) {}
};

// (target := value)
struct NamedExpr : Expr {
  ExprPtr target;  // a Name in Store context
  ExprPtr value;
  NamedExpr() : Expr(ExprKind::NamedExpr) {}
};

// ----------------------------------------------------------------- statements

enum class StmtKind : uint8_t {
  Expr, Assign, AugAssign, AnnAssign, FunctionDef, ClassDef, Return, Delete, If,
  While, For, Break, Continue, Pass, Raise, Try, With, Assert, Import,
  ImportFrom, Global, Nonlocal,
};

struct Stmt {
  StmtKind kind;
  Pos pos;
  explicit Stmt(StmtKind k) : kind(k) {}
  virtual ~Stmt() = default;
};

struct ExprStmt : Stmt {
  ExprPtr value;
  ExprStmt() : Stmt(StmtKind::Expr) {}
};

// a = b = value: targets=[a, b]
struct Assign : Stmt {
  ExprList targets;
  ExprPtr value;
  Assign() : Stmt(StmtKind::Assign) {}
};

struct AugAssign : Stmt {
  ExprPtr target;
  BinOpKind op{};
  ExprPtr value;
  AugAssign() : Stmt(StmtKind::AugAssign) {}
};

// x: int = 3 (the annotation is parsed and ignored by the compiler)
struct AnnAssign : Stmt {
  ExprPtr target;
  ExprPtr annotation;
  ExprPtr value;  // may be nullptr
  AnnAssign() : Stmt(StmtKind::AnnAssign) {}
};

struct FunctionDef : Stmt {
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorator_list;
  bool is_async = false;
  FunctionDef() : Stmt(StmtKind::FunctionDef) {}
};

struct ClassDef : Stmt {
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords;  // e.g. metaclass=...; the compiler rejects these
  StmtList body;
  ExprList decorator_list;
  ClassDef() : Stmt(StmtKind::ClassDef) {}
};

struct Return : Stmt {
  ExprPtr value;  // may be nullptr
  Return() : Stmt(StmtKind::Return) {}
};

struct Delete : Stmt {
  ExprList targets;  // Del context
  Delete() : Stmt(StmtKind::Delete) {}
};

struct If : Stmt {
  ExprPtr test;
  StmtList body, orelse;  // `elif` is an If inside orelse
  If() : Stmt(StmtKind::If) {}
};

struct While : Stmt {
  ExprPtr test;
  StmtList body, orelse;
  While() : Stmt(StmtKind::While) {}
};

struct For : Stmt {
  ExprPtr target, iter;
  StmtList body, orelse;
  bool is_async = false;
  For() : Stmt(StmtKind::For) {}
};

struct Break : Stmt { Break() : Stmt(StmtKind::Break) {} };
struct Continue : Stmt { Continue() : Stmt(StmtKind::Continue) {} };
struct Pass : Stmt { Pass() : Stmt(StmtKind::Pass) {} };

struct Raise : Stmt {
  ExprPtr exc;    // may be nullptr (bare `raise`)
  ExprPtr cause;  // may be nullptr
  Raise() : Stmt(StmtKind::Raise) {}
};

struct ExceptHandler {
  ExprPtr type;  // may be nullptr (bare `except:`)
  std::string name;  // empty when no `as`
  StmtList body;
  Pos pos;
};

struct Try : Stmt {
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse, finalbody;
  Try() : Stmt(StmtKind::Try) {}
};

struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // may be nullptr
};

struct With : Stmt {
  std::vector<WithItem> items;
  StmtList body;
  bool is_async = false;
  With() : Stmt(StmtKind::With) {}
};

struct Assert : Stmt {
  ExprPtr test, msg;  // msg may be nullptr
  Assert() : Stmt(StmtKind::Assert) {}
};

struct Alias {
  std::string name;    // dotted for `import a.b`; "*" for `from m import *`
  std::string asname;  // empty when no `as`
  Pos pos;
};

struct Import : Stmt {
  std::vector<Alias> names;
  Import() : Stmt(StmtKind::Import) {}
};

struct ImportFrom : Stmt {
  std::string module;  // may be empty for `from . import x`
  std::vector<Alias> names;
  int level = 0;       // number of leading dots
  ImportFrom() : Stmt(StmtKind::ImportFrom) {}
};

struct Global : Stmt {
  std::vector<std::string> names;
  Global() : Stmt(StmtKind::Global) {}
};

struct Nonlocal : Stmt {
  std::vector<std::string> names;
  Nonlocal() : Stmt(StmtKind::Nonlocal) {}
};

// A whole file, or one REPL entry.
struct Module {
  StmtList body;
};

// Helpers for the compiler and tests: `as<Constant>(*e)`.
template <class T, class N>
T& as(N& node) { return static_cast<T&>(node); }
template <class T, class N>
const T& as(const N& node) { return static_cast<const T&>(node); }

}  // namespace lockvm::ast
