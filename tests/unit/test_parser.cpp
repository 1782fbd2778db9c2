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

// The same with positions.
std::string expr_p(std::string_view src) { return expr(src, true); }
std::string parsed_p(std::string_view src) { return parsed(src, true); }

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

// Time to parse `src` (not counting freeing the tree).
double seconds_to_parse(std::string_view src) {
  Module m;
  auto start = std::chrono::steady_clock::now();
  try {
    m = parse(src, "<timed>");
  } catch (const SyntaxError&) {
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}



}  // namespace

// ------------------------------------------------------------ AST shapes
//
// The expected dumps below were produced from CPython 3.11's own ast module
// (rendered the same way as dump()), so they check lockvm against CPython.

TEST_CASE("parser: literals") {
  CHECK(expr("x") ==
        "Name(id='x', ctx=Load())");
  CHECK(expr("é_1") ==
        "Name(id='é_1', ctx=Load())");
  CHECK(expr("0") ==
        "Constant(value=0)");
  CHECK(expr("1_000_000") ==
        "Constant(value=1000000)");
  CHECK(expr("0x_FF") ==
        "Constant(value=255)");
  CHECK(expr("0o17") ==
        "Constant(value=15)");
  CHECK(expr("0B1010") ==
        "Constant(value=10)");
  CHECK(expr("9223372036854775807") ==
        "Constant(value=9223372036854775807)");
  CHECK(expr("9223372036854775808") ==
        "Constant(value=9223372036854775808)");
  CHECK(expr("0xFFFFFFFFFFFFFFFFFFFF") ==
        "Constant(value=1208925819614629174706175)");
  CHECK(expr("0o7777777777777777777777777") ==
        "Constant(value=37778931862957161709567)");
  CHECK(expr("1.5") ==
        "Constant(value=1.5)");
  CHECK(expr("1e10") ==
        "Constant(value=10000000000.0)");
  CHECK(expr(".5") ==
        "Constant(value=0.5)");
  CHECK(expr("5.") ==
        "Constant(value=5.0)");
  CHECK(expr("1_000.0_5e-1_0") ==
        "Constant(value=1.00005e-07)");
  CHECK(expr("1e400") ==
        "Constant(value=inf)");
  CHECK(expr("None") ==
        "Constant(value=None)");
  CHECK(expr("True") ==
        "Constant(value=True)");
  CHECK(expr("False") ==
        "Constant(value=False)");
  CHECK(expr("...") ==
        "Constant(value=Ellipsis)");
  CHECK(expr(R"py('a' "b" '''c''' """d""")py") ==
        "Constant(value='abcd')");
  CHECK(expr(R"py('\n\t\\\'\"\a\b\f\v\r\0')py") ==
        R"py(Constant(value='\n\t\\\'"\x07\x08\x0c\x0b\x0d\x00'))py");
  CHECK(expr(R"py('\x41\101\u00e9\U0001F600\777')py") ==
        "Constant(value='AAé😀ǿ')");
  CHECK(expr(R"py('\q \8')py") ==
        R"py(Constant(value='\\q \\8'))py");
  CHECK(expr("'line\\\ncontinued'") ==
        "Constant(value='linecontinued')");
  CHECK(expr(R"py(r'\n\x41' R'\'' u'x' U'y')py") ==
        R"py(Constant(value='\\n\\x41\\\'xy'))py");
  CHECK(expr(R"py(b'abc\x00\xff\777' rb'\n' Br'x' bR'y')py") ==
        R"py(Constant(value=b'abc\x00\xff\xff\\nxy'))py");
  CHECK(expr("'é😀'") ==
        "Constant(value='é😀')");
  CHECK(expr("'''a\nb'''") ==
        R"py(Constant(value='a\nb'))py");
}

TEST_CASE("parser: operators and precedence") {
  CHECK(expr("a + b * c - d / e // f % g @ h") ==
        "BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=BinOp(left=Name(id='b', ctx=Load()), op=Mult(), right=Name(id='c', ctx=Load()))), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=Div(), right=Name(id='e', ctx=Load())), op=FloorDiv(), right=Name(id='f', ctx=Load())), op=Mod(), right=Name(id='g', ctx=Load())), op=MatMult(), right=Name(id='h', ctx=Load())))");
  CHECK(expr("a | b ^ c & d << e >> f") ==
        "BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), right=Name(id='e', ctx=Load())), op=RShift(), right=Name(id='f', ctx=Load())))))");
  CHECK(expr("-a ** -b") ==
        "UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=Name(id='b', ctx=Load()))))");
  CHECK(expr("2 ** 3 ** 4") ==
        "BinOp(left=Constant(value=2), op=Pow(), right=BinOp(left=Constant(value=3), op=Pow(), right=Constant(value=4)))");
  CHECK(expr("~a + +b - -c") ==
        "BinOp(left=BinOp(left=UnaryOp(op=Invert(), operand=Name(id='a', ctx=Load())), op=Add(), right=UnaryOp(op=UAdd(), operand=Name(id='b', ctx=Load()))), op=Sub(), right=UnaryOp(op=USub(), operand=Name(id='c', ctx=Load())))");
  CHECK(expr("not a == b") ==
        "UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[Eq()], comparators=[Name(id='b', ctx=Load())]))");
  CHECK(expr("a + (b + c)") ==
        "BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=BinOp(left=Name(id='b', ctx=Load()), op=Add(), right=Name(id='c', ctx=Load())))");
  CHECK(expr("(a + b) * c") ==
        "BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Name(id='b', ctx=Load())), op=Mult(), right=Name(id='c', ctx=Load()))");
  CHECK(expr("await x ** 2") ==
        "BinOp(left=Await(value=Name(id='x', ctx=Load())), op=Pow(), right=Constant(value=2))");
  CHECK(expr("a * -b ** c") ==
        "BinOp(left=Name(id='a', ctx=Load()), op=Mult(), right=UnaryOp(op=USub(), operand=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c', ctx=Load()))))");
}

TEST_CASE("parser: comparisons and boolean operators") {
  CHECK(expr("a < b <= c > d >= e == f != g") ==
        "Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), Gt(), GtE(), Eq(), NotEq()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load()), Name(id='g', ctx=Load())])");
  CHECK(expr("a in b not in c is d is not e") ==
        "Compare(left=Name(id='a', ctx=Load()), ops=[In(), NotIn(), Is(), IsNot()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load())])");
  CHECK(expr("a or b or c") ==
        "BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load()), Name(id='c', ctx=Load())])");
  CHECK(expr("a and b or c and d") ==
        "BoolOp(op=Or(), values=[BoolOp(op=And(), values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())]), BoolOp(op=And(), values=[Name(id='c', ctx=Load()), Name(id='d', ctx=Load())])])");
  CHECK(expr("not a and not b") ==
        "BoolOp(op=And(), values=[UnaryOp(op=Not(), operand=Name(id='a', ctx=Load())), UnaryOp(op=Not(), operand=Name(id='b', ctx=Load()))])");
  CHECK(expr("a or (b or c)") ==
        "BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), BoolOp(op=Or(), values=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())])])");
}

TEST_CASE("parser: calls, attributes, subscripts") {
  CHECK(expr("f()") ==
        "Call(func=Name(id='f', ctx=Load()), args=[], keywords=[])");
  CHECK(expr("f(a, b, *c, d=1, *e, **f)") ==
        "Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load()), Starred(value=Name(id='c', ctx=Load()), ctx=Load()), Starred(value=Name(id='e', ctx=Load()), ctx=Load())], keywords=[keyword(arg='d', value=Constant(value=1)), keyword(value=Name(id='f', ctx=Load()))])");
  CHECK(expr("f(x for x in y)") ==
        "Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])], keywords=[])");
  CHECK(expr("f(a)(b)[c].d") ==
        "Attribute(value=Subscript(value=Call(func=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]), args=[Name(id='b', ctx=Load())], keywords=[]), slice=Name(id='c', ctx=Load()), ctx=Load()), attr='d', ctx=Load())");
  CHECK(expr("f(a, b,)") ==
        "Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], keywords=[])");
  CHECK(expr("x[1]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=1), ctx=Load())");
  CHECK(expr("x[1:2]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Slice(lower=Constant(value=1), upper=Constant(value=2)), ctx=Load())");
  CHECK(expr("x[::2]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Slice(step=Constant(value=2)), ctx=Load())");
  CHECK(expr("x[:]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Slice(), ctx=Load())");
  CHECK(expr("x[1:2, ::3]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load())");
  CHECK(expr("x[a, b]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), ctx=Load())");
  CHECK(expr("x[*a]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load())], ctx=Load()), ctx=Load())");
  CHECK(expr("x[a:=1]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=NamedExpr(target=Name(id='a', ctx=Store()), value=Constant(value=1)), ctx=Load())");
  CHECK(expr("x[...]") ==
        "Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=Ellipsis), ctx=Load())");
  CHECK(expr("x.y.z") ==
        "Attribute(value=Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Load()), attr='z', ctx=Load())");
}

TEST_CASE("parser: displays and comprehensions") {
  CHECK(expr("()") ==
        "Tuple(elts=[], ctx=Load())");
  CHECK(expr("(1,)") ==
        "Tuple(elts=[Constant(value=1)], ctx=Load())");
  CHECK(expr("(1, 2, *a)") ==
        "Tuple(elts=[Constant(value=1), Constant(value=2), Starred(value=Name(id='a', ctx=Load()), ctx=Load())], ctx=Load())");
  CHECK(expr("[]") ==
        "List(elts=[], ctx=Load())");
  CHECK(expr("[1, *a, 2,]") ==
        "List(elts=[Constant(value=1), Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Constant(value=2)], ctx=Load())");
  CHECK(expr("{}") ==
        "Dict(keys=[], values=[])");
  CHECK(expr("{1: 2, **a, 3: 4}") ==
        "Dict(keys=[Constant(value=1), None, Constant(value=3)], values=[Constant(value=2), Name(id='a', ctx=Load()), Constant(value=4)])");
  CHECK(expr("{1, *a}") ==
        "Set(elts=[Constant(value=1), Starred(value=Name(id='a', ctx=Load()), ctx=Load())])");
  CHECK(expr("[x for x in y]") ==
        "ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])");
  CHECK(expr("[x for x, y in z if x if y for w in x]") ==
        "ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], ctx=Store()), iter=Name(id='z', ctx=Load()), ifs=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], is_async=0), comprehension(target=Name(id='w', ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)])");
  CHECK(expr("{x for x in y}") ==
        "SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])");
  CHECK(expr("{k: v for k, v in x.items()}") ==
        "DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Call(func=Attribute(value=Name(id='x', ctx=Load()), attr='items', ctx=Load()), args=[], keywords=[]), ifs=[], is_async=0)])");
  CHECK(expr("(x for x in y)") ==
        "GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])");
  CHECK(expr("[x async for x in y]") ==
        "ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=1)])");
  CHECK(expr("[(yield)]") ==
        "List(elts=[Yield()], ctx=Load())");
  CHECK(expr("[i for (i, (j, *k)) in x]") ==
        "ListComp(elt=Name(id='i', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='i', ctx=Store()), Tuple(elts=[Name(id='j', ctx=Store()), Starred(value=Name(id='k', ctx=Store()), ctx=Store())], ctx=Store())], ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)])");
}

TEST_CASE("parser: lambda, conditional, walrus, starred, yield, await") {
  CHECK(expr("lambda: 0") ==
        "Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0))");
  CHECK(expr("lambda a, b=1, *c, d, e=2, **f: 0") ==
        "Lambda(args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], vararg=arg(arg='c'), kwonlyargs=[arg(arg='d'), arg(arg='e')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='f'), defaults=[Constant(value=1)]), body=Constant(value=0))");
  CHECK(expr("lambda a, /, b: 0") ==
        "Lambda(args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0))");
  CHECK(expr("lambda *, a: 0") ==
        "Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a')], kw_defaults=[None], defaults=[]), body=Constant(value=0))");
  CHECK(expr("lambda a=(lambda: 1): a") ==
        "Lambda(args=arguments(posonlyargs=[], args=[arg(arg='a')], kwonlyargs=[], kw_defaults=[], defaults=[Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=1))]), body=Name(id='a', ctx=Load()))");
  CHECK(expr("a if b else c if d else e") ==
        "IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=IfExp(test=Name(id='d', ctx=Load()), body=Name(id='c', ctx=Load()), orelse=Name(id='e', ctx=Load())))");
  CHECK(expr("(a if b else c) if d else e") ==
        "IfExp(test=Name(id='d', ctx=Load()), body=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load())), orelse=Name(id='e', ctx=Load()))");
  CHECK(expr("lambda: a if b else c") ==
        "Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load())))");
  CHECK(expr("(x := 1)") ==
        "NamedExpr(target=Name(id='x', ctx=Store()), value=Constant(value=1))");
  CHECK(expr("[y := f(x), y ** 2]") ==
        "List(elts=[NamedExpr(target=Name(id='y', ctx=Store()), value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[])), BinOp(left=Name(id='y', ctx=Load()), op=Pow(), right=Constant(value=2))], ctx=Load())");
  CHECK(expr("(yield)") ==
        "Yield()");
  CHECK(expr("(yield a, b)") ==
        "Yield(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))");
  CHECK(expr("(yield from a)") ==
        "YieldFrom(value=Name(id='a', ctx=Load()))");
  CHECK(expr("await f()") ==
        "Await(value=Call(func=Name(id='f', ctx=Load()), args=[], keywords=[]))");
}

TEST_CASE("parser: f-strings") {
  CHECK(expr("f'abc'") ==
        "JoinedStr(values=[Constant(value='abc')])");
  CHECK(expr("f''") ==
        "JoinedStr(values=[])");
  CHECK(expr("f'{x}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)])");
  CHECK(expr("f'{x!r} {y!s} {z!a}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value=' '), FormattedValue(value=Name(id='y', ctx=Load()), conversion=115), Constant(value=' '), FormattedValue(value=Name(id='z', ctx=Load()), conversion=97)])");
  CHECK(expr("f'{x:>10}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='>10')]))])");
  CHECK(expr("f'{x:{width}.{precision}}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='width', ctx=Load()), conversion=-1), Constant(value='.'), FormattedValue(value=Name(id='precision', ctx=Load()), conversion=-1)]))])");
  CHECK(expr("f'{{literal}} {x}'") ==
        "JoinedStr(values=[Constant(value='{literal} '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)])");
  CHECK(expr("f'{x=}'") ==
        "JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)])");
  CHECK(expr("f'{x = !s:>4}'") ==
        "JoinedStr(values=[Constant(value='x = '), FormattedValue(value=Name(id='x', ctx=Load()), conversion=115, format_spec=JoinedStr(values=[Constant(value='>4')]))])");
  CHECK(expr("f'{x=:.2f}'") ==
        "JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='.2f')]))])");
  CHECK(expr("f'a{x=}b'") ==
        "JoinedStr(values=[Constant(value='ax='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value='b')])");
  CHECK(expr(R"py(f'{"quoted"}')py") ==
        "JoinedStr(values=[FormattedValue(value=Constant(value='quoted'), conversion=-1)])");
  CHECK(expr("f'''{x\n+ y}'''") ==
        "JoinedStr(values=[FormattedValue(value=BinOp(left=Name(id='x', ctx=Load()), op=Add(), right=Name(id='y', ctx=Load())), conversion=-1)])");
  CHECK(expr("f'{ {1: 2}[1] }'") ==
        "JoinedStr(values=[FormattedValue(value=Subscript(value=Dict(keys=[Constant(value=1)], values=[Constant(value=2)]), slice=Constant(value=1), ctx=Load()), conversion=-1)])");
  CHECK(expr("f'{a, b}'") ==
        "JoinedStr(values=[FormattedValue(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), conversion=-1)])");
  CHECK(expr("f'{x:}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[]))])");
  CHECK(expr(R"py(f'{f"{x}"}')py") ==
        "JoinedStr(values=[FormattedValue(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), conversion=-1)])");
  CHECK(expr("'a' f'b{x}c' 'd'") ==
        "JoinedStr(values=[Constant(value='ab'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='cd')])");
  CHECK(expr("f'{x}' f'{y}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1)])");
  CHECK(expr("'a' f''") ==
        "JoinedStr(values=[Constant(value='a')])");
  CHECK(expr(R"py(f'\n{x}\t')py") ==
        R"py(JoinedStr(values=[Constant(value='\n'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='\t')]))py");
  CHECK(expr(R"py(rf'\n{x}')py") ==
        R"py(JoinedStr(values=[Constant(value='\\n'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))py");
  CHECK(expr("f'{a!=b}'") ==
        "JoinedStr(values=[FormattedValue(value=Compare(left=Name(id='a', ctx=Load()), ops=[NotEq()], comparators=[Name(id='b', ctx=Load())]), conversion=-1)])");
  CHECK(expr("f'{a <= b}'") ==
        "JoinedStr(values=[FormattedValue(value=Compare(left=Name(id='a', ctx=Load()), ops=[LtE()], comparators=[Name(id='b', ctx=Load())]), conversion=-1)])");
  CHECK(expr("f'{(yield)}'") ==
        "JoinedStr(values=[FormattedValue(value=Yield(), conversion=-1)])");
  CHECK(expr("f'{a:=1}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='a', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='=1')]))])");
  CHECK(expr("f'{lambda_: 1}'") ==
        "JoinedStr(values=[FormattedValue(value=Name(id='lambda_', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value=' 1')]))])");
}

TEST_CASE("parser: assignments") {
  CHECK(parsed("x = 1") ==
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])");
  CHECK(parsed("a = b = c = 0") ==
        "Module(body=[Assign(targets=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], value=Constant(value=0))])");
  CHECK(parsed("a, b = b, a") ==
        "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], ctx=Store())], value=Tuple(elts=[Name(id='b', ctx=Load()), Name(id='a', ctx=Load())], ctx=Load()))])");
  CHECK(parsed("[a, (b, c)] = x") ==
        "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Tuple(elts=[Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store())], ctx=Store())], value=Name(id='x', ctx=Load()))])");
  CHECK(parsed("a, *b, c = x") ==
        "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store()), Name(id='c', ctx=Store())], ctx=Store())], value=Name(id='x', ctx=Load()))])");
  CHECK(parsed("[*a] = x") ==
        "Module(body=[Assign(targets=[List(elts=[Starred(value=Name(id='a', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='x', ctx=Load()))])");
  CHECK(parsed("x.y = z[0] = w[1:2] = 3") ==
        "Module(body=[Assign(targets=[Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), Subscript(value=Name(id='z', ctx=Load()), slice=Constant(value=0), ctx=Store()), Subscript(value=Name(id='w', ctx=Load()), slice=Slice(lower=Constant(value=1), upper=Constant(value=2)), ctx=Store())], value=Constant(value=3))])");
  CHECK(parsed("(a) = 1") ==
        "Module(body=[Assign(targets=[Name(id='a', ctx=Store())], value=Constant(value=1))])");
  CHECK(parsed("x = yield") ==
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Yield())])");
  CHECK(parsed("x = yield from y") ==
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=YieldFrom(value=Name(id='y', ctx=Load())))])");
  CHECK(parsed("x = *a, *b") ==
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()))])");
  CHECK(parsed("x: int") ==
        "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()))])");
  CHECK(parsed("x: int = 1") ==
        "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1))])");
  CHECK(parsed("x.y: list[int] = []") ==
        "Module(body=[AnnAssign(target=Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), annotation=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='int', ctx=Load()), ctx=Load()), value=List(elts=[], ctx=Load()))])");
  CHECK(parsed("x[0]: int = 1") ==
        "Module(body=[AnnAssign(target=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=0), ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1))])");
  CHECK(parsed("(x): int = 1") ==
        "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1))])");
  CHECK(parsed("x: tuple = 1, 2") ==
        "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='tuple', ctx=Load()), value=Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))])");
  CHECK(parsed("x += 1\nx -= 1\nx *= 1\nx /= 1\nx //= 1\nx %= 1\nx **= 1\nx @= 1\nx <<= 1\nx >>= 1\nx &= 1\nx ^= 1\nx |= 1") ==
        "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=Sub(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=Mult(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=Div(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=FloorDiv(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=Mod(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=Pow(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=MatMult(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=LShift(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=RShift(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=BitAnd(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=BitXor(), value=Constant(value=1)), AugAssign(target=Name(id='x', ctx=Store()), op=BitOr(), value=Constant(value=1))])");
  CHECK(parsed("x.y += yield") ==
        "Module(body=[AugAssign(target=Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), op=Add(), value=Yield())])");
  CHECK(parsed("x[0] += a, b") ==
        "Module(body=[AugAssign(target=Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=0), ctx=Store()), op=Add(), value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))])");
}

TEST_CASE("parser: simple statements") {
  CHECK(parsed("pass; break; continue") ==
        "Module(body=[Pass(), Break(), Continue()])");
  CHECK(parsed("del a, b.c, d[0], (e, [f])") ==
        "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Attribute(value=Name(id='b', ctx=Load()), attr='c', ctx=Del()), Subscript(value=Name(id='d', ctx=Load()), slice=Constant(value=0), ctx=Del()), Tuple(elts=[Name(id='e', ctx=Del()), List(elts=[Name(id='f', ctx=Del())], ctx=Del())], ctx=Del())])])");
  CHECK(parsed("del (a)") ==
        "Module(body=[Delete(targets=[Name(id='a', ctx=Del())])])");
  CHECK(parsed("return") ==
        "Module(body=[Return()])");
  CHECK(parsed("return a, *b") ==
        "Module(body=[Return(value=Tuple(elts=[Name(id='a', ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()))])");
  CHECK(parsed("raise") ==
        "Module(body=[Raise()])");
  CHECK(parsed("raise X") ==
        "Module(body=[Raise(exc=Name(id='X', ctx=Load()))])");
  CHECK(parsed("raise X from Y") ==
        "Module(body=[Raise(exc=Name(id='X', ctx=Load()), cause=Name(id='Y', ctx=Load()))])");
  CHECK(parsed("global a, b") ==
        "Module(body=[Global(names=['a', 'b'])])");
  CHECK(parsed("nonlocal c") ==
        "Module(body=[Nonlocal(names=['c'])])");
  CHECK(parsed("assert x") ==
        "Module(body=[Assert(test=Name(id='x', ctx=Load()))])");
  CHECK(parsed(R"py(assert x, "message")py") ==
        "Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='message'))])");
  CHECK(parsed("import a") ==
        "Module(body=[Import(names=[alias(name='a')])])");
  CHECK(parsed("import a.b.c as d, e") ==
        "Module(body=[Import(names=[alias(name='a.b.c', asname='d'), alias(name='e')])])");
  CHECK(parsed("from a import b") ==
        "Module(body=[ImportFrom(module='a', names=[alias(name='b')], level=0)])");
  CHECK(parsed("from a.b import c as d, e") ==
        "Module(body=[ImportFrom(module='a.b', names=[alias(name='c', asname='d'), alias(name='e')], level=0)])");
  CHECK(parsed("from a import (b, c,)") ==
        "Module(body=[ImportFrom(module='a', names=[alias(name='b'), alias(name='c')], level=0)])");
  CHECK(parsed("from . import x") ==
        "Module(body=[ImportFrom(names=[alias(name='x')], level=1)])");
  CHECK(parsed("from .. a import b") ==
        "Module(body=[ImportFrom(module='a', names=[alias(name='b')], level=2)])");
  CHECK(parsed("from ...a import b") ==
        "Module(body=[ImportFrom(module='a', names=[alias(name='b')], level=3)])");
  CHECK(parsed("from .... import b") ==
        "Module(body=[ImportFrom(names=[alias(name='b')], level=4)])");
  CHECK(parsed("from m import *") ==
        "Module(body=[ImportFrom(module='m', names=[alias(name='*')], level=0)])");
  CHECK(parsed("x; y;") ==
        "Module(body=[Expr(value=Name(id='x', ctx=Load())), Expr(value=Name(id='y', ctx=Load()))])");
  CHECK(parsed("f(x)") ==
        "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[]))])");
}

TEST_CASE("parser: compound statements") {
  CHECK(parsed("if a:\n    b\nelif c:\n    d\nelif e:\n    f\nelse:\n    g\n") ==
        "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Expr(value=Name(id='b', ctx=Load()))], orelse=[If(test=Name(id='c', ctx=Load()), body=[Expr(value=Name(id='d', ctx=Load()))], orelse=[If(test=Name(id='e', ctx=Load()), body=[Expr(value=Name(id='f', ctx=Load()))], orelse=[Expr(value=Name(id='g', ctx=Load()))])])])])");
  CHECK(parsed("if a: b; c\nelse: d") ==
        "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Expr(value=Name(id='b', ctx=Load())), Expr(value=Name(id='c', ctx=Load()))], orelse=[Expr(value=Name(id='d', ctx=Load()))])])");
  CHECK(parsed("while x:\n    pass\nelse:\n    pass") ==
        "Module(body=[While(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[Pass()])])");
  CHECK(parsed("for i in range(3):\n    continue\nelse:\n    pass") ==
        "Module(body=[For(target=Name(id='i', ctx=Store()), iter=Call(func=Name(id='range', ctx=Load()), args=[Constant(value=3)], keywords=[]), body=[Continue()], orelse=[Pass()])])");
  CHECK(parsed("for i, (a, b) in x: pass") ==
        "Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store()), Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], ctx=Store())], ctx=Store()), iter=Name(id='x', ctx=Load()), body=[Pass()], orelse=[])])");
  CHECK(parsed("for x, in y: pass") ==
        "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store())], ctx=Store()), iter=Name(id='y', ctx=Load()), body=[Pass()], orelse=[])])");
  CHECK(parsed("for x in *a, b: pass") ==
        "Module(body=[For(target=Name(id='x', ctx=Store()), iter=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), body=[Pass()], orelse=[])])");
  CHECK(parsed("try:\n    a\nexcept E:\n    b\nexcept (A, B) as e:\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f\n") ==
        "Module(body=[Try(body=[Expr(value=Name(id='a', ctx=Load()))], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), body=[Expr(value=Name(id='b', ctx=Load()))]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), name='e', body=[Expr(value=Name(id='c', ctx=Load()))]), ExceptHandler(body=[Expr(value=Name(id='d', ctx=Load()))])], orelse=[Expr(value=Name(id='e', ctx=Load()))], finalbody=[Expr(value=Name(id='f', ctx=Load()))])])");
  CHECK(parsed("try:\n    a\nfinally:\n    b\n") ==
        "Module(body=[Try(body=[Expr(value=Name(id='a', ctx=Load()))], handlers=[], orelse=[], finalbody=[Expr(value=Name(id='b', ctx=Load()))])])");
  CHECK(parsed("with a: pass") ==
        "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()))], body=[Pass()])])");
  CHECK(parsed("with a as b, c as (d, e): pass") ==
        "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()), optional_vars=Tuple(elts=[Name(id='d', ctx=Store()), Name(id='e', ctx=Store())], ctx=Store()))], body=[Pass()])])");
  CHECK(parsed("with (a as b, c as d,): pass") ==
        "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()), optional_vars=Name(id='d', ctx=Store()))], body=[Pass()])])");
  CHECK(parsed("with (a, b): pass") ==
        "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load())), withitem(context_expr=Name(id='b', ctx=Load()))], body=[Pass()])])");
  CHECK(parsed("with (a, b) as c: pass") ==
        "Module(body=[With(items=[withitem(context_expr=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), optional_vars=Name(id='c', ctx=Store()))], body=[Pass()])])");
  CHECK(parsed("with (a): pass") ==
        "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()))], body=[Pass()])])");
  CHECK(parsed("with (yield): pass") ==
        "Module(body=[With(items=[withitem(context_expr=Yield())], body=[Pass()])])");
  CHECK(parsed("def f(): pass") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])])");
  CHECK(parsed("def f(a, b=1, *args, c, d=2, **kw): pass") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], vararg=arg(arg='args'), kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=[Pass()], decorator_list=[])])");
  CHECK(parsed("def f(a, /, b, *, c): pass") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], kwonlyargs=[arg(arg='c')], kw_defaults=[None], defaults=[]), body=[Pass()], decorator_list=[])])");
  CHECK(parsed("def f(a=1, /, b=2): pass") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[Constant(value=1), Constant(value=2)]), body=[Pass()], decorator_list=[])])");
  CHECK(parsed(R"py(def f(a: int, *b: str, c: "x" = 1, **d: float) -> None: pass)py") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a')], vararg=arg(arg='b'), kwonlyargs=[arg(arg='c')], kw_defaults=[Constant(value=1)], kwarg=arg(arg='d'), defaults=[]), body=[Pass()], decorator_list=[])])");
  CHECK(parsed("def f(*, a=1, b): pass") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a'), arg(arg='b')], kw_defaults=[Constant(value=1), None], defaults=[]), body=[Pass()], decorator_list=[])])");
  CHECK(parsed("@a\n@b.c(d)\n@e[0] or f\ndef g(): pass") ==
        "Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[Name(id='a', ctx=Load()), Call(func=Attribute(value=Name(id='b', ctx=Load()), attr='c', ctx=Load()), args=[Name(id='d', ctx=Load())], keywords=[]), BoolOp(op=Or(), values=[Subscript(value=Name(id='e', ctx=Load()), slice=Constant(value=0), ctx=Load()), Name(id='f', ctx=Load())])])])");
  CHECK(parsed("@(lambda f: f)\nclass C: pass") ==
        "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[Lambda(args=arguments(posonlyargs=[], args=[arg(arg='f')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Name(id='f', ctx=Load()))])])");
  CHECK(parsed("class C: pass") ==
        "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[])])");
  CHECK(parsed("class C(): pass") ==
        "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[])])");
  CHECK(parsed("class C(A, B, metaclass=M, **kw): pass") ==
        "Module(body=[ClassDef(name='C', bases=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load())), keyword(value=Name(id='kw', ctx=Load()))], body=[Pass()], decorator_list=[])])");
  CHECK(parsed("async def f():\n    await x\n    async for a in b: pass\n    async with c as d: pass\n    return [i async for i in e]") ==
        "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Await(value=Name(id='x', ctx=Load()))), AsyncFor(target=Name(id='a', ctx=Store()), iter=Name(id='b', ctx=Load()), body=[Pass()], orelse=[]), AsyncWith(items=[withitem(context_expr=Name(id='c', ctx=Load()), optional_vars=Name(id='d', ctx=Store()))], body=[Pass()]), Return(value=ListComp(elt=Name(id='i', ctx=Load()), generators=[comprehension(target=Name(id='i', ctx=Store()), iter=Name(id='e', ctx=Load()), ifs=[], is_async=1)]))], decorator_list=[])])");
  CHECK(parsed("@d\nasync def f(): pass") ==
        "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[Name(id='d', ctx=Load())])])");
  CHECK(parsed("def f():\n    x = 1\n\n    # comment\n    return x\n") ==
        "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Return(value=Name(id='x', ctx=Load()))], decorator_list=[])])");
  CHECK(parsed("if x:\n    if y:\n        pass\n    else:\n        pass\n") ==
        "Module(body=[If(test=Name(id='x', ctx=Load()), body=[If(test=Name(id='y', ctx=Load()), body=[Pass()], orelse=[Pass()])], orelse=[])])");
  CHECK(parsed("class C:\n    def m(self):\n        pass\n\n    x = 1\n") ==
        "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[FunctionDef(name='m', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[]), Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], decorator_list=[])])");
}

TEST_CASE("parser: positions follow CPython") {
  CHECK(expr_p("a + b * c") ==
        "BinOp@1:1-1:10(left=Name@1:1-1:2(id='a', ctx=Load()), op=Add(), right=BinOp@1:5-1:10(left=Name@1:5-1:6(id='b', ctx=Load()), op=Mult(), right=Name@1:9-1:10(id='c', ctx=Load())))");
  CHECK(expr_p("(a + b) * c") ==
        "BinOp@1:1-1:12(left=BinOp@1:2-1:7(left=Name@1:2-1:3(id='a', ctx=Load()), op=Add(), right=Name@1:6-1:7(id='b', ctx=Load())), op=Mult(), right=Name@1:11-1:12(id='c', ctx=Load()))");
  CHECK(expr_p("f(x)(y).z[0]") ==
        "Subscript@1:1-1:13(value=Attribute@1:1-1:10(value=Call@1:1-1:8(func=Call@1:1-1:5(func=Name@1:1-1:2(id='f', ctx=Load()), args=[Name@1:3-1:4(id='x', ctx=Load())], keywords=[]), args=[Name@1:6-1:7(id='y', ctx=Load())], keywords=[]), attr='z', ctx=Load()), slice=Constant@1:11-1:12(value=0), ctx=Load())");
  CHECK(expr_p("(a, b)") ==
        "Tuple@1:1-1:7(elts=[Name@1:2-1:3(id='a', ctx=Load()), Name@1:5-1:6(id='b', ctx=Load())], ctx=Load())");
  CHECK(expr_p("a, b") ==
        "Tuple@1:1-1:5(elts=[Name@1:1-1:2(id='a', ctx=Load()), Name@1:4-1:5(id='b', ctx=Load())], ctx=Load())");
  CHECK(expr_p("f(x for x in y)") ==
        "Call@1:1-1:16(func=Name@1:1-1:2(id='f', ctx=Load()), args=[GeneratorExp@1:2-1:16(elt=Name@1:3-1:4(id='x', ctx=Load()), generators=[comprehension(target=Name@1:9-1:10(id='x', ctx=Store()), iter=Name@1:14-1:15(id='y', ctx=Load()), ifs=[], is_async=0)])], keywords=[])");
  CHECK(expr_p("x[1:2, ::3]") ==
        "Subscript@1:1-1:12(value=Name@1:1-1:2(id='x', ctx=Load()), slice=Tuple@1:3-1:11(elts=[Slice@1:3-1:6(lower=Constant@1:3-1:4(value=1), upper=Constant@1:5-1:6(value=2)), Slice@1:8-1:11(step=Constant@1:10-1:11(value=3))], ctx=Load()), ctx=Load())");
  CHECK(expr_p("'é' + 'b'") ==
        "BinOp@1:1-1:10(left=Constant@1:1-1:4(value='é'), op=Add(), right=Constant@1:7-1:10(value='b'))");
  CHECK(expr_p("[\n  1,\n  2,\n]") ==
        "List@1:1-4:2(elts=[Constant@2:3-2:4(value=1), Constant@3:3-3:4(value=2)], ctx=Load())");
  CHECK(expr_p("f(a=1, *b, **c)") ==
        "Call@1:1-1:16(func=Name@1:1-1:2(id='f', ctx=Load()), args=[Starred@1:8-1:10(value=Name@1:9-1:10(id='b', ctx=Load()), ctx=Load())], keywords=[keyword@1:3(arg='a', value=Constant@1:5-1:6(value=1)), keyword@1:12(value=Name@1:14-1:15(id='c', ctx=Load()))])");
  CHECK(expr_p("lambda x: (yield)") ==
        "Lambda@1:1-1:18(args=arguments(posonlyargs=[], args=[arg@1:8(arg='x')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Yield@1:12-1:17())");
  CHECK(parsed_p("if x:\n    y = 1\nelif z:\n    pass") ==
        "Module(body=[If@1:1(test=Name@1:4-1:5(id='x', ctx=Load()), body=[Assign@2:5(targets=[Name@2:5-2:6(id='y', ctx=Store())], value=Constant@2:9-2:10(value=1))], orelse=[If@3:1(test=Name@3:6-3:7(id='z', ctx=Load()), body=[Pass@4:5()], orelse=[])])])");
  CHECK(parsed_p("@dec\ndef f(a, b=1):\n    return a") ==
        "Module(body=[FunctionDef@2:1(name='f', args=arguments(posonlyargs=[], args=[arg@2:7(arg='a'), arg@2:10(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[Constant@2:12-2:13(value=1)]), body=[Return@3:5(value=Name@3:12-3:13(id='a', ctx=Load()))], decorator_list=[Name@1:2-1:5(id='dec', ctx=Load())])])");
  CHECK(parsed_p("async def f():\n    async with a as b:\n        pass") ==
        "Module(body=[AsyncFunctionDef@1:1(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[AsyncWith@2:5(items=[withitem(context_expr=Name@2:16-2:17(id='a', ctx=Load()), optional_vars=Name@2:21-2:22(id='b', ctx=Store()))], body=[Pass@3:9()])], decorator_list=[])])");
  CHECK(parsed_p("import a.b as c\nfrom . import (d as e)") ==
        "Module(body=[Import@1:1(names=[alias@1:8(name='a.b', asname='c')]), ImportFrom@2:1(names=[alias@2:16(name='d', asname='e')], level=1)])");
  CHECK(parsed_p("try:\n    pass\nexcept E as e:\n    pass") ==
        "Module(body=[Try@1:1(body=[Pass@2:5()], handlers=[ExceptHandler@3:1(type=Name@3:8-3:9(id='E', ctx=Load()), name='e', body=[Pass@4:5()])], orelse=[], finalbody=[])])");
  CHECK(parsed_p(R"py(x = f"{a}{b!r:>{w}}")py") ==
        "Module(body=[Assign@1:1(targets=[Name@1:1-1:2(id='x', ctx=Store())], value=JoinedStr@1:5-1:21(values=[FormattedValue@1:5-1:21(value=Name@1:8-1:9(id='a', ctx=Load()), conversion=-1), FormattedValue@1:5-1:21(value=Name@1:11-1:12(id='b', ctx=Load()), conversion=114, format_spec=JoinedStr@1:5-1:21(values=[Constant@1:5-1:21(value='>'), FormattedValue@1:5-1:21(value=Name@1:17-1:18(id='w', ctx=Load()), conversion=-1)]))]))])");
}

// --------------------------------------------------------------- errors
//
// Messages and positions as CPython 3.11 reports them (generated from
// CPython, like the dumps above).

TEST_CASE("parser: syntax errors match CPython") {
// tokenizer
  CHECK(err("x = €") == "SyntaxError: invalid character '€' (U+20AC) @1:5");
  CHECK(err("x€ = 1") == "SyntaxError: invalid character '€' (U+20AC) @1:2");
  CHECK(err("a b") == "SyntaxError: invalid non-printable character U+00A0 @1:2");
  CHECK(err("x = \x01") == "SyntaxError: invalid non-printable character U+0001 @1:5");
  CHECK(err(R"py("abc)py") == "SyntaxError: unterminated string literal (detected at line 1) @1:1");
  CHECK(err("\"\"\"abc\n\n") == "SyntaxError: unterminated triple-quoted string literal (detected at line 2) @1:1");
  CHECK(err("'abc\n'") == "SyntaxError: unterminated string literal (detected at line 1) @1:1");
  CHECK(err("foo(\n") == "SyntaxError: '(' was never closed @1:4");
  CHECK(err("foo)") == "SyntaxError: unmatched ')' @1:4");
  CHECK(err("(]") == "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:2");
  CHECK(err("(\n]") == "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 @2:1");
  CHECK(err("x = [1,\n 2") == "SyntaxError: '[' was never closed @1:5");
  CHECK(err("x = 1e") == "SyntaxError: invalid decimal literal @1:5");
  CHECK(err("x = 0x") == "SyntaxError: invalid hexadecimal literal @1:6");
  CHECK(err("1_000_") == "SyntaxError: invalid decimal literal @1:6");
  CHECK(err("1__0") == "SyntaxError: invalid decimal literal @1:2");
  CHECK(err("0777") == "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:1");
  CHECK(err("0_7") == "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:1");
  CHECK(err("0o78") == "SyntaxError: invalid digit '8' in octal literal @1:4");
  CHECK(err("0b102") == "SyntaxError: invalid digit '2' in binary literal @1:5");
  CHECK(err("0x1g") == "SyntaxError: invalid hexadecimal literal @1:3");
  CHECK(err("1e+") == "SyntaxError: invalid decimal literal @1:3");
  CHECK(err("x = 1abc") == "SyntaxError: invalid decimal literal @1:5");
  CHECK(err(R"py(x = \)py") == "SyntaxError: unexpected EOF while parsing @1:6");
  CHECK(err("x = 1 \\\n") == "SyntaxError: unexpected EOF while parsing @1:8");
  CHECK(err(R"py(x \ y)py") == "SyntaxError: unexpected character after line continuation character @1:4");
  CHECK(err(R"py(x = "\x4")py") == R"py(SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape @1:10)py");
  CHECK(err(R"py(x = "ab\u12")py") == R"py(SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-5: truncated \uXXXX escape @1:13)py");
  CHECK(err(R"py(x = "\U00110000")py") == "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character @1:17");
  CHECK(err(R"py(x = b"\x4")py") == R"py(SyntaxError: (value error) invalid \x escape at position 0 @1:11)py");
  CHECK(err(R"py(x = b"é")py") == "SyntaxError: bytes can only contain ASCII literal characters @1:5");
  CHECK(err(R"py(u"\N")py") == R"py(SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \N character escape @1:6)py");
  CHECK(err(R"py(x = b"a" "b")py") == "SyntaxError: cannot mix bytes and nonbytes literals @1:13");
// indentation
  CHECK(err("  x") == "IndentationError: unexpected indent @1:2");
  CHECK(err("x = 1\n    y = 2") == "IndentationError: unexpected indent @2:4");
  CHECK(err("if x:\n    a\n  b\n") == "IndentationError: unindent does not match any outer indentation level @3:4");
  CHECK(err("if x:\n\tif y:\n        a\n\t  b") == "TabError: inconsistent use of tabs and spaces in indentation @3:1");
  CHECK(err("if x:\n        a\n\tb") == "TabError: inconsistent use of tabs and spaces in indentation @3:1");
  CHECK(err("if x:\n") == "IndentationError: expected an indented block after 'if' statement on line 1 @1:6");
  CHECK(err("if x:\npass") == "IndentationError: expected an indented block after 'if' statement on line 1 @2:1");
  CHECK(err("if x:\n  pass\nelif y:\npass") == "IndentationError: expected an indented block after 'elif' statement on line 3 @4:1");
  CHECK(err("if x:\n  pass\nelse:\npass") == "IndentationError: expected an indented block after 'else' statement on line 3 @4:1");
  CHECK(err("while x:\npass") == "IndentationError: expected an indented block after 'while' statement on line 1 @2:1");
  CHECK(err("for x in y:\npass") == "IndentationError: expected an indented block after 'for' statement on line 1 @2:1");
  CHECK(err("with x:\npass") == "IndentationError: expected an indented block after 'with' statement on line 1 @2:1");
  CHECK(err("try:\npass") == "IndentationError: expected an indented block after 'try' statement on line 1 @2:1");
  CHECK(err("try:\n  pass\nexcept:\npass") == "IndentationError: expected an indented block after 'except' statement on line 3 @4:1");
  CHECK(err("try:\n  pass\nfinally:\npass") == "IndentationError: expected an indented block after 'finally' statement on line 3 @4:1");
  CHECK(err("class A:\npass") == "IndentationError: expected an indented block after class definition on line 1 @2:1");
  CHECK(err("def f():\npass") == "IndentationError: expected an indented block after function definition on line 1 @2:1");
  CHECK(err("async def f():\npass") == "IndentationError: expected an indented block after function definition on line 1 @2:1");
  CHECK(err("def f(x): return x\n  y") == "IndentationError: unexpected indent @2:2");
// statements
  CHECK(err("if x:\n  pass\nelse") == "SyntaxError: expected ':' @3:5");
  CHECK(err("def f:\n  pass") == "SyntaxError: expected '(' @1:6");
  CHECK(err("def f x: pass") == "SyntaxError: expected '(' @1:7");
  CHECK(err("def f() x: pass") == "SyntaxError: expected ':' @1:9");
  CHECK(err("class A\n  pass") == "SyntaxError: expected ':' @1:8");
  CHECK(err("class A x: pass") == "SyntaxError: invalid syntax @1:9");
  CHECK(err("for x in y\n  pass") == "SyntaxError: expected ':' @1:11");
  CHECK(err("try\n  pass") == "SyntaxError: expected ':' @1:4");
  CHECK(err("try x: pass") == "SyntaxError: expected ':' @1:5");
  CHECK(err("while x\n pass") == "SyntaxError: expected ':' @1:8");
  CHECK(err("with a\n pass") == "SyntaxError: expected ':' @1:7");
  CHECK(err("try:\n  pass\n") == "SyntaxError: expected 'except' or 'finally' block @2:7");
  CHECK(err("try:\n  pass\nx = 1") == "SyntaxError: expected 'except' or 'finally' block @3:1");
  CHECK(err("try:\n  pass\nelse:\n  pass") == "SyntaxError: expected 'except' or 'finally' block @3:1");
  CHECK(err("try:\n  pass\nexcept A, B:\n  pass") == "SyntaxError: multiple exception types must be parenthesized @3:8");
  CHECK(err("from a import b,") == "SyntaxError: trailing comma not allowed without surrounding parentheses @1:17");
  CHECK(err("import a.b.") == "SyntaxError: invalid syntax @1:12");
  CHECK(err("from a import *, b") == "SyntaxError: invalid syntax @1:16");
  CHECK(err("a = 1; ; b = 2") == "SyntaxError: invalid syntax @1:8");
  CHECK(err("if x: if y: pass") == "SyntaxError: invalid syntax @1:7");
  CHECK(err("elif x: pass") == "SyntaxError: invalid syntax @1:1");
  CHECK(err("async x") == "SyntaxError: invalid syntax @1:7");
  CHECK(err("x := 1") == "SyntaxError: invalid syntax @1:3");
  CHECK(err("a.b := 1") == "SyntaxError: cannot use assignment expressions with attribute @1:1");
// expressions
  CHECK(err("x = (1 2)") == "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:6");
  CHECK(err("x = [1 2]") == "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:6");
  CHECK(err("f(a b)") == "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:3");
  CHECK(err("[a b c]") == "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:2");
  CHECK(err("x = {1: 2 3}") == "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:9");
  CHECK(err("x = {1: 2, 3}") == "SyntaxError: ':' expected after dictionary key @1:12");
  CHECK(err("x = {1: *a}") == "SyntaxError: cannot use a starred expression in a dictionary value @1:9");
  CHECK(err("x = {1:}") == "SyntaxError: expression expected after dictionary key and ':' @1:7");
  CHECK(err("x = (*a)") == "SyntaxError: cannot use starred expression here @1:6");
  CHECK(err("x = (**a)") == "SyntaxError: cannot use double starred expression here @1:6");
  CHECK(err("x = 1 if 2") == "SyntaxError: expected 'else' after 'if' expression @1:5");
  CHECK(err("[x if y for x in z]") == "SyntaxError: expected 'else' after 'if' expression @1:2");
  CHECK(err("x = a if b: pass") == "SyntaxError: invalid syntax @1:11");
  CHECK(err("[a, b for a, b in x]") == "SyntaxError: did you forget parentheses around the comprehension target? @1:2");
  CHECK(err("[*a for a in b]") == "SyntaxError: iterable unpacking cannot be used in comprehension @1:2");
  CHECK(err("{**a for a in b}") == "SyntaxError: dict unpacking cannot be used in dict comprehension @1:2");
  CHECK(err("f(x for x in y, 1)") == "SyntaxError: Generator expression must be parenthesized @1:3");
  CHECK(err("f(1, x for x in y)") == "SyntaxError: Generator expression must be parenthesized @1:6");
  CHECK(err("f(**a, *b)") == "SyntaxError: iterable argument unpacking follows keyword argument unpacking @1:8");
  CHECK(err("f(a=1, b)") == "SyntaxError: positional argument follows keyword argument @1:9");
  CHECK(err("f(**a, b)") == "SyntaxError: positional argument follows keyword argument unpacking @1:9");
  CHECK(err("f(True=1)") == "SyntaxError: cannot assign to True @1:3");
  CHECK(err("f(a.b=1)") == R"py(SyntaxError: expression cannot contain assignment, perhaps you meant "=="? @1:3)py");
  CHECK(err("f(a=1 for x in y)") == "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:3");
  CHECK(err(R"py(print "hello")py") == "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1");
  CHECK(err(R"py(exec "code")py") == "SyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)? @1:1");
  CHECK(err("x = 1 +") == "SyntaxError: invalid syntax @1:8");
  CHECK(err("x = a b") == "SyntaxError: invalid syntax @1:7");
  CHECK(err("x = 1 not 2") == "SyntaxError: invalid syntax @1:11");
  CHECK(err("x = lambda: yield") == "SyntaxError: invalid syntax @1:13");
  CHECK(err("(x := 1 := 2)") == "SyntaxError: invalid syntax @1:9");
  CHECK(err("x = `1`") == "SyntaxError: invalid syntax @1:5");
  CHECK(err("a ! b") == "SyntaxError: invalid syntax @1:3");
// assignment targets
  CHECK(err("1 = x") == "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:1");
  CHECK(err("f() = 1") == "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1");
  CHECK(err("x = f() = 1") == "SyntaxError: cannot assign to function call @1:5");
  CHECK(err("x = 1 = 2") == "SyntaxError: cannot assign to literal @1:5");
  CHECK(err("a, 1 = x") == "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:4");
  CHECK(err("(a, 1) = x") == "SyntaxError: cannot assign to literal @1:5");
  CHECK(err("f(), a = 1") == "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:6");
  CHECK(err("None = 1") == "SyntaxError: cannot assign to None @1:1");
  CHECK(err("x = True = 1") == "SyntaxError: cannot assign to True @1:5");
  CHECK(err("x = yield = 1") == "SyntaxError: assignment to yield expression not possible @1:5");
  CHECK(err("x.y = z = f() = 3") == "SyntaxError: cannot assign to function call @1:11");
  CHECK(err("a.b = 5 if 3 else 2 = 1") == "SyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='? @1:1");
  CHECK(err("if x = 1: pass") == "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:4");
  CHECK(err("if f() = 1: pass") == "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:4");
  CHECK(err("while x.y = 1: pass") == "SyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='? @1:7");
  CHECK(err("[x = 1]") == "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:2");
  CHECK(err("del f()") == "SyntaxError: cannot delete function call @1:5");
  CHECK(err("del a + b") == "SyntaxError: cannot delete expression @1:5");
  CHECK(err("del *a") == "SyntaxError: cannot delete starred @1:5");
  CHECK(err("del a, f()") == "SyntaxError: cannot delete function call @1:8");
  CHECK(err("(a, b) += 1") == "SyntaxError: 'tuple' is an illegal expression for augmented assignment @1:1");
  CHECK(err("f() += 1") == "SyntaxError: 'function call' is an illegal expression for augmented assignment @1:1");
  CHECK(err("(a, b): int") == "SyntaxError: only single target (not tuple) can be annotated @1:1");
  CHECK(err("[a]: int") == "SyntaxError: only single target (not list) can be annotated @1:1");
  CHECK(err("a + 1: int") == "SyntaxError: illegal target for annotation @1:1");
  CHECK(err("a, b: int") == "SyntaxError: only single target (not tuple) can be annotated @1:1");
  CHECK(err("with a as f(): pass") == "SyntaxError: cannot assign to function call @1:11");
  CHECK(err("with a as b + c: pass") == "SyntaxError: cannot assign to expression @1:11");
  CHECK(err("for f() in x: pass") == "SyntaxError: cannot assign to function call @1:5");
  CHECK(err("for 1 in x: pass") == "SyntaxError: cannot assign to literal @1:5");
  CHECK(err("[x for 1 in y]") == "SyntaxError: cannot assign to literal @1:8");
  CHECK(err("x = \"a\"=\n") == "SyntaxError: cannot assign to literal @1:5");
// parameters
  CHECK(err("def f(a=1, b): pass") == "SyntaxError: non-default argument follows default argument @1:12");
  CHECK(err("def f(a=1, /, b): pass") == "SyntaxError: non-default argument follows default argument @1:15");
  CHECK(err("def f(*): pass") == "SyntaxError: named arguments must follow bare * @1:7");
  CHECK(err("def f(*, **k): pass") == "SyntaxError: named arguments must follow bare * @1:7");
  CHECK(err("def f(/, a): pass") == "SyntaxError: at least one argument must precede / @1:7");
  CHECK(err("def f(a, /, b, /): pass") == "SyntaxError: / may appear only once @1:16");
  CHECK(err("def f(*a, /): pass") == "SyntaxError: / must be ahead of * @1:11");
  CHECK(err("def f(**k, a): pass") == "SyntaxError: arguments cannot follow var-keyword argument @1:12");
  CHECK(err("def f(*a=1): pass") == "SyntaxError: var-positional argument cannot have default value @1:9");
  CHECK(err("def f(**k=1): pass") == "SyntaxError: var-keyword argument cannot have default value @1:10");
  CHECK(err("def f(a=): pass") == "SyntaxError: expected default value expression @1:8");
  CHECK(err("def f((a)): pass") == "SyntaxError: Function parameters cannot be parenthesized @1:7");
  CHECK(err("lambda (a): 1") == "SyntaxError: Lambda expression parameters cannot be parenthesized @1:8");
  CHECK(err("x = lambda x=1, y: x") == "SyntaxError: non-default argument follows default argument @1:17");
  CHECK(err("def f(a, a): pass") == "SyntaxError: duplicate argument 'a' in function definition @1:10");
  CHECK(err("def f(a, *, a): pass") == "SyntaxError: duplicate argument 'a' in function definition @1:13");
  CHECK(err("lambda a, a: 1") == "SyntaxError: duplicate argument 'a' in function definition @1:11");
  CHECK(err("*a = 1") == "SyntaxError: starred assignment target must be in a list or tuple @1:1");
  CHECK(err("*a, *b = 1") == "SyntaxError: multiple starred expressions in assignment @1:1");
  CHECK(err("for *a in b: pass") == "SyntaxError: starred assignment target must be in a list or tuple @1:5");
  CHECK(err("try:\n  pass\nexcept:\n  pass\nexcept A:\n  pass") == "SyntaxError: default 'except:' must be last @3:1");
// f-strings
  CHECK(err(R"py(x = f"{}")py") == "SyntaxError: f-string: empty expression not allowed @1:10");
  CHECK(err(R"py(x = f"{a!x}")py") == "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' @1:13");
  CHECK(err(R"py(x = f"{a!r")py") == "SyntaxError: f-string: expecting '}' @1:12");
  CHECK(err(R"py(x = f"}")py") == "SyntaxError: f-string: single '}' is not allowed @1:9");
  CHECK(err(R"py(x = f"{")py") == "SyntaxError: f-string: expecting '}' @1:9");
  CHECK(err(R"py(x = f"{a:{b:{c}}}")py") == "SyntaxError: f-string: expressions nested too deeply @1:19");
  CHECK(err(R"py(x = f"{a#}")py") == "SyntaxError: f-string expression part cannot include '#' @1:12");
  CHECK(err(R"py(x = f"{a[}")py") == "SyntaxError: f-string: closing parenthesis '}' does not match opening parenthesis '[' @1:12");
  CHECK(err(R"py(x = f"{a)}")py") == "SyntaxError: f-string: unmatched ')' @1:12");
  CHECK(err(R"py(x = f"{\n}")py") == "SyntaxError: f-string expression part cannot include a backslash @1:12");
  CHECK(err(R"py(x = f"{a = b}")py") == "SyntaxError: f-string: expecting '}' @1:15");
// the rest of the file is checked too
  CHECK(err("(1,\ny = 2\nz = 3\n") == "SyntaxError: '(' was never closed @1:1");
  CHECK(err("x = = 1\ny = \"unterminated\n") == "SyntaxError: unterminated string literal (detected at line 2) @2:5");
  CHECK(err("x = {\n  \"a\": else \\u2423\",\n  \"b\": 1,\n}\n") == "SyntaxError: '{' was never closed @1:5");
}

// ---------------------------------------------------- lockvm's own rules

TEST_CASE("parser: SyntaxError carries file, line, column and text") {
  try {
    parse("x = 1\ny = (1 2)\n", "prog.py");
    FAIL("no error");
  } catch (const SyntaxError& e) {
    CHECK(e.type == "SyntaxError");
    CHECK(e.msg == "invalid syntax. Perhaps you forgot a comma?");
    CHECK(e.filename == "prog.py");
    CHECK(e.line == 2);
    CHECK(e.col == 6);
    CHECK(e.text == "y = (1 2)");
    CHECK(!e.incomplete);
    CHECK(std::string(e.what()) == "SyntaxError: invalid syntax. Perhaps you forgot a comma?");
  }
  // Columns count code points, not bytes.
  CHECK(err("s = '\xc3\xa9' 1") == "SyntaxError: invalid syntax @1:9");
}

TEST_CASE("parser: constructs lockvm does not support") {
  CHECK(err("x = 3j") == "SyntaxError: imaginary numbers are not supported @1:5");
  CHECK(err("x = 1.5J + 1") == "SyntaxError: imaginary numbers are not supported @1:5");
  CHECK(err("try:\n    pass\nexcept* E:\n    pass\n") ==
        "SyntaxError: 'except*' (exception groups) is not supported @3:1");
  CHECK(err("match x:\n    case 1: pass\n") == "SyntaxError: invalid syntax @1:7");
  CHECK(error_of(R"(x = "\N{DASH}")").msg.find("named escapes are not supported") != std::string::npos);
  CHECK(error_of(R"(x = "\ud800")").msg.find("surrogate") != std::string::npos);
  // Integer literals are kept in decimal: CPython's 4300-digit limit applies
  // to decimal literals, and lockvm's to the others too.
  CHECK(error_of("x = " + std::string(4301, '7')).msg.find("Exceeds the limit (4300 digits)") == 0);
  CHECK(error_of("x = 0x" + std::string(4000, 'f')).msg.find("integer literal too large") == 0);
  CHECK(error_of("x = " + std::string(4300, '7')).type.empty());
}

TEST_CASE("parser: source encoding and layout") {
  CHECK(parsed("\xEF\xBB\xBFx = 1\n") == parsed("x = 1\n"));  // BOM
  CHECK(parsed("# -*- coding: utf-8 -*-\nx = 1\n") == parsed("x = 1\n"));
  CHECK(parsed("if x:\r\n    y = '''a\r\nb'''\r\n") == parsed("if x:\n    y = '''a\nb'''\n"));
  CHECK(parsed("if x:\r    y = 1\r") == parsed("if x:\n    y = 1\n"));  // old Mac line ends
  CHECK(parsed("x = 1") == parsed("x = 1\n"));                          // no final newline
  CHECK(parsed("if x:\n    y") == parsed("if x:\n    y\n"));
  CHECK(parsed("\fx = 1\n") == parsed("x = 1\n"));  // form feed
  CHECK(parsed("if x:\n\ty\n\tz\n") == parsed("if x:\n        y\n        z\n"));
  CHECK(parsed("x = (1,\n\n  # comment\n     2)\n") == parsed("x = (1, 2)\n"));
  CHECK(parsed("x = 1 + \\\n    2\n") == parsed("x = 1 + 2\n"));
  CHECK(parsed("") == "Module(body=[])");
  CHECK(parsed("\n\n# only a comment\n   \n") == "Module(body=[])");

  CHECK(err(std::string("x = 1\ny = 2\x00", 12)) == "SyntaxError: source code cannot contain null bytes @2:6");
  CHECK(err("x = 1\ny = '\xff'\n") ==
        "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xff in position 5: "
        "invalid start byte @2:6");
  CHECK(err("x = '\xe2\x82") ==
        "SyntaxError: (unicode error) 'utf-8' codec can't decode bytes in position 5-6: "
        "unexpected end of data @1:6");
  CHECK(err("x = '\xed\xa0\x80'") ==  // an encoded surrogate
        "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xed in position 5: "
        "invalid continuation byte @1:6");
}

TEST_CASE("parser: eval and interactive modes") {
  CHECK(expr("  1 + 2  \n\n") == "BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2))");
  CHECK(expr("\n\n  x\n") == "Name(id='x', ctx=Load())");
  CHECK(expr("a, b") == "Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load())");
  CHECK(expr("(\n  a +\n  b\n)") ==
        "BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Name(id='b', ctx=Load()))");
  CHECK(err("x = 1", ParseMode::Eval) == "SyntaxError: invalid syntax @1:3");
  CHECK(err("1\n2", ParseMode::Eval) == "SyntaxError: invalid syntax @2:1");
  CHECK(err("", ParseMode::Eval) == "SyntaxError: invalid syntax @1:1");
  CHECK(err("*a", ParseMode::Eval) == "SyntaxError: invalid syntax @1:1");

  // A REPL entry may be several lines, like a file.
  Module m = parse("def f():\n    return 1\n", "<stdin>", ParseMode::Interactive);
  CHECK(m.body.size() == 1);
  CHECK(parse("x = 1; y = 2\n", "<stdin>", ParseMode::Interactive).body.size() == 2);
  // But the rest of an entry is not searched for an unclosed bracket.
  CHECK(err("x = (1,\ny = 2\nz = (3 4)\n", ParseMode::Interactive) ==
        "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @2:1");
  CHECK(err("x = (1,\ny = 2\nz = (3 4)\n") == "SyntaxError: '(' was never closed @1:5");
}

TEST_CASE("parser: incomplete input") {
  auto incomplete = [](std::string_view src) {
    Error e = error_of(src, ParseMode::Interactive);
    CAPTURE(src);
    CAPTURE(e.msg);
    return !e.type.empty() && e.incomplete;
  };
  // Input that may go on.
  CHECK(incomplete("if x:"));
  CHECK(incomplete("if x:\n"));
  CHECK(incomplete("def f():\n"));
  CHECK(incomplete("class C:\n    def f(self):\n"));
  CHECK(incomplete("for x in y:\n    if x:\n"));
  CHECK(incomplete("try:\n    pass\n"));
  CHECK(incomplete("if x:\n    pass\nelse:\n"));
  CHECK(incomplete("@decorator\n"));
  CHECK(incomplete("x = (1,"));
  CHECK(incomplete("x = [1,\n 2,\n"));
  CHECK(incomplete("f(a,\n  b"));
  CHECK(incomplete("d = {'a': 1,\n"));
  CHECK(incomplete("s = '''abc\n"));
  CHECK(incomplete("s = \"\"\"abc\ndef"));
  CHECK(incomplete("x = 1 + \\\n"));
  CHECK(incomplete("x = 1 + \\"));
  CHECK(incomplete("s = 'abc\\\n"));
  // Input that is wrong whatever follows.
  CHECK(!incomplete("x = 1 +\n"));
  CHECK(!incomplete("x = 1 +"));
  CHECK(!incomplete("x = )"));
  CHECK(!incomplete("if x\n"));
  CHECK(!incomplete("if x:\n    pass\nelse\n"));
  CHECK(!incomplete("s = 'abc\n"));
  CHECK(!incomplete("x = f'{'\n"));
  CHECK(!incomplete("def f(:\n"));
  // Complete input parses (the REPL decides about blank lines itself).
  CHECK(error_of("if x:\n    y = 1\n", ParseMode::Interactive).type.empty());
  CHECK(error_of("x = (1,\n     2)\n", ParseMode::Interactive).type.empty());
}

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
    // A few of these are valid Python ('' '' '' ..., x, x, x, ...).
    bool valid = unit == "'''" || unit == "x, " || unit == "*x, ";
    CHECK(e.type.empty() == valid);
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

// Speed is a benchmark matter (DEVELOPERS.md: no timed unit tests); this case
// checks that large inputs are handled and reports their parse times.
TEST_CASE("parser: large inputs parse or fail cleanly (times reported)") {
  std::mt19937 rng(777);
  std::string noise(10 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
  MESSAGE("parse time of noise: " << seconds_to_parse(noise) << " s");

  // The same amount of printable junk still fails fast.
  std::string junk(10 << 20, ' ');
  for (char& c : junk) c = static_cast<char>(' ' + rng() % 95);
  MESSAGE("parse time of junk: " << seconds_to_parse(junk) << " s");

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
  MESSAGE("parse time of program: " << seconds_to_parse(program) << " s");

  // One very long line.
  std::string line = "x = [";
  for (int i = 0; i < 200000; ++i) line += "a" + std::to_string(i) + ", ";
  line += "]\n";
  CHECK(error_of(line).type.empty());
  MESSAGE("parse time of line: " << seconds_to_parse(line) << " s");

  // Many f-string fields on one long line.
  std::string fields = "x = f'";
  for (int i = 0; i < 100000; ++i) fields += "{a}";
  fields += "'\n";
  CHECK(error_of(fields).type.empty());
  MESSAGE("parse time of fields: " << seconds_to_parse(fields) << " s");
}
