// Parser tests: AST shapes (compared as text, in the style of CPython's
// ast.dump), error messages and positions, the `incomplete` flag, and
// robustness against hostile input.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "vm/ast.hpp"
#include "vm/parser.hpp"

namespace {

using namespace lockvm;
using namespace lockvm::ast;

// ------------------------------------------------------------------ dump()
//
// Renders a tree like Python's ast.dump(): fields in CPython's order, None
// fields left out. With `positions`, each node's name is followed by
// @line:col (expressions also -line:col for their end). Floats print with
// %.17g (plus ".0" when that looks like an integer) and strings escape
// control characters and quotes only, so that a Python script can produce
// the same text from CPython's own ast for comparison.

class Dumper {
 public:
  explicit Dumper(bool positions) : positions_(positions) {}

  std::string module(const Module& m) {
    out_ = "Module(body=";
    stmts(m.body);
    out_ += ")";
    return out_;
  }
  std::string expression(const Expr& e) {
    out_.clear();
    expr(&e);
    return out_;
  }

 private:
  void name(const char* n, Pos p) {
    out_ += n;
    if (positions_) out_ += "@" + std::to_string(p.line) + ":" + std::to_string(p.col);
    out_ += "(";
  }
  void name(const char* n, const Expr& e) {
    name(n, e.pos);
    if (positions_) {
      out_.pop_back();
      out_ += "-" + std::to_string(e.end.line) + ":" + std::to_string(e.end.col) + "(";
    }
  }
  void field(const char* f) {
    if (out_.back() != '(') out_ += ", ";
    out_ += f;
    out_ += "=";
  }
  void str(std::string_view s, bool bytes = false) {
    if (bytes) out_ += 'b';
    out_ += '\'';
    for (unsigned char c : s) {
      if (c == '\\' || c == '\'') {
        out_ += '\\';
        out_ += static_cast<char>(c);
      } else if (c == '\n') {
        out_ += "\\n";
      } else if (c == '\t') {
        out_ += "\\t";
      } else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out_ += buf;
      } else {
        out_ += static_cast<char>(c);
      }
    }
    out_ += '\'';
  }
  void strs(const std::vector<std::string>& v) {
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      str(v[i]);
    }
    out_ += "]";
  }
  void stmts(const StmtList& v) {
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      stmt(*v[i]);
    }
    out_ += "]";
  }
  void exprs(const ExprList& v) {
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      expr(v[i].get());
    }
    out_ += "]";
  }
  void opt(const char* f, const ExprPtr& e) {
    if (!e) return;
    field(f);
    expr(e.get());
  }
  void ctx(Ctx c) {
    field("ctx");
    out_ += c == Ctx::Load ? "Load()" : c == Ctx::Store ? "Store()" : "Del()";
  }
  static const char* binop(BinOpKind op) {
    static const char* names[] = {"Add()",    "Sub()",  "Mult()",   "MatMult()", "Div()",
                                  "FloorDiv()", "Mod()", "Pow()",   "LShift()",  "RShift()",
                                  "BitOr()",  "BitXor()", "BitAnd()"};
    return names[static_cast<int>(op)];
  }
  void arg(const Arg& a) {
    name("arg", a.pos);
    field("arg");
    str(a.name);
    out_ += ")";
  }
  void args(const std::vector<Arg>& v) {
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      arg(v[i]);
    }
    out_ += "]";
  }
  void arguments(const Arguments& a) {
    out_ += "arguments(";
    field("posonlyargs");
    args(a.posonlyargs);
    field("args");
    args(a.args);
    if (a.vararg) {
      field("vararg");
      arg(*a.vararg);
    }
    field("kwonlyargs");
    args(a.kwonlyargs);
    field("kw_defaults");
    out_ += "[";
    for (size_t i = 0; i < a.kw_defaults.size(); ++i) {
      if (i) out_ += ", ";
      if (a.kw_defaults[i]) {
        expr(a.kw_defaults[i].get());
      } else {
        out_ += "None";
      }
    }
    out_ += "]";
    if (a.kwarg) {
      field("kwarg");
      arg(*a.kwarg);
    }
    field("defaults");
    exprs(a.defaults);
    out_ += ")";
  }
  void keywords(const std::vector<Keyword>& v) {
    field("keywords");
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      name("keyword", v[i].pos);
      if (!v[i].arg.empty()) {
        field("arg");
        str(v[i].arg);
      }
      field("value");
      expr(v[i].value.get());
      out_ += ")";
    }
    out_ += "]";
  }
  void generators(const std::vector<Comprehension>& v) {
    field("generators");
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      out_ += "comprehension(";
      field("target");
      expr(v[i].target.get());
      field("iter");
      expr(v[i].iter.get());
      field("ifs");
      exprs(v[i].ifs);
      field("is_async");
      out_ += v[i].is_async ? "1" : "0";
      out_ += ")";
    }
    out_ += "]";
  }
  void aliases(const std::vector<Alias>& v) {
    field("names");
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ", ";
      name("alias", v[i].pos);
      field("name");
      str(v[i].name);
      if (!v[i].asname.empty()) {
        field("asname");
        str(v[i].asname);
      }
      out_ += ")";
    }
    out_ += "]";
  }

  void expr(const Expr* e) {
    switch (e->kind) {
      case ExprKind::Constant: {
        const auto& c = as<Constant>(*e);
        name("Constant", *e);
        field("value");
        switch (c.type) {
          case Constant::Type::None: out_ += "None"; break;
          case Constant::Type::True: out_ += "True"; break;
          case Constant::Type::False: out_ += "False"; break;
          case Constant::Type::Ellipsis: out_ += "Ellipsis"; break;
          case Constant::Type::Int: out_ += std::to_string(c.int_value); break;
          case Constant::Type::BigInt: out_ += c.text; break;
          case Constant::Type::Float: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", c.float_value);
            out_ += buf;
            if (std::string_view(buf).find_first_of(".en") == std::string_view::npos) out_ += ".0";
            break;
          }
          case Constant::Type::Str: str(c.text); break;
          case Constant::Type::Bytes: str(c.text, true); break;
        }
        break;
      }
      case ExprKind::Name:
        name("Name", *e);
        field("id");
        str(as<Name>(*e).id);
        ctx(as<Name>(*e).ctx);
        break;
      case ExprKind::JoinedStr:
        name("JoinedStr", *e);
        field("values");
        exprs(as<JoinedStr>(*e).values);
        break;
      case ExprKind::FormattedValue: {
        const auto& f = as<FormattedValue>(*e);
        name("FormattedValue", *e);
        opt("value", f.value);
        field("conversion");
        out_ += std::to_string(f.conversion ? static_cast<int>(f.conversion) : -1);
        opt("format_spec", f.format_spec);
        break;
      }
      case ExprKind::BinOp: {
        const auto& b = as<BinOp>(*e);
        name("BinOp", *e);
        opt("left", b.left);
        field("op");
        out_ += binop(b.op);
        opt("right", b.right);
        break;
      }
      case ExprKind::UnaryOp: {
        const auto& u = as<UnaryOp>(*e);
        static const char* ops[] = {"Not()", "USub()", "UAdd()", "Invert()"};
        name("UnaryOp", *e);
        field("op");
        out_ += ops[static_cast<int>(u.op)];
        opt("operand", u.operand);
        break;
      }
      case ExprKind::BoolOp:
        name("BoolOp", *e);
        field("op");
        out_ += as<BoolOp>(*e).op == BoolOpKind::And ? "And()" : "Or()";
        field("values");
        exprs(as<BoolOp>(*e).values);
        break;
      case ExprKind::Compare: {
        const auto& c = as<Compare>(*e);
        static const char* ops[] = {"Eq()", "NotEq()", "Lt()", "LtE()", "Gt()",
                                    "GtE()", "Is()",   "IsNot()", "In()", "NotIn()"};
        name("Compare", *e);
        opt("left", c.left);
        field("ops");
        out_ += "[";
        for (size_t i = 0; i < c.ops.size(); ++i) {
          if (i) out_ += ", ";
          out_ += ops[static_cast<int>(c.ops[i])];
        }
        out_ += "]";
        field("comparators");
        exprs(c.comparators);
        break;
      }
      case ExprKind::IfExp: {
        const auto& i = as<IfExp>(*e);
        name("IfExp", *e);
        opt("test", i.test);
        opt("body", i.body);
        opt("orelse", i.orelse);
        break;
      }
      case ExprKind::Lambda:
        name("Lambda", *e);
        field("args");
        arguments(as<Lambda>(*e).args);
        opt("body", as<Lambda>(*e).body);
        break;
      case ExprKind::Call: {
        const auto& c = as<Call>(*e);
        name("Call", *e);
        opt("func", c.func);
        field("args");
        exprs(c.args);
        keywords(c.keywords);
        break;
      }
      case ExprKind::Attribute:
        name("Attribute", *e);
        opt("value", as<Attribute>(*e).value);
        field("attr");
        str(as<Attribute>(*e).attr);
        ctx(as<Attribute>(*e).ctx);
        break;
      case ExprKind::Subscript:
        name("Subscript", *e);
        opt("value", as<Subscript>(*e).value);
        opt("slice", as<Subscript>(*e).slice);
        ctx(as<Subscript>(*e).ctx);
        break;
      case ExprKind::Slice:
        name("Slice", *e);
        opt("lower", as<Slice>(*e).lower);
        opt("upper", as<Slice>(*e).upper);
        opt("step", as<Slice>(*e).step);
        break;
      case ExprKind::Starred:
        name("Starred", *e);
        opt("value", as<Starred>(*e).value);
        ctx(as<Starred>(*e).ctx);
        break;
      case ExprKind::Tuple:
        name("Tuple", *e);
        field("elts");
        exprs(as<Tuple>(*e).elts);
        ctx(as<Tuple>(*e).ctx);
        break;
      case ExprKind::List:
        name("List", *e);
        field("elts");
        exprs(as<List>(*e).elts);
        ctx(as<List>(*e).ctx);
        break;
      case ExprKind::Dict: {
        const auto& d = as<Dict>(*e);
        name("Dict", *e);
        field("keys");
        out_ += "[";
        for (size_t i = 0; i < d.keys.size(); ++i) {
          if (i) out_ += ", ";
          if (d.keys[i]) {
            expr(d.keys[i].get());
          } else {
            out_ += "None";
          }
        }
        out_ += "]";
        field("values");
        exprs(d.values);
        break;
      }
      case ExprKind::Set:
        name("Set", *e);
        field("elts");
        exprs(as<Set>(*e).elts);
        break;
      case ExprKind::ListComp:
        name("ListComp", *e);
        opt("elt", as<ListComp>(*e).elt);
        generators(as<ListComp>(*e).generators);
        break;
      case ExprKind::SetComp:
        name("SetComp", *e);
        opt("elt", as<SetComp>(*e).elt);
        generators(as<SetComp>(*e).generators);
        break;
      case ExprKind::GeneratorExp:
        name("GeneratorExp", *e);
        opt("elt", as<GeneratorExp>(*e).elt);
        generators(as<GeneratorExp>(*e).generators);
        break;
      case ExprKind::DictComp:
        name("DictComp", *e);
        opt("key", as<DictComp>(*e).key);
        opt("value", as<DictComp>(*e).value);
        generators(as<DictComp>(*e).generators);
        break;
      case ExprKind::Yield:
        name("Yield", *e);
        opt("value", as<Yield>(*e).value);
        break;
      case ExprKind::YieldFrom:
        name("YieldFrom", *e);
        opt("value", as<YieldFrom>(*e).value);
        break;
      case ExprKind::Await:
        name("Await", *e);
        opt("value", as<Await>(*e).value);
        break;
      case ExprKind::NamedExpr:
        name("NamedExpr", *e);
        opt("target", as<NamedExpr>(*e).target);
        opt("value", as<NamedExpr>(*e).value);
        break;
    }
    out_ += ")";
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::Expr:
        name("Expr", s.pos);
        opt("value", as<ExprStmt>(s).value);
        break;
      case StmtKind::Assign:
        name("Assign", s.pos);
        field("targets");
        exprs(as<Assign>(s).targets);
        opt("value", as<Assign>(s).value);
        break;
      case StmtKind::AugAssign:
        name("AugAssign", s.pos);
        opt("target", as<AugAssign>(s).target);
        field("op");
        out_ += binop(as<AugAssign>(s).op);
        opt("value", as<AugAssign>(s).value);
        break;
      case StmtKind::AnnAssign:
        name("AnnAssign", s.pos);
        opt("target", as<AnnAssign>(s).target);
        opt("annotation", as<AnnAssign>(s).annotation);
        opt("value", as<AnnAssign>(s).value);
        break;
      case StmtKind::FunctionDef: {
        const auto& f = as<FunctionDef>(s);
        name(f.is_async ? "AsyncFunctionDef" : "FunctionDef", s.pos);
        field("name");
        str(f.name);
        field("args");
        arguments(f.args);
        field("body");
        stmts(f.body);
        field("decorator_list");
        exprs(f.decorator_list);
        break;
      }
      case StmtKind::ClassDef: {
        const auto& c = as<ClassDef>(s);
        name("ClassDef", s.pos);
        field("name");
        str(c.name);
        field("bases");
        exprs(c.bases);
        keywords(c.keywords);
        field("body");
        stmts(c.body);
        field("decorator_list");
        exprs(c.decorator_list);
        break;
      }
      case StmtKind::Return:
        name("Return", s.pos);
        opt("value", as<Return>(s).value);
        break;
      case StmtKind::Delete:
        name("Delete", s.pos);
        field("targets");
        exprs(as<Delete>(s).targets);
        break;
      case StmtKind::If:
      case StmtKind::While: {
        bool is_if = s.kind == StmtKind::If;
        name(is_if ? "If" : "While", s.pos);
        opt("test", is_if ? as<If>(s).test : as<While>(s).test);
        field("body");
        stmts(is_if ? as<If>(s).body : as<While>(s).body);
        field("orelse");
        stmts(is_if ? as<If>(s).orelse : as<While>(s).orelse);
        break;
      }
      case StmtKind::For: {
        const auto& f = as<For>(s);
        name(f.is_async ? "AsyncFor" : "For", s.pos);
        opt("target", f.target);
        opt("iter", f.iter);
        field("body");
        stmts(f.body);
        field("orelse");
        stmts(f.orelse);
        break;
      }
      case StmtKind::Break: name("Break", s.pos); break;
      case StmtKind::Continue: name("Continue", s.pos); break;
      case StmtKind::Pass: name("Pass", s.pos); break;
      case StmtKind::Raise:
        name("Raise", s.pos);
        opt("exc", as<Raise>(s).exc);
        opt("cause", as<Raise>(s).cause);
        break;
      case StmtKind::Try: {
        const auto& t = as<Try>(s);
        name("Try", s.pos);
        field("body");
        stmts(t.body);
        field("handlers");
        out_ += "[";
        for (size_t i = 0; i < t.handlers.size(); ++i) {
          if (i) out_ += ", ";
          name("ExceptHandler", t.handlers[i].pos);
          opt("type", t.handlers[i].type);
          if (!t.handlers[i].name.empty()) {
            field("name");
            str(t.handlers[i].name);
          }
          field("body");
          stmts(t.handlers[i].body);
          out_ += ")";
        }
        out_ += "]";
        field("orelse");
        stmts(t.orelse);
        field("finalbody");
        stmts(t.finalbody);
        break;
      }
      case StmtKind::With: {
        const auto& w = as<With>(s);
        name(w.is_async ? "AsyncWith" : "With", s.pos);
        field("items");
        out_ += "[";
        for (size_t i = 0; i < w.items.size(); ++i) {
          if (i) out_ += ", ";
          out_ += "withitem(";
          opt("context_expr", w.items[i].context_expr);
          opt("optional_vars", w.items[i].optional_vars);
          out_ += ")";
        }
        out_ += "]";
        field("body");
        stmts(w.body);
        break;
      }
      case StmtKind::Assert:
        name("Assert", s.pos);
        opt("test", as<Assert>(s).test);
        opt("msg", as<Assert>(s).msg);
        break;
      case StmtKind::Import:
        name("Import", s.pos);
        aliases(as<Import>(s).names);
        break;
      case StmtKind::ImportFrom: {
        const auto& i = as<ImportFrom>(s);
        name("ImportFrom", s.pos);
        if (!i.module.empty()) {
          field("module");
          str(i.module);
        }
        aliases(i.names);
        field("level");
        out_ += std::to_string(i.level);
        break;
      }
      case StmtKind::Global:
      case StmtKind::Nonlocal:
        name(s.kind == StmtKind::Global ? "Global" : "Nonlocal", s.pos);
        field("names");
        strs(s.kind == StmtKind::Global ? as<Global>(s).names : as<Nonlocal>(s).names);
        break;
    }
    out_ += ")";
  }

  bool positions_;
  std::string out_;
};

[[maybe_unused]] std::string dump(const Module& m, bool positions = false) {
  return Dumper(positions).module(m);
}

}  // namespace

// ---------------------------------------------------------------- helpers

namespace {

std::string parsed(std::string_view src, bool positions = false) {
  return dump(parse(src, "<test>"), positions);
}

// The dump of the single expression in `src` (Eval mode).
std::string expr(std::string_view src, bool positions = false) {
  Module m = parse(src, "<test>", ParseMode::Eval);
  return Dumper(positions).expression(*as<ExprStmt>(*m.body.at(0)).value);
}

struct Error {
  std::string type, msg, text;
  int line = 0, col = 0;
  bool incomplete = false;
};

// The SyntaxError `src` raises (an empty type when it parses).
Error error_of(std::string_view src, ParseMode mode = ParseMode::File) {
  try {
    parse(src, "<test>", mode);
  } catch (const SyntaxError& e) {
    return {e.type, e.msg, e.text, e.line, e.col, e.incomplete};
  }
  return {};
}

// "Type: message @line:col" for compact comparisons.
std::string err(std::string_view src, ParseMode mode = ParseMode::File) {
  Error e = error_of(src, mode);
  if (e.type.empty()) return "no error";
  return e.type + ": " + e.msg + " @" + std::to_string(e.line) + ":" + std::to_string(e.col);
}

// Parses `src`, which must give an AST or a SyntaxError and nothing else.
bool parses_or_fails_cleanly(std::string_view src, ParseMode mode = ParseMode::File) {
  try {
    parse(src, "<fuzz>", mode);
  } catch (const SyntaxError& e) {
    return e.line >= 0 && e.col >= 0;
  }
  return true;
}

double seconds_to_parse(std::string_view src) {
  auto start = std::chrono::steady_clock::now();
  parses_or_fails_cleanly(src);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Sanitizer builds are several times slower; time limits are for optimized builds.
#if defined(LOCKVM_SANITIZER) || defined(__SANITIZE_ADDRESS__)
constexpr double kTimeScale = 10;
#else
constexpr double kTimeScale = 1;
#endif

}  // namespace

// -------------------------------------------------------------- robustness

TEST_CASE("parser: deep nesting is a SyntaxError, not a stack overflow") {
  const size_t n = 1 << 20;  // 1 MB of each
  for (std::string unit : {"(", "[", "{", "-", "+", "~", "not ", "lambda:", "await ", "*", "**",
                           "x if y else ", "f(", "a[", "{1:", "2**", "yield ", "(yield ", "@",
                           "if x:\n", "'''", "f'{", "x.", "x=", "x, ", "*x, ", "x or "}) {
    std::string src;
    src.reserve(n + 8);
    while (src.size() < n) src += unit;
    CAPTURE(unit);
    Error e = error_of(src);
    CHECK(!e.type.empty());
  }
  CHECK(err(std::string(300, '[')) == "SyntaxError: too many nested parentheses @1:201");
  CHECK(err(std::string(300, '(') + std::string(300, ')')) ==
        "SyntaxError: too many nested parentheses @1:201");
  std::string ok = std::string(199, '(') + "x" + std::string(199, ')');
  CHECK(parsed(ok) == "Module(body=[Expr(value=Name(id='x', ctx=Load()))])");
}

TEST_CASE("parser: long chains stay within the depth limit") {
  // CPython compiles chains of 1000 operators; longer ones hit its recursion limit.
  auto chain = [](std::string first, std::string unit, int n) {
    std::string s = first;
    for (int i = 0; i < n; ++i) s += unit;
    return s;
  };
  for (std::string unit : {" + 1", ".a", "()", "[0]", " ** 2", " < 1", " and 1"}) {
    CAPTURE(unit);
    CHECK(parses_or_fails_cleanly(chain("x", unit, 1000)));
    CHECK(error_of(chain("x", unit, 1000)).type.empty());
    if (unit != " < 1" && unit != " and 1") {  // flat nodes: any length is fine
      CHECK(error_of(chain("x", unit, 100000)).msg.find("too many nested") != std::string::npos);
    } else {
      CHECK(error_of(chain("x", unit, 100000)).type.empty());
    }
  }
  // elif chains nest If nodes.
  CHECK(error_of(chain("if x: pass\n", "elif x: pass\n", 1000)).type.empty());
  CHECK(!error_of(chain("if x: pass\n", "elif x: pass\n", 100000)).type.empty());
  // Nested combinations count together.
  std::string mixed;
  for (int i = 0; i < 150; ++i) mixed += "(-x + ";
  mixed += "1" + std::string(150, ')');
  CHECK(error_of(mixed).type.empty());
}

TEST_CASE("parser: random bytes never crash") {
  std::mt19937 rng(12345);
  const std::string alphabet =
      "abcxyz_019 \t\n\n\\'\"#()[]{}:;,.=+-*/%@<>!&|^~`$?fFrRbBuU" "\xc3\xa9\xe2\x82\xac";
  const char* fragments[] = {"if ",  "else", "elif ", "def ", "class ", "lambda", "for ", " in ",
                             "not ", "yield", "await ", "async ", "try:", "except", "finally:",
                             "with ", " as ", "import ", "from ", "return ", "f'{",  "}'",
                             "'''", "\"\"\"", "\n    ", "\n", ":=", "**", "->", "...", "0x",
                             "1e", "1_0", "rb'", "\\\n", "#", "(", ")", "[", "]", "{", "}"};
  for (int i = 0; i < 2000; ++i) {
    std::string src;
    size_t len = rng() % 200;
    switch (i % 3) {
      case 0:  // any bytes
        for (size_t j = 0; j < len; ++j) src += static_cast<char>(rng() & 0xFF);
        break;
      case 1:  // Python-ish characters
        for (size_t j = 0; j < len; ++j) src += alphabet[rng() % alphabet.size()];
        break;
      case 2:  // Python-ish fragments
        for (size_t j = 0; j < len / 4; ++j) src += fragments[rng() % std::size(fragments)];
        break;
    }
    CAPTURE(src);
    for (ParseMode mode : {ParseMode::File, ParseMode::Eval, ParseMode::Interactive}) {
      REQUIRE(parses_or_fails_cleanly(src, mode));
    }
  }
}

TEST_CASE("parser: large inputs are handled in linear time") {
  std::mt19937 rng(777);
  std::string noise(10 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
  CHECK(seconds_to_parse(noise) < 0.5 * kTimeScale);

  // The same amount of printable junk still fails fast.
  std::string junk(10 << 20, ' ');
  for (char& c : junk) c = static_cast<char>(' ' + rng() % 95);
  CHECK(seconds_to_parse(junk) < 0.5 * kTimeScale);

  // 100,000 lines of ordinary code.
  std::string program;
  for (int i = 0; i < 20000; ++i) {
    std::string n = std::to_string(i);
    program += "def f" + n + "(a, b=" + n + ", *args, **kw):\n";
    program += "    x = [a + b * " + n + " for a in range(10) if a % 2]\n";
    program += "    s = f'{x!r:>10} and {b}' + \"text\"\n";
    program += "    return {'k': x, **kw}.get('k', (a, b))[0] if x else None\n";
    program += "\n";
  }
  CHECK(error_of(program).type.empty());
  CHECK(seconds_to_parse(program) < 1.0 * kTimeScale);

  // One very long line.
  std::string line = "x = [";
  for (int i = 0; i < 200000; ++i) line += "a" + std::to_string(i) + ", ";
  line += "]\n";
  CHECK(error_of(line).type.empty());
  CHECK(seconds_to_parse(line) < 1.0 * kTimeScale);

  // Many f-string fields on one long line.
  std::string fields = "x = f'";
  for (int i = 0; i < 100000; ++i) fields += "{a}";
  fields += "'\n";
  CHECK(error_of(fields).type.empty());
  CHECK(seconds_to_parse(fields) < 1.0 * kTimeScale);
}
