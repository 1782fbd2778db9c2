// Compiler tests: SyntaxErrors raised by the compiler, the shape of compiled
// code (compared as compact listings), exception tables, stack depths, line
// numbers, code-object metadata, the disassembler, and robustness (every AST
// node kind, deep nesting). Scope analysis is in test_symtable.cpp.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vm/ast.hpp"
#include "vm/compiler.hpp"
#include "vm/opcodes.hpp"
#include "vm/parser.hpp"

namespace {

using namespace lockvm;

std::shared_ptr<const CodeProto> comp(std::string_view src, CompileMode mode = CompileMode::Exec) {
  ParseMode pm = mode == CompileMode::Eval          ? ParseMode::Eval
                 : mode == CompileMode::Interactive ? ParseMode::Interactive
                                                    : ParseMode::File;
  ast::Module m = parse(src, "<test>", pm);
  return compile(m, "<test>", mode);
}

// The SyntaxError compiling `src` raises, as "msg @line:col" ("OK" if none).
std::string comp_error(std::string_view src) {
  try {
    comp(src);
  } catch (const SyntaxError& e) {
    return e.msg + " @" + std::to_string(e.line) + ":" + std::to_string(e.col);
  }
  return "OK";
}

// Nested code object by qualname (depth-first), or nullptr.
const CodeProto* find_code(const CodeProto& co, std::string_view qualname) {
  if (co.qualname == qualname) return &co;
  for (const auto& c : co.consts)
    if (c.type == Const::Type::Code)
      if (const CodeProto* r = find_code(*c.code, qualname)) return r;
  return nullptr;
}

std::string const_text(const Const& c) {
  switch (c.type) {
    case Const::Type::None: return "None";
    case Const::Type::True: return "True";
    case Const::Type::False: return "False";
    case Const::Type::Ellipsis: return "...";
    case Const::Type::Int: return std::to_string(c.i);
    case Const::Type::BigInt: return c.s;
    case Const::Type::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", c.f);
      return buf;
    }
    case Const::Type::Str: return "'" + c.s + "'";
    case Const::Type::Bytes: return "b'" + c.s + "'";
    case Const::Type::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < c.items.size(); ++i) out += (i ? "," : "") + const_text(c.items[i]);
      return out + ")";
    }
    case Const::Type::Code: return "<" + c.code->qualname + ">";
  }
  return "?";
}

bool is_jump_op(Op op) {
  return op == Op::JUMP || op == Op::POP_JUMP_IF_FALSE || op == Op::POP_JUMP_IF_TRUE ||
         op == Op::JUMP_IF_FALSE_OR_POP || op == Op::JUMP_IF_TRUE_OR_POP || op == Op::FOR_ITER;
}

// A compact one-line-per-instruction listing: "pc OPNAME arg", with names,
// locals, cells and constants resolved and jump targets as "->pc".
std::string listing(const CodeProto& co) {
  std::string out;
  for (size_t pc = 0; pc < co.code.size(); ++pc) {
    Instr ins = co.code[pc];
    Op op = instr_op(ins);
    uint32_t arg = instr_arg(ins);
    std::string line = std::to_string(pc) + " " + kOpNames[static_cast<int>(op)];
    switch (op) {
      case Op::LOAD_CONST: line += " " + const_text(co.consts.at(arg)); break;
      case Op::LOAD_SMALL_INT: line += " " + std::to_string(instr_sarg(ins)); break;
      case Op::LOAD_FAST:
      case Op::STORE_FAST:
      case Op::DELETE_FAST: line += " " + co.varnames.at(arg); break;
      case Op::LOAD_DEREF:
      case Op::STORE_DEREF:
      case Op::DELETE_DEREF:
      case Op::LOAD_CLOSURE:
        line += " " + (arg < co.cellvars.size() ? co.cellvars[arg] : co.freevars.at(arg - co.cellvars.size()));
        break;
      case Op::LOAD_GLOBAL:
      case Op::STORE_GLOBAL:
      case Op::DELETE_GLOBAL:
      case Op::LOAD_NAME:
      case Op::STORE_NAME:
      case Op::DELETE_NAME:
      case Op::LOAD_ATTR:
      case Op::STORE_ATTR:
      case Op::DELETE_ATTR:
      case Op::LOAD_METHOD:
      case Op::IMPORT_NAME:
      case Op::IMPORT_FROM: line += " " + co.names.at(arg); break;
      case Op::NOP:
      case Op::POP_TOP:
      case Op::LOAD_NONE:
      case Op::BINARY_SUBSCR:
      case Op::STORE_SUBSCR:
      case Op::DELETE_SUBSCR:
      case Op::UNARY_NOT:
      case Op::UNARY_NEGATIVE:
      case Op::UNARY_POSITIVE:
      case Op::UNARY_INVERT:
      case Op::LIST_TO_TUPLE:
      case Op::GET_ITER:
      case Op::RETURN_VALUE:
      case Op::YIELD_VALUE:
      case Op::GET_YIELD_FROM_ITER:
      case Op::YIELD_FROM:
      case Op::GET_AWAITABLE:
      case Op::PUSH_EXC_INFO:
      case Op::POP_EXCEPT:
      case Op::POP_EXCEPT_RERAISE:
      case Op::RERAISE:
      case Op::CHECK_EXC_MATCH:
      case Op::LOAD_ASSERTION_ERROR:
      case Op::BEFORE_WITH:
      case Op::WITH_EXIT:
      case Op::WITH_EXCEPT_START:
      case Op::IMPORT_STAR:
      case Op::PRINT_EXPR: break;
      default:
        if (op >= Op::BINARY_ADD && op <= Op::COMPARE_GE) break;
        line += is_jump_op(op) ? " ->" + std::to_string(arg) : " " + std::to_string(arg);
    }
    out += line + "\n";
  }
  return out;
}

std::string exc_table(const CodeProto& co) {
  std::string out;
  for (const auto& e : co.exception_table)
    out += std::to_string(e.start) + "-" + std::to_string(e.end) + " ->" + std::to_string(e.handler) +
           " [" + std::to_string(e.depth) + "]\n";
  return out;
}

bool has_op(const CodeProto& co, Op op) {
  for (Instr i : co.code)
    if (instr_op(i) == op) return true;
  return false;
}

// ---------------------------------------------------- every AST node kind

template <class T>
std::unique_ptr<T> node(int line = 1) {
  auto p = std::make_unique<T>();
  p->pos = {line, 1};
  return p;
}

ast::ExprPtr name(const char* id, ast::Ctx ctx = ast::Ctx::Load) {
  auto n = node<ast::Name>();
  n->id = id;
  n->ctx = ctx;
  return n;
}

ast::ExprPtr int_const(int64_t v) {
  auto c = node<ast::Constant>();
  c->type = ast::Constant::Type::Int;
  c->int_value = v;
  return c;
}

ast::StmtPtr expr_stmt(ast::ExprPtr e) {
  auto s = node<ast::ExprStmt>();
  s->value = std::move(e);
  return s;
}

}  // namespace

TEST_SUITE("compiler") {

// ================================================================ errors

TEST_CASE("errors: the compiler's SyntaxError messages and positions") {
  // Messages and positions are CPython 3.11's.
  CHECK(comp_error("return 1") == "'return' outside function @1:1");
  CHECK(comp_error("class C:\n  return 1") == "'return' outside function @2:3");
  CHECK(comp_error("yield 1") == "'yield' outside function @1:1");
  CHECK(comp_error("class C:\n  yield 1") == "'yield' outside function @2:3");
  CHECK(comp_error("x = 1\nif x:\n  yield") == "'yield' outside function @3:3");
  CHECK(comp_error("break") == "'break' outside loop @1:1");
  CHECK(comp_error("continue") == "'continue' not properly in loop @1:1");
  CHECK(comp_error("for x in y:\n  def f():\n    break") == "'break' outside loop @3:5");
  CHECK(comp_error("while 1:\n  class C:\n    continue") == "'continue' not properly in loop @3:5");
  CHECK(comp_error("def f():\n  for x in y:\n    pass\n  else:\n    break") == "'break' outside loop @5:5");
  CHECK(comp_error("nonlocal x") == "nonlocal declaration not allowed at module level @1:1");
  CHECK(comp_error("def f():\n  nonlocal x") == "no binding for nonlocal 'x' found @2:3");
  CHECK(comp_error("def f():\n  def g():\n    nonlocal y") == "no binding for nonlocal 'y' found @3:5");
  CHECK(comp_error("class C:\n  nonlocal x") == "no binding for nonlocal 'x' found @2:3");
  CHECK(comp_error("def f():\n  x=1\n  global x") == "name 'x' is assigned to before global declaration @3:3");
  CHECK(comp_error("def f():\n  print(x)\n  global x") == "name 'x' is used prior to global declaration @3:3");
  CHECK(comp_error("def f(x):\n  global x") == "name 'x' is parameter and global @2:3");
  CHECK(comp_error("def f(x):\n  nonlocal x") == "name 'x' is parameter and nonlocal @2:3");
  CHECK(comp_error("def f():\n  print(x)\n  nonlocal x") == "name 'x' is used prior to nonlocal declaration @3:3");
  CHECK(comp_error("def f():\n  x = 1\n  def g():\n    global x\n    nonlocal x") ==
        "name 'x' is nonlocal and global @4:5");
  CHECK(comp_error("x = 1\nglobal x") == "name 'x' is assigned to before global declaration @2:1");
  CHECK(comp_error("def f():\n  x: int\n  global x") == "annotated name 'x' can't be global @3:3");
  CHECK(comp_error("def f():\n  global x\n  x: int = 1") == "annotated name 'x' can't be global @3:3");
  CHECK(comp_error("await x") == "'await' outside function @1:1");
  CHECK(comp_error("def f():\n  await x") == "'await' outside async function @2:3");
  CHECK(comp_error("lambda: await x") == "'await' outside async function @1:9");
  CHECK(comp_error("def f():\n  [await x for x in y]") ==
        "asynchronous comprehension outside of an asynchronous function @2:3");
  CHECK(comp_error("async def f():\n  yield from x") == "'yield from' inside async function @2:3");
  CHECK(comp_error("[(yield x) for x in y]") == "'yield' inside list comprehension @1:3");
  CHECK(comp_error("def f():\n  ((yield x) for x in y)") == "'yield' inside generator expression @2:5");
  CHECK(comp_error("def f():\n  {(yield x) for x in y}") == "'yield' inside set comprehension @2:5");
  CHECK(comp_error("def f():\n  {(yield x): 1 for x in y}") == "'yield' inside dict comprehension @2:5");
  CHECK(comp_error("def f(a, a): pass") == "duplicate argument 'a' in function definition @1:10");
  CHECK(comp_error("lambda a, a: 0") == "duplicate argument 'a' in function definition @1:11");
  CHECK(comp_error("f(a=1, a=2)") == "keyword argument repeated: a @1:8");
  CHECK(comp_error("x = *a") == "can't use starred expression here @1:5");
  CHECK(comp_error("a, *b, *c = d") == "multiple starred expressions in assignment @1:1");
  CHECK(comp_error("try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass") == "default 'except:' must be last @3:1");
  CHECK(comp_error("def f():\n  from m import *") == "import * only allowed at module level @2:17");
  CHECK(comp_error("[i := 0 for i in x]") ==
        "assignment expression cannot rebind comprehension iteration variable 'i' @1:2");
  CHECK(comp_error("[y for i in (j := x)]") ==
        "assignment expression cannot be used in a comprehension iterable expression @1:14");
  CHECK(comp_error("class C:\n  [(z := 1) for i in x]") ==
        "assignment expression within a comprehension cannot be used in a class body @2:5");
  CHECK(comp_error("from __future__ import braces") == "not a chance @1:1");
  CHECK(comp_error("from __future__ import nonsense") == "future feature nonsense is not defined @1:1");
  CHECK(comp_error("from __future__ import annotations\nx = 1") == "OK");
}

TEST_CASE("errors: constructs lockvm does not support") {
  CHECK(comp_error("class C(Base, metaclass=M):\n  pass") ==
        "class keyword arguments (metaclass=...) are not supported @1:15");
  CHECK(comp_error("async def f():\n  async for x in y: pass") == "OK");
  CHECK(comp_error("async def f():\n  async with x: pass") == "OK");
  CHECK(comp_error("def f():\n  async for x in y: pass") == "'async for' outside async function @2:3");
  CHECK(comp_error("def f():\n  async with x: pass") == "'async with' outside async function @2:3");
  CHECK(comp_error("async def f():\n  [x async for x in y]") == "OK");
  CHECK(comp_error("async def f():\n  {await x for x in y}") == "OK");
  CHECK(comp_error("async def f():\n  [[await x for x in z] for z in y]") == "OK");
  CHECK(comp_error("async def f():\n  (await x for x in y)") == "OK");
  CHECK(comp_error("def f():\n  return (x async for x in y)") == "OK");
  CHECK(comp_error("async def f():\n  yield 1\n  return 2") == "'return' with value in async generator @3:3");
  CHECK(comp_error("async def f():\n  yield 1") == "OK");
}

TEST_CASE("errors: too many statically nested blocks") {
  auto nested = [](int n) {
    std::string src = "def f():\n";
    for (int i = 0; i < n; ++i) src += std::string(4 * (i + 1), ' ') + "for x" + std::to_string(i) + " in y:\n";
    src += std::string(4 * (n + 1), ' ') + "pass\n";
    return src;
  };
  CHECK(comp_error(nested(20)) == "OK");
  CHECK(comp_error(nested(21)) == "too many statically nested blocks @22:85");
  // try/except handlers count two blocks (the handler and its cleanup), as in CPython.
  std::string src = "def f():\n";
  for (int i = 0; i < 10; ++i)
    src += std::string(4 * (2 * i + 1), ' ') + "try: pass\n" + std::string(4 * (2 * i + 1), ' ') + "except:\n";
  src += std::string(4 * 21, ' ') + "pass\n";
  CHECK(comp_error(src) == "OK");
  src = "def f():\n";
  for (int i = 0; i < 10; ++i)
    src += std::string(4 * (2 * i + 1), ' ') + "try: pass\n" + std::string(4 * (2 * i + 1), ' ') + "except:\n";
  src += std::string(4 * 21, ' ') + "while x: pass\n";
  CHECK(comp_error(src).starts_with("too many statically nested blocks"));
}

TEST_CASE("errors: deep hand-built trees are a clean SyntaxError") {
  // Far deeper than the parser allows: the compiler's own guard must stop it.
  ast::ExprPtr e = int_const(1);
  for (int i = 0; i < 5000; ++i) {
    auto u = node<ast::UnaryOp>();
    u->op = ast::UnaryOpKind::Not;
    u->operand = std::move(e);
    e = std::move(u);
  }
  ast::Module m;
  m.body.push_back(expr_stmt(std::move(e)));
  try {
    compile(m, "<deep>");
    FAIL("expected a SyntaxError");
  } catch (const SyntaxError& err) {
    CHECK(err.msg == "too many nested expressions");
  }
  // Iterative teardown so the test itself does not recurse 5000 deep.
  ast::ExprPtr cur = std::move(ast::as<ast::ExprStmt>(*m.body[0]).value);
  while (cur && cur->kind == ast::ExprKind::UnaryOp) {
    ast::ExprPtr next = std::move(ast::as<ast::UnaryOp>(*cur).operand);
    cur = std::move(next);
  }
}

// ============================================================ code shape

TEST_CASE("shape: module-level names, constants and calls") {
  auto co = comp("x = 1\ny = -5\nz = (1, 'a', None, -2.5)\nprint(x, y, sep='')\n");
  CHECK(listing(*co) ==
        "0 LOAD_SMALL_INT 1\n"
        "1 STORE_GLOBAL x\n"
        "2 LOAD_SMALL_INT -5\n"
        "3 STORE_GLOBAL y\n"
        "4 LOAD_CONST (1,'a',None,-2.5)\n"
        "5 STORE_GLOBAL z\n"
        "6 LOAD_GLOBAL print\n"
        "7 LOAD_GLOBAL x\n"
        "8 LOAD_GLOBAL y\n"
        "9 LOAD_CONST ''\n"
        "10 LOAD_CONST ('sep')\n"
        "11 CALL_KW 3\n"
        "12 POP_TOP\n"
        "13 LOAD_NONE\n"
        "14 RETURN_VALUE\n");
  CHECK(co->flags == kCodeModule);
  CHECK(co->name == "<module>");
  CHECK(co->qualname == "<module>");
  CHECK(co->stacksize == 5);
  CHECK(co->lines == std::vector<int32_t>{1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4});
}

TEST_CASE("shape: small ints, big ints and constant dedup by type") {
  auto co = comp("a = 8388607\nb = -8388608\nc = 8388608\nd = 2**100\ne = 99999999999999999999\n"
                 "f = 1.0\ng = True\nh = 1\ni = 8388608\nj = -9223372036854775808\n");
  CHECK(listing(*co) ==
        "0 LOAD_SMALL_INT 8388607\n1 STORE_GLOBAL a\n"
        "2 LOAD_SMALL_INT -8388608\n3 STORE_GLOBAL b\n"
        "4 LOAD_CONST 8388608\n5 STORE_GLOBAL c\n"
        "6 LOAD_SMALL_INT 2\n7 LOAD_SMALL_INT 100\n8 BINARY_POW\n9 STORE_GLOBAL d\n"
        "10 LOAD_CONST 99999999999999999999\n11 STORE_GLOBAL e\n"
        "12 LOAD_CONST 1\n13 STORE_GLOBAL f\n"
        "14 LOAD_CONST True\n15 STORE_GLOBAL g\n"
        "16 LOAD_SMALL_INT 1\n17 STORE_GLOBAL h\n"
        "18 LOAD_CONST 8388608\n19 STORE_GLOBAL i\n"
        "20 LOAD_CONST -9223372036854775808\n21 STORE_GLOBAL j\n"
        "22 LOAD_NONE\n23 RETURN_VALUE\n");
  // 8388608 is stored once; 1.0 and True stay distinct from each other.
  REQUIRE(co->consts.size() == 5);
  CHECK(co->consts[0].type == Const::Type::Int);
  CHECK(co->consts[1].type == Const::Type::BigInt);
  CHECK(co->consts[2].type == Const::Type::Float);
  CHECK(co->consts[3].type == Const::Type::True);
  CHECK(co->consts[4].type == Const::Type::Int);
  CHECK(co->consts[4].i == INT64_MIN);
}

TEST_CASE("shape: function locals, closures and MAKE_FUNCTION") {
  auto co = comp(
      "def f(a, b=2, *, c=3):\n"
      "    y = a\n"
      "    def g():\n"
      "        return y\n"
      "    return g\n");
  CHECK(listing(*co) ==
        "0 LOAD_CONST (2)\n"
        "1 LOAD_CONST 'c'\n"
        "2 LOAD_SMALL_INT 3\n"
        "3 BUILD_MAP 1\n"
        "4 LOAD_CONST <f>\n"
        "5 MAKE_FUNCTION 3\n"
        "6 STORE_GLOBAL f\n"
        "7 LOAD_NONE\n"
        "8 RETURN_VALUE\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(listing(*f) ==
        "0 LOAD_FAST a\n"
        "1 STORE_DEREF y\n"
        "2 LOAD_CLOSURE y\n"
        "3 BUILD_TUPLE 1\n"
        "4 LOAD_CONST <f.<locals>.g>\n"
        "5 MAKE_FUNCTION 4\n"
        "6 STORE_FAST g\n"
        "7 LOAD_FAST g\n"
        "8 RETURN_VALUE\n");
  CHECK(f->argcount == 2);
  CHECK(f->kwonlyargcount == 1);
  CHECK(f->posonlyargcount == 0);
  CHECK(f->flags == 0);
  CHECK(f->consts[0].type == Const::Type::None);  // no docstring
  const CodeProto* g = find_code(*co, "f.<locals>.g");
  REQUIRE(g);
  CHECK(listing(*g) == "0 LOAD_DEREF y\n1 RETURN_VALUE\n");
  CHECK(g->flags == kCodeNested);
  CHECK(g->freevars == std::vector<std::string>{"y"});
}

TEST_CASE("shape: decorators, docstrings and qualnames") {
  auto co = comp(
      "@d1\n@d2(1)\ndef f(x, /, y):\n    'doc'\n    return x\n"
      "class C:\n    'cdoc'\n    def m(self):\n        return lambda: [v for v in self]\n"
      "def outer():\n    global h\n    def h(): pass\n    class K:\n        def k(self): pass\n");
  CHECK(listing(*co).starts_with(
      "0 LOAD_GLOBAL d1\n"
      "1 LOAD_GLOBAL d2\n"
      "2 LOAD_SMALL_INT 1\n"
      "3 CALL 1\n"
      "4 LOAD_CONST <f>\n"
      "5 MAKE_FUNCTION 0\n"
      "6 CALL 1\n"
      "7 CALL 1\n"
      "8 STORE_GLOBAL f\n"
      "9 LOAD_CONST <C>\n"
      "10 MAKE_FUNCTION 0\n"
      "11 LOAD_CONST 'C'\n"
      "12 BUILD_CLASS 0\n"
      "13 STORE_GLOBAL C\n"));
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(f->firstlineno == 1);  // the first decorator's line
  CHECK(f->posonlyargcount == 1);
  CHECK(f->argcount == 2);
  CHECK(f->consts[0].type == Const::Type::Str);
  CHECK(f->consts[0].s == "doc");
  CHECK(listing(*f) == "0 LOAD_FAST x\n1 RETURN_VALUE\n");
  const CodeProto* c = find_code(*co, "C");
  REQUIRE(c);
  CHECK(c->flags == kCodeClassBody);
  CHECK(listing(*c) ==
        "0 LOAD_CONST 'cdoc'\n"
        "1 STORE_NAME __doc__\n"
        "2 LOAD_CONST <C.m>\n"
        "3 MAKE_FUNCTION 0\n"
        "4 STORE_NAME m\n"
        "5 LOAD_NONE\n"
        "6 RETURN_VALUE\n");
  CHECK(find_code(*co, "C.m"));
  CHECK(find_code(*co, "C.m.<locals>.<lambda>"));
  CHECK(find_code(*co, "C.m.<locals>.<lambda>.<locals>.<listcomp>"));
  CHECK(find_code(*co, "h"));  // declared global: no "outer.<locals>." prefix
  CHECK(find_code(*co, "outer.<locals>.K"));
  CHECK(find_code(*co, "outer.<locals>.K.k"));
  CHECK(find_code(*co, "outer.<locals>.K")->flags == (kCodeClassBody | kCodeNested));
}

TEST_CASE("shape: class cell and zero-argument super()") {
  auto co = comp(
      "class B(A):\n"
      "    def __init__(self, v):\n"
      "        super().__init__(v)\n"
      "    def cell_self(self):\n"
      "        f = lambda: self\n"
      "        return super()\n"
      "    def noargs():\n"
      "        return super()\n");
  CHECK(listing(*co).starts_with(
      "0 LOAD_CONST <B>\n"
      "1 MAKE_FUNCTION 0\n"
      "2 LOAD_CONST 'B'\n"
      "3 LOAD_GLOBAL A\n"
      "4 BUILD_CLASS 1\n"
      "5 STORE_GLOBAL B\n"));
  const CodeProto* b = find_code(*co, "B");
  REQUIRE(b);
  CHECK(b->cellvars == std::vector<std::string>{"__class__"});
  CHECK(listing(*b) ==
        "0 LOAD_CLOSURE __class__\n"
        "1 BUILD_TUPLE 1\n"
        "2 LOAD_CONST <B.__init__>\n"
        "3 MAKE_FUNCTION 4\n"
        "4 STORE_NAME __init__\n"
        "5 LOAD_CLOSURE __class__\n"
        "6 BUILD_TUPLE 1\n"
        "7 LOAD_CONST <B.cell_self>\n"
        "8 MAKE_FUNCTION 4\n"
        "9 STORE_NAME cell_self\n"
        "10 LOAD_CLOSURE __class__\n"
        "11 BUILD_TUPLE 1\n"
        "12 LOAD_CONST <B.noargs>\n"
        "13 MAKE_FUNCTION 4\n"
        "14 STORE_NAME noargs\n"
        "15 LOAD_CLOSURE __class__\n"
        "16 STORE_NAME __classcell__\n"
        "17 LOAD_NONE\n"
        "18 RETURN_VALUE\n");
  const CodeProto* init = find_code(*co, "B.__init__");
  REQUIRE(init);
  CHECK(listing(*init) ==
        "0 LOAD_GLOBAL super\n"
        "1 LOAD_DEREF __class__\n"
        "2 LOAD_FAST self\n"
        "3 CALL 2\n"
        "4 LOAD_METHOD __init__\n"
        "5 LOAD_FAST v\n"
        "6 CALL_METHOD 1\n"
        "7 POP_TOP\n"
        "8 LOAD_NONE\n"
        "9 RETURN_VALUE\n");
  // The first argument is a cell: loaded with LOAD_DEREF.
  const CodeProto* cs = find_code(*co, "B.cell_self");
  REQUIRE(cs);
  CHECK(cs->cell2arg == std::vector<int>{0});
  CHECK(listing(*cs).find("LOAD_GLOBAL super\n6 LOAD_DEREF __class__\n7 LOAD_DEREF self\n8 CALL 2\n") !=
        std::string::npos);
  // No parameters: left as a plain call (super() raises at run time).
  CHECK(listing(*find_code(*co, "B.noargs")) == "0 LOAD_GLOBAL super\n1 CALL 0\n2 RETURN_VALUE\n");
}

TEST_CASE("shape: class bodies use NAME ops and DEREF for outer variables") {
  auto co = comp(
      "def f(v):\n"
      "    class C:\n"
      "        a = v\n"
      "        b = a\n"
      "        global g\n"
      "        g = 1\n"
      "        del a\n"
      "    return C\n");
  const CodeProto* c = find_code(*co, "f.<locals>.C");
  REQUIRE(c);
  CHECK(listing(*c) ==
        "0 LOAD_DEREF v\n"
        "1 STORE_NAME a\n"
        "2 LOAD_NAME a\n"
        "3 STORE_NAME b\n"
        "4 LOAD_SMALL_INT 1\n"
        "5 STORE_GLOBAL g\n"
        "6 DELETE_NAME a\n"
        "7 LOAD_NONE\n"
        "8 RETURN_VALUE\n");
}

TEST_CASE("shape: calls (positional, keywords, star-args, methods)") {
  auto co = comp("f(*a, b, *c, k=1, **d, m=2)\n");
  CHECK(listing(*co) ==
        "0 LOAD_GLOBAL f\n"
        "1 BUILD_LIST 0\n"  // the list is built before the first starred item
        "2 LOAD_GLOBAL a\n"
        "3 LIST_EXTEND 1\n"
        "4 LOAD_GLOBAL b\n"
        "5 LIST_APPEND 1\n"
        "6 LOAD_GLOBAL c\n"
        "7 LIST_EXTEND 1\n"
        "8 LIST_TO_TUPLE\n"
        "9 LOAD_CONST 'k'\n"
        "10 LOAD_SMALL_INT 1\n"
        "11 BUILD_MAP 1\n"
        "12 LOAD_GLOBAL d\n"
        "13 DICT_MERGE 1\n"
        "14 LOAD_CONST 'm'\n"
        "15 LOAD_SMALL_INT 2\n"
        "16 BUILD_MAP 1\n"
        "17 DICT_MERGE 1\n"
        "18 CALL_EX 1\n"
        "19 POP_TOP\n"
        "20 LOAD_NONE\n"
        "21 RETURN_VALUE\n");
  CHECK(listing(*comp("f(a, *b)\n")).starts_with(
      "0 LOAD_GLOBAL f\n1 LOAD_GLOBAL a\n2 BUILD_LIST 1\n3 LOAD_GLOBAL b\n4 LIST_EXTEND 1\n5 LIST_TO_TUPLE\n6 CALL_EX 0\n"));
  CHECK(listing(*comp("f(**k)\n")).starts_with(
      "0 LOAD_GLOBAL f\n1 LOAD_CONST ()\n2 BUILD_MAP 0\n3 LOAD_GLOBAL k\n4 DICT_MERGE 1\n5 CALL_EX 1\n"));
  CHECK(listing(*comp("o.m(1, x)\n")).starts_with(
      "0 LOAD_GLOBAL o\n1 LOAD_METHOD m\n2 LOAD_SMALL_INT 1\n3 LOAD_GLOBAL x\n4 CALL_METHOD 2\n"));
  // Keywords or starred arguments: a plain attribute call.
  CHECK(listing(*comp("o.m(k=1)\n")).starts_with(
      "0 LOAD_GLOBAL o\n1 LOAD_ATTR m\n2 LOAD_SMALL_INT 1\n3 LOAD_CONST ('k')\n4 CALL_KW 1\n"));
  CHECK(listing(*comp("o.m(*a)\n")).starts_with("0 LOAD_GLOBAL o\n1 LOAD_ATTR m\n"));
}

TEST_CASE("shape: displays, starred items, subscripts and slices") {
  CHECK(listing(*comp("[a, *b, c]\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 BUILD_LIST 1\n2 LOAD_GLOBAL b\n3 LIST_EXTEND 1\n4 LOAD_GLOBAL c\n5 LIST_APPEND 1\n"
        "6 RETURN_VALUE\n");
  CHECK(listing(*comp("(*a, 1)\n", CompileMode::Eval)) ==
        "0 BUILD_LIST 0\n1 LOAD_GLOBAL a\n2 LIST_EXTEND 1\n3 LOAD_SMALL_INT 1\n4 LIST_APPEND 1\n5 LIST_TO_TUPLE\n"
        "6 RETURN_VALUE\n");
  CHECK(listing(*comp("{a, *b}\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 BUILD_SET 1\n2 LOAD_GLOBAL b\n3 SET_UPDATE 1\n4 RETURN_VALUE\n");
  CHECK(listing(*comp("(a, 1)\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_SMALL_INT 1\n2 BUILD_TUPLE 2\n3 RETURN_VALUE\n");
  CHECK(listing(*comp("{1: a, **m, 'k': 2}\n", CompileMode::Eval)) ==
        "0 LOAD_SMALL_INT 1\n1 LOAD_GLOBAL a\n2 BUILD_MAP 1\n3 LOAD_GLOBAL m\n4 DICT_UPDATE 1\n"
        "5 LOAD_CONST 'k'\n6 LOAD_SMALL_INT 2\n7 BUILD_MAP 1\n8 DICT_UPDATE 1\n9 RETURN_VALUE\n");
  CHECK(listing(*comp("{}\n", CompileMode::Eval)) == "0 BUILD_MAP 0\n1 RETURN_VALUE\n");
  // A subscript that is a slice pushes the bounds, no slice object.
  CHECK(listing(*comp("a[1:2]\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_SMALL_INT 1\n2 LOAD_SMALL_INT 2\n3 BINARY_SLICE 2\n"
        "4 RETURN_VALUE\n");
  CHECK(listing(*comp("a[::2]\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_NONE\n2 LOAD_NONE\n3 LOAD_SMALL_INT 2\n4 BINARY_SLICE 3\n"
        "5 RETURN_VALUE\n");
  CHECK(listing(*comp("a[1:] = b\n", CompileMode::Exec)) ==
        "0 LOAD_GLOBAL b\n1 LOAD_GLOBAL a\n2 LOAD_SMALL_INT 1\n3 LOAD_NONE\n4 STORE_SLICE 2\n"
        "5 LOAD_NONE\n6 RETURN_VALUE\n");
  CHECK(listing(*comp("a[1, ::2]\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_SMALL_INT 1\n2 LOAD_NONE\n3 LOAD_NONE\n4 LOAD_SMALL_INT 2\n5 BUILD_SLICE 3\n"
        "6 BUILD_TUPLE 2\n7 BINARY_SUBSCR\n8 RETURN_VALUE\n");
  CHECK(listing(*comp("a[1, 2]\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_CONST (1,2)\n2 BINARY_SUBSCR\n3 RETURN_VALUE\n");
  CHECK(listing(*comp("a[i:, j]\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_GLOBAL i\n2 LOAD_NONE\n3 BUILD_SLICE 2\n4 LOAD_GLOBAL j\n5 BUILD_TUPLE 2\n"
        "6 BINARY_SUBSCR\n7 RETURN_VALUE\n");
  // Long displays are built incrementally so the stack stays small.
  std::string big = "[";
  for (int i = 0; i < 100; ++i) big += "x, ";
  auto co = comp(big + "]\n", CompileMode::Eval);
  CHECK(co->stacksize == 2);
  std::string bigd = "{";
  for (int i = 0; i < 100; ++i) bigd += "x: y, ";
  CHECK(comp(bigd + "}\n", CompileMode::Eval)->stacksize <= 40);
}

TEST_CASE("shape: f-strings") {
  CHECK(listing(*comp("f'a{x}b{y!r:>{w}}'\n", CompileMode::Eval)) ==
        "0 LOAD_CONST 'a'\n"
        "1 LOAD_GLOBAL x\n"
        "2 FORMAT_VALUE 0\n"
        "3 LOAD_CONST 'b'\n"
        "4 LOAD_GLOBAL y\n"
        "5 LOAD_CONST '>'\n"
        "6 LOAD_GLOBAL w\n"
        "7 FORMAT_VALUE 0\n"
        "8 BUILD_STRING 2\n"
        "9 FORMAT_VALUE 6\n"
        "10 BUILD_STRING 4\n"
        "11 RETURN_VALUE\n");
  CHECK(listing(*comp("f'{x!s}'\n", CompileMode::Eval)) == "0 LOAD_GLOBAL x\n1 FORMAT_VALUE 1\n2 RETURN_VALUE\n");
  CHECK(listing(*comp("f'{x!a}'\n", CompileMode::Eval)) == "0 LOAD_GLOBAL x\n1 FORMAT_VALUE 3\n2 RETURN_VALUE\n");
  CHECK(listing(*comp("f'plain'\n", CompileMode::Eval)) == "0 LOAD_CONST 'plain'\n1 RETURN_VALUE\n");
}

TEST_CASE("shape: comparisons, boolean operators and conditional jumps") {
  CHECK(listing(*comp("a < b\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_GLOBAL b\n2 COMPARE_LT\n3 RETURN_VALUE\n");
  CHECK(listing(*comp("a is not b\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_GLOBAL b\n2 IS_OP 1\n3 RETURN_VALUE\n");
  CHECK(listing(*comp("a not in b\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 LOAD_GLOBAL b\n2 CONTAINS_OP 1\n3 RETURN_VALUE\n");
  CHECK(listing(*comp("a < b <= c\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n"
        "1 LOAD_GLOBAL b\n"
        "2 SWAP 2\n"
        "3 COPY 2\n"
        "4 COMPARE_LT\n"
        "5 JUMP_IF_FALSE_OR_POP ->9\n"
        "6 LOAD_GLOBAL c\n"
        "7 COMPARE_LE\n"
        "8 JUMP ->11\n"
        "9 SWAP 2\n"
        "10 POP_TOP\n"
        "11 RETURN_VALUE\n");
  CHECK(listing(*comp("a and b or c\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL a\n1 JUMP_IF_FALSE_OR_POP ->3\n2 LOAD_GLOBAL b\n3 JUMP_IF_TRUE_OR_POP ->5\n"
        "4 LOAD_GLOBAL c\n5 RETURN_VALUE\n");
  CHECK(listing(*comp("not a\n", CompileMode::Eval)) == "0 LOAD_GLOBAL a\n1 UNARY_NOT\n2 RETURN_VALUE\n");
  CHECK(listing(*comp("x if c else y\n", CompileMode::Eval)) ==
        "0 LOAD_GLOBAL c\n1 POP_JUMP_IF_FALSE ->4\n2 LOAD_GLOBAL x\n3 JUMP ->5\n4 LOAD_GLOBAL y\n"
        "5 RETURN_VALUE\n");
  // In conditions, and/or/not/comparisons become jumps (no bools built).
  CHECK(listing(*comp("if not (a and b or c): f()\n")) ==
        "0 LOAD_GLOBAL a\n"
        "1 POP_JUMP_IF_FALSE ->4\n"
        "2 LOAD_GLOBAL b\n"
        "3 POP_JUMP_IF_TRUE ->9\n"
        "4 LOAD_GLOBAL c\n"
        "5 POP_JUMP_IF_TRUE ->9\n"
        "6 LOAD_GLOBAL f\n"
        "7 CALL 0\n"
        "8 POP_TOP\n"
        "9 LOAD_NONE\n"
        "10 RETURN_VALUE\n");
  CHECK(listing(*comp("if a < b < c: f()\n")) ==
        "0 LOAD_GLOBAL a\n"
        "1 LOAD_GLOBAL b\n"
        "2 SWAP 2\n"
        "3 COPY 2\n"
        "4 COMPARE_LT\n"
        "5 POP_JUMP_IF_FALSE ->10\n"
        "6 LOAD_GLOBAL c\n"
        "7 COMPARE_LT\n"
        "8 POP_JUMP_IF_FALSE ->15\n"
        "9 JUMP ->12\n"
        "10 POP_TOP\n"
        "11 JUMP ->15\n"
        "12 LOAD_GLOBAL f\n"
        "13 CALL 0\n"
        "14 POP_TOP\n"
        "15 LOAD_NONE\n"
        "16 RETURN_VALUE\n");
  // Constant conditions: no test, dead branches dropped.
  CHECK(listing(*comp("while True:\n    f()\n")) == "0 LOAD_GLOBAL f\n1 CALL 0\n2 POP_TOP\n3 JUMP ->0\n");
  CHECK(listing(*comp("if 0:\n    f()\nelse:\n    g()\n")) ==
        "0 LOAD_GLOBAL g\n1 CALL 0\n2 POP_TOP\n3 LOAD_NONE\n4 RETURN_VALUE\n");
}

TEST_CASE("shape: assignment targets, unpacking and augmented assignment") {
  CHECK(listing(*comp("a = b = c\n")) ==
        "0 LOAD_GLOBAL c\n1 COPY 1\n2 STORE_GLOBAL a\n3 STORE_GLOBAL b\n4 LOAD_NONE\n5 RETURN_VALUE\n");
  CHECK(listing(*comp("o.x, d[k] = v\n")) ==
        "0 LOAD_GLOBAL v\n1 UNPACK_SEQUENCE 2\n2 LOAD_GLOBAL o\n3 STORE_ATTR x\n4 LOAD_GLOBAL d\n"
        "5 LOAD_GLOBAL k\n6 STORE_SUBSCR\n7 LOAD_NONE\n8 RETURN_VALUE\n");
  CHECK(listing(*comp("a, *b, (c, d) = v\n")) ==
        "0 LOAD_GLOBAL v\n1 UNPACK_EX 257\n2 STORE_GLOBAL a\n3 STORE_GLOBAL b\n4 UNPACK_SEQUENCE 2\n"
        "5 STORE_GLOBAL c\n6 STORE_GLOBAL d\n7 LOAD_NONE\n8 RETURN_VALUE\n");
  CHECK(listing(*comp("o.a += 1\n")) ==
        "0 LOAD_GLOBAL o\n1 COPY 1\n2 LOAD_ATTR a\n3 LOAD_SMALL_INT 1\n4 INPLACE_ADD\n5 SWAP 2\n6 STORE_ATTR a\n"
        "7 LOAD_NONE\n8 RETURN_VALUE\n");
  CHECK(listing(*comp("d[i] -= 1\n")) ==
        "0 LOAD_GLOBAL d\n1 LOAD_GLOBAL i\n2 COPY 2\n3 COPY 2\n4 BINARY_SUBSCR\n5 LOAD_SMALL_INT 1\n"
        "6 INPLACE_SUB\n7 SWAP 3\n8 SWAP 2\n9 STORE_SUBSCR\n10 LOAD_NONE\n11 RETURN_VALUE\n");
  CHECK(listing(*comp("x **= 2\n")) ==
        "0 LOAD_GLOBAL x\n1 LOAD_SMALL_INT 2\n2 INPLACE_POW\n3 STORE_GLOBAL x\n4 LOAD_NONE\n5 RETURN_VALUE\n");
  CHECK(listing(*comp("x: int = 5\ny: int\no.z: int\n")) ==
        "0 LOAD_SMALL_INT 5\n1 STORE_GLOBAL x\n2 LOAD_GLOBAL o\n3 POP_TOP\n4 LOAD_NONE\n5 RETURN_VALUE\n");
  CHECK(listing(*comp("del a, o.b, c[1]\n")) ==
        "0 DELETE_GLOBAL a\n1 LOAD_GLOBAL o\n2 DELETE_ATTR b\n3 LOAD_GLOBAL c\n4 LOAD_SMALL_INT 1\n"
        "5 DELETE_SUBSCR\n6 LOAD_NONE\n7 RETURN_VALUE\n");
  CHECK(listing(*comp("(y := 5)\n")) ==
        "0 LOAD_SMALL_INT 5\n1 COPY 1\n2 STORE_GLOBAL y\n3 POP_TOP\n4 LOAD_NONE\n5 RETURN_VALUE\n");
}

TEST_CASE("shape: augmented assignment to a local's item or attribute reads the local again") {
  auto co = comp(
      "def f(b, i, x, o):\n"
      "    b[i] -= x\n"
      "    o.n += 1\n"
      "def g(b, j):\n"
      "    b[j] += (j := 2)\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(listing(*f) ==
        "0 LOAD_FAST b\n1 LOAD_FAST i\n2 BINARY_SUBSCR\n3 LOAD_FAST x\n4 INPLACE_SUB\n"
        "5 LOAD_FAST b\n6 LOAD_FAST i\n7 STORE_SUBSCR\n"
        "8 LOAD_FAST o\n9 LOAD_ATTR n\n10 LOAD_SMALL_INT 1\n11 INPLACE_ADD\n12 LOAD_FAST o\n13 STORE_ATTR n\n"
        "14 LOAD_NONE\n15 RETURN_VALUE\n");
  // j is rebound by := : the key is kept on the stack as before.
  const CodeProto* g = find_code(*co, "g");
  REQUIRE(g);
  CHECK(listing(*g).find("COPY 2\n") != std::string::npos);
}

TEST_CASE("shape: for/while loops with else, break and continue") {
  auto co = comp(
      "def f():\n"
      "    for x in y:\n"
      "        if x: continue\n"
      "        if x: break\n"
      "    else:\n"
      "        g()\n");
  CHECK(listing(*find_code(*co, "f")) ==
        "0 LOAD_GLOBAL y\n"
        "1 GET_ITER\n"
        "2 FOR_ITER ->12\n"
        "3 STORE_FAST x\n"
        "4 LOAD_FAST x\n"
        "5 POP_JUMP_IF_FALSE ->7\n"
        "6 JUMP ->2\n"
        "7 LOAD_FAST x\n"
        "8 POP_JUMP_IF_FALSE ->11\n"
        "9 POP_TOP\n"
        "10 JUMP ->15\n"
        "11 JUMP ->2\n"
        "12 LOAD_GLOBAL g\n"
        "13 CALL 0\n"
        "14 POP_TOP\n"
        "15 LOAD_NONE\n"
        "16 RETURN_VALUE\n");
  auto w = comp("while a:\n    if b: break\n    c()\nelse:\n    d()\n");
  CHECK(listing(*w) ==
        "0 LOAD_GLOBAL a\n"
        "1 POP_JUMP_IF_FALSE ->9\n"
        "2 LOAD_GLOBAL b\n"
        "3 POP_JUMP_IF_FALSE ->5\n"
        "4 JUMP ->12\n"
        "5 LOAD_GLOBAL c\n"
        "6 CALL 0\n"
        "7 POP_TOP\n"
        "8 JUMP ->0\n"
        "9 LOAD_GLOBAL d\n"
        "10 CALL 0\n"
        "11 POP_TOP\n"
        "12 LOAD_NONE\n"
        "13 RETURN_VALUE\n");
}

TEST_CASE("shape: comprehensions and generator expressions") {
  auto co = comp("def f(xs, k):\n    return [x + k for x in xs if x for y in x]\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(listing(*f) ==
        "0 LOAD_CLOSURE k\n"
        "1 BUILD_TUPLE 1\n"
        "2 LOAD_CONST <f.<locals>.<listcomp>>\n"
        "3 MAKE_FUNCTION 4\n"
        "4 LOAD_FAST xs\n"
        "5 GET_ITER\n"
        "6 CALL 1\n"
        "7 RETURN_VALUE\n");
  const CodeProto* lc = find_code(*co, "f.<locals>.<listcomp>");
  REQUIRE(lc);
  CHECK(lc->argcount == 1);
  CHECK(lc->varnames == std::vector<std::string>{".0", "x", "y"});
  CHECK(listing(*lc) ==
        "0 BUILD_LIST 0\n"
        "1 LOAD_FAST .0\n"
        "2 FOR_ITER ->16\n"
        "3 STORE_FAST x\n"
        "4 LOAD_FAST x\n"
        "5 POP_JUMP_IF_FALSE ->15\n"
        "6 LOAD_FAST x\n"
        "7 GET_ITER\n"
        "8 FOR_ITER ->15\n"
        "9 STORE_FAST y\n"
        "10 LOAD_FAST x\n"
        "11 LOAD_DEREF k\n"
        "12 BINARY_ADD\n"
        "13 LIST_APPEND 3\n"
        "14 JUMP ->8\n"
        "15 JUMP ->2\n"
        "16 RETURN_VALUE\n");
  auto g = comp("(x for x in y)\n");
  const CodeProto* ge = find_code(*g, "<genexpr>");
  REQUIRE(ge);
  CHECK(ge->flags == kCodeGenerator);
  CHECK(listing(*ge) ==
        "0 LOAD_FAST .0\n"
        "1 FOR_ITER ->7\n"
        "2 STORE_FAST x\n"
        "3 LOAD_FAST x\n"
        "4 YIELD_VALUE\n"
        "5 POP_TOP\n"
        "6 JUMP ->1\n"
        "7 LOAD_NONE\n"
        "8 RETURN_VALUE\n");
  auto d = comp("{k: v for k, v in items}\n");
  CHECK(listing(*find_code(*d, "<dictcomp>")) ==
        "0 BUILD_MAP 0\n"
        "1 LOAD_FAST .0\n"
        "2 FOR_ITER ->10\n"
        "3 UNPACK_SEQUENCE 2\n"
        "4 STORE_FAST k\n"
        "5 STORE_FAST v\n"
        "6 LOAD_FAST k\n"
        "7 LOAD_FAST v\n"
        "8 MAP_ADD 2\n"
        "9 JUMP ->2\n"
        "10 RETURN_VALUE\n");
  CHECK(listing(*find_code(*comp("{x for x in s}\n"), "<setcomp>")).find("SET_ADD 2") != std::string::npos);
}

TEST_CASE("shape: generators, yield from and await") {
  auto co = comp("def g():\n    x = yield\n    yield from x\n    return 5\n");
  const CodeProto* g = find_code(*co, "g");
  REQUIRE(g);
  CHECK(g->flags == kCodeGenerator);
  CHECK(listing(*g) ==
        "0 LOAD_NONE\n1 YIELD_VALUE\n2 STORE_FAST x\n3 LOAD_FAST x\n4 GET_YIELD_FROM_ITER\n5 LOAD_NONE\n"
        "6 YIELD_FROM\n7 POP_TOP\n8 LOAD_SMALL_INT 5\n9 RETURN_VALUE\n");
  auto a = comp("async def f():\n    return await x\n");
  const CodeProto* f = find_code(*a, "f");
  REQUIRE(f);
  CHECK(f->flags == kCodeCoroutine);
  CHECK(listing(*f) == "0 LOAD_GLOBAL x\n1 GET_AWAITABLE\n2 LOAD_NONE\n3 YIELD_FROM\n4 RETURN_VALUE\n");
  auto l = comp("lambda: (yield 1)\n");
  const CodeProto* lam = find_code(*l, "<lambda>");
  REQUIRE(lam);
  CHECK(lam->flags == kCodeGenerator);
  CHECK(listing(*lam) == "0 LOAD_SMALL_INT 1\n1 YIELD_VALUE\n2 POP_TOP\n3 LOAD_NONE\n4 RETURN_VALUE\n");
}

TEST_CASE("shape: imports") {
  CHECK(listing(*comp("import a\nimport a.b.c\nimport a.b as c\n")) ==
        "0 IMPORT_NAME a\n1 STORE_GLOBAL a\n"
        "2 IMPORT_NAME a.b.c\n3 POP_TOP\n4 IMPORT_NAME a\n5 STORE_GLOBAL a\n"
        "6 IMPORT_NAME a.b\n7 STORE_GLOBAL c\n"
        "8 LOAD_NONE\n9 RETURN_VALUE\n");
  CHECK(listing(*comp("from m import x, y as z\nfrom ..p import q\nfrom . import r\nfrom s import *\n")) ==
        "0 IMPORT_NAME m\n1 IMPORT_FROM x\n2 STORE_GLOBAL x\n3 IMPORT_FROM y\n4 STORE_GLOBAL z\n5 POP_TOP\n"
        "6 IMPORT_NAME ..p\n7 IMPORT_FROM q\n8 STORE_GLOBAL q\n9 POP_TOP\n"
        "10 IMPORT_NAME .\n11 IMPORT_FROM r\n12 STORE_GLOBAL r\n13 POP_TOP\n"
        "14 IMPORT_NAME s\n15 IMPORT_STAR\n16 LOAD_NONE\n17 RETURN_VALUE\n");
  auto f = comp("def f():\n    import os\n    from os import sep\n");
  CHECK(listing(*find_code(*f, "f")) ==
        "0 IMPORT_NAME os\n1 STORE_FAST os\n2 IMPORT_NAME os\n3 IMPORT_FROM sep\n4 STORE_FAST sep\n5 POP_TOP\n"
        "6 LOAD_NONE\n7 RETURN_VALUE\n");
}

TEST_CASE("shape: assert and raise") {
  CHECK(listing(*comp("assert x, 'm'\n")) ==
        "0 LOAD_GLOBAL x\n1 POP_JUMP_IF_TRUE ->6\n2 LOAD_ASSERTION_ERROR\n3 LOAD_CONST 'm'\n4 CALL 1\n"
        "5 RAISE_VARARGS 1\n6 LOAD_NONE\n7 RETURN_VALUE\n");
  CHECK(listing(*comp("assert x\n")) ==
        "0 LOAD_GLOBAL x\n1 POP_JUMP_IF_TRUE ->4\n2 LOAD_ASSERTION_ERROR\n3 RAISE_VARARGS 1\n4 LOAD_NONE\n"
        "5 RETURN_VALUE\n");
  CHECK(listing(*comp("raise\n")) == "0 RAISE_VARARGS 0\n");
  CHECK(listing(*comp("raise E from c\n")) == "0 LOAD_GLOBAL E\n1 LOAD_GLOBAL c\n2 RAISE_VARARGS 2\n");
}

TEST_CASE("modes: eval and interactive") {
  CHECK(listing(*comp("1 + x\n", CompileMode::Eval)) ==
        "0 LOAD_SMALL_INT 1\n1 LOAD_GLOBAL x\n2 BINARY_ADD\n3 RETURN_VALUE\n");
  CHECK(listing(*comp("x = 1\nx\n'doc'\n", CompileMode::Interactive)) ==
        "0 LOAD_SMALL_INT 1\n1 STORE_GLOBAL x\n2 LOAD_GLOBAL x\n3 PRINT_EXPR\n4 LOAD_CONST 'doc'\n5 PRINT_EXPR\n"
        "6 LOAD_NONE\n7 RETURN_VALUE\n");
  // Echo only at top level (a loop at top level echoes too, as in CPython).
  auto co = comp("for i in r: i\ndef f():\n    i\n", CompileMode::Interactive);
  CHECK(listing(*co).find("PRINT_EXPR") != std::string::npos);
  CHECK_FALSE(has_op(*find_code(*co, "f"), Op::PRINT_EXPR));
  // Exec mode: a module docstring sets __doc__, other constants are dropped.
  CHECK(listing(*comp("'mod doc'\n5\n")) ==
        "0 LOAD_CONST 'mod doc'\n1 STORE_GLOBAL __doc__\n2 LOAD_NONE\n3 RETURN_VALUE\n");
}

// ======================================================= exception tables

TEST_CASE("exceptions: try/except shape and table") {
  auto co = comp(
      "def f():\n"
      "    try:\n"
      "        a()\n"
      "    except E as e:\n"
      "        b()\n"
      "    except:\n"
      "        c()\n"
      "    else:\n"
      "        d()\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(listing(*f) ==
        "0 LOAD_GLOBAL a\n"
        "1 CALL 0\n"
        "2 POP_TOP\n"
        "3 LOAD_GLOBAL d\n"
        "4 CALL 0\n"
        "5 POP_TOP\n"
        "6 JUMP ->31\n"
        "7 PUSH_EXC_INFO\n"
        "8 LOAD_GLOBAL E\n"
        "9 CHECK_EXC_MATCH\n"
        "10 POP_JUMP_IF_FALSE ->24\n"
        "11 STORE_FAST e\n"
        "12 LOAD_GLOBAL b\n"
        "13 CALL 0\n"
        "14 POP_TOP\n"
        "15 POP_EXCEPT\n"
        "16 LOAD_NONE\n"
        "17 STORE_FAST e\n"
        "18 DELETE_FAST e\n"
        "19 JUMP ->31\n"
        "20 LOAD_NONE\n"
        "21 STORE_FAST e\n"
        "22 DELETE_FAST e\n"
        "23 POP_EXCEPT_RERAISE\n"
        "24 POP_TOP\n"
        "25 LOAD_GLOBAL c\n"
        "26 CALL 0\n"
        "27 POP_TOP\n"
        "28 POP_EXCEPT\n"
        "29 JUMP ->31\n"
        "30 POP_EXCEPT_RERAISE\n"
        "31 LOAD_NONE\n"
        "32 RETURN_VALUE\n");
  // The handler sees (exc) at depth 0; the cleanup region keeps `prev` (depth 1).
  CHECK(exc_table(*f) ==
        "0-3 ->7 [0]\n"
        "8-12 ->30 [1]\n"
        "12-15 ->20 [1]\n"
        "24-28 ->30 [1]\n");
  CHECK(f->stacksize == 3);
}

TEST_CASE("exceptions: no matching handler re-raises") {
  auto co = comp("try:\n    a\nexcept E:\n    b\n");
  CHECK(listing(*co) ==
        "0 LOAD_GLOBAL a\n"
        "1 POP_TOP\n"
        "2 JUMP ->14\n"
        "3 PUSH_EXC_INFO\n"
        "4 LOAD_GLOBAL E\n"
        "5 CHECK_EXC_MATCH\n"
        "6 POP_JUMP_IF_FALSE ->12\n"
        "7 POP_TOP\n"
        "8 LOAD_GLOBAL b\n"
        "9 POP_TOP\n"
        "10 POP_EXCEPT\n"
        "11 JUMP ->14\n"
        "12 POP_EXCEPT_RERAISE\n"
        "13 POP_EXCEPT_RERAISE\n"
        "14 LOAD_NONE\n"
        "15 RETURN_VALUE\n");
  CHECK(exc_table(*co) == "0-2 ->3 [0]\n4-10 ->13 [1]\n");
}

TEST_CASE("exceptions: try/finally shape and table") {
  auto co = comp("def f():\n    try:\n        a()\n    finally:\n        b()\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(listing(*f) ==
        "0 LOAD_GLOBAL a\n"
        "1 CALL 0\n"
        "2 POP_TOP\n"
        "3 LOAD_GLOBAL b\n"
        "4 CALL 0\n"
        "5 POP_TOP\n"
        "6 JUMP ->13\n"
        "7 PUSH_EXC_INFO\n"
        "8 LOAD_GLOBAL b\n"
        "9 CALL 0\n"
        "10 POP_TOP\n"
        "11 POP_EXCEPT_RERAISE\n"
        "12 POP_EXCEPT_RERAISE\n"
        "13 LOAD_NONE\n"
        "14 RETURN_VALUE\n");
  CHECK(exc_table(*f) == "0-3 ->7 [0]\n8-11 ->12 [1]\n");
}

TEST_CASE("exceptions: with shape and table") {
  auto co = comp("def f():\n    with m() as x:\n        b()\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  CHECK(listing(*f) ==
        "0 LOAD_GLOBAL m\n"
        "1 CALL 0\n"
        "2 BEFORE_WITH\n"
        "3 STORE_FAST x\n"
        "4 LOAD_GLOBAL b\n"
        "5 CALL 0\n"
        "6 POP_TOP\n"
        "7 WITH_EXIT\n"
        "8 JUMP ->18\n"
        "9 PUSH_EXC_INFO\n"
        "10 WITH_EXCEPT_START\n"
        "11 POP_JUMP_IF_TRUE ->13\n"
        "12 POP_EXCEPT_RERAISE\n"
        "13 POP_TOP\n"
        "14 POP_EXCEPT\n"
        "15 POP_TOP\n"
        "16 JUMP ->18\n"
        "17 POP_EXCEPT_RERAISE\n"
        "18 LOAD_NONE\n"
        "19 RETURN_VALUE\n");
  // W unwinds to (exit); C keeps (exit prev).
  CHECK(exc_table(*f) == "3-7 ->9 [1]\n10-12 ->17 [2]\n");
  CHECK(f->stacksize == 4);
}

TEST_CASE("exceptions: nested regions are innermost-first and never overlap") {
  auto co = comp(
      "def f():\n"
      "    for i in r:\n"
      "        try:\n"
      "            try:\n"
      "                a()\n"
      "            except E:\n"
      "                b()\n"
      "        finally:\n"
      "            c()\n");
  const CodeProto* f = find_code(*co, "f");
  REQUIRE(f);
  const auto& tab = f->exception_table;
  REQUIRE(tab.size() >= 3);
  for (size_t i = 0; i < tab.size(); ++i) {
    CHECK(tab[i].start < tab[i].end);
    CHECK(tab[i].handler < f->code.size());
    if (i) CHECK(tab[i - 1].end <= tab[i].start);
  }
  // Inside the loop every region keeps the iterator (depth 1).
  CHECK(tab[0].depth == 1);
  CHECK(tab[0].start == 4);  // a() (after STORE_FAST i) is covered by the inner handler first
}

TEST_CASE("exceptions: return/break/continue unwind blocks") {
  // return inside with: the value waits under the exit function.
  auto w = comp("def f():\n    with m():\n        return x\n");
  CHECK(listing(*find_code(*w, "f")).starts_with(
      "0 LOAD_GLOBAL m\n1 CALL 0\n2 BEFORE_WITH\n3 POP_TOP\n4 LOAD_GLOBAL x\n5 SWAP 2\n6 WITH_EXIT\n"
      "7 RETURN_VALUE\n"));
  CHECK(exc_table(*find_code(*w, "f")).starts_with("3-5 ->"));
  // return inside try/finally: the finally body is inlined, outside the region.
  auto tf = comp("def f():\n    try:\n        return g()\n    finally:\n        h()\n");
  const CodeProto* f = find_code(*tf, "f");
  CHECK(listing(*f).starts_with(
      "0 LOAD_GLOBAL g\n1 CALL 0\n2 LOAD_GLOBAL h\n3 CALL 0\n4 POP_TOP\n5 RETURN_VALUE\n6 PUSH_EXC_INFO\n"));
  CHECK(exc_table(*f).starts_with("0-2 ->6 [0]\n"));
  // return inside an except handler inside a for loop.
  auto h = comp("def f():\n    for i in r:\n        try:\n            g()\n        except E as e:\n            return e\n");
  std::string l = listing(*find_code(*h, "f"));
  // Stack: iterator, prev, e → swap e under prev, POP_EXCEPT, clear e, drop the iterator.
  CHECK(l.find("13 LOAD_FAST e\n"
               "14 SWAP 2\n"
               "15 POP_EXCEPT\n"
               "16 LOAD_NONE\n"
               "17 STORE_FAST e\n"
               "18 DELETE_FAST e\n"
               "19 SWAP 2\n"
               "20 POP_TOP\n"
               "21 RETURN_VALUE\n") != std::string::npos);
  // break out of a finally body running for an exception.
  auto b = comp("def f():\n    for i in r:\n        try:\n            g()\n        finally:\n            break\n");
  std::string lb = listing(*find_code(*b, "f"));
  CHECK(lb.find("6 POP_TOP\n7 POP_TOP\n8 JUMP ->14\n") != std::string::npos);  // normal path
  CHECK(lb.find("9 PUSH_EXC_INFO\n10 POP_TOP\n11 POP_EXCEPT\n12 POP_TOP\n13 JUMP ->14\n") != std::string::npos);
  // A constant return value is loaded after the unwinding.
  auto c = comp("def f():\n    for i in r:\n        with m():\n            return 1\n");
  CHECK(listing(*find_code(*c, "f")).find("7 POP_TOP\n8 WITH_EXIT\n9 POP_TOP\n10 LOAD_SMALL_INT 1\n11 RETURN_VALUE\n") !=
        std::string::npos);
}

TEST_CASE("exceptions: return in a finally body that runs for a return drops the pending value") {
  auto co = comp(
      "def f():\n"
      "    for i in r:\n"
      "        try:\n"
      "            return g()\n"
      "        finally:\n"
      "            continue\n");
  std::string l = listing(*find_code(*co, "f"));
  // The inlined finally's `continue` pops the pending return value, then jumps.
  CHECK(l.find("LOAD_GLOBAL g\n5 CALL 0\n6 POP_TOP\n7 JUMP ->2\n") != std::string::npos);
}

// ========================================================= stack depth

TEST_CASE("stack depth: nested constructs") {
  CHECK(comp("x = 1\n")->stacksize == 1);
  CHECK(comp("f(a, b, c)\n")->stacksize == 4);
  CHECK(comp("f(a, g(b, h(c, d)))\n")->stacksize == 7);
  CHECK(comp("a + (b + (c + (d + e)))\n")->stacksize == 5);
  CHECK(comp("o.m(a, b)\n")->stacksize == 4);
  CHECK(comp("[x for x in y]\n")->stacksize == 2);
  CHECK(find_code(*comp("[x for x in y]\n"), "<listcomp>")->stacksize == 3);
  CHECK(find_code(*comp("[x for a in b for c in d for x in c]\n"), "<listcomp>")->stacksize == 5);
  CHECK(comp("a < b < c\n")->stacksize == 3);
  // Three nested with blocks: exit functions stack up, plus the handler's 3 values.
  auto co = comp("def f():\n    with a:\n        with b:\n            with c:\n                pass\n");
  CHECK(find_code(*co, "f")->stacksize == 6);
  // A try inside a for: iterator + (prev, exc) + the handler's type and match result.
  auto t = comp("def f():\n    for i in r:\n        try:\n            g\n        except E:\n            pass\n");
  CHECK(find_code(*t, "f")->stacksize == 4);
  // Long call argument lists are not split (CALL n), but displays are.
  std::string src = "f(";
  for (int i = 0; i < 50; ++i) src += "1, ";
  CHECK(comp(src + ")\n")->stacksize == 51);
}

// ========================================================= line numbers

TEST_CASE("lines: instructions carry the line of their sub-expression") {
  auto co = comp("x = f(\n    a,\n    b.c,\n)\n");
  CHECK(listing(*co) ==
        "0 LOAD_GLOBAL f\n1 LOAD_GLOBAL a\n2 LOAD_GLOBAL b\n3 LOAD_ATTR c\n4 CALL 2\n5 STORE_GLOBAL x\n"
        "6 LOAD_NONE\n7 RETURN_VALUE\n");
  CHECK(co->lines == std::vector<int32_t>{1, 2, 3, 3, 1, 1, 1, 1});
  auto f = comp("def f():\n    a = 1\n\n    return a\n");
  CHECK(find_code(*f, "f")->lines == std::vector<int32_t>{2, 2, 4, 4});
  CHECK(find_code(*f, "f")->firstlineno == 1);
}

// ================================================== every node kind compiles

TEST_CASE("coverage: every statement and expression kind compiles") {
  const char* src =
      "import a.b as c, d\n"
      "from .e import f as g, h\n"
      "from i import *\n"
      "global j\n"
      "x = y = 1\n"
      "x += 2\n"
      "x: int = 3\n"
      "del x\n"
      "@dec\n"
      "def fn(p, /, q=1, *r, s, t=2, **u):\n"
      "    'doc'\n"
      "    nonlocal_target = 0\n"
      "    def inner():\n"
      "        nonlocal nonlocal_target\n"
      "        nonlocal_target = 1\n"
      "    v = yield p\n"
      "    w = yield from q\n"
      "    return (lambda k=1, *, m: k)(m=2)\n"
      "async def co():\n"
      "    return await fn(1, s=2)\n"
      "@dec\n"
      "class K(Base):\n"
      "    '''class doc'''\n"
      "    attr = 1\n"
      "    def meth(self):\n"
      "        return super().meth(), __class__\n"
      "if x:\n"
      "    pass\n"
      "elif y:\n"
      "    pass\n"
      "else:\n"
      "    pass\n"
      "while x:\n"
      "    if y: break\n"
      "    continue\n"
      "else:\n"
      "    pass\n"
      "for (aa, *bb), cc in dd:\n"
      "    pass\n"
      "else:\n"
      "    pass\n"
      "try:\n"
      "    raise E from F\n"
      "except (E, F) as err:\n"
      "    raise\n"
      "except G:\n"
      "    pass\n"
      "else:\n"
      "    pass\n"
      "finally:\n"
      "    pass\n"
      "with ctx() as (ww, xx), ctx2():\n"
      "    pass\n"
      "assert x, 'msg'\n"
      "z = (1, 2.5, 'str', b'bytes', None, True, False, ..., 10**30, -1, +x, ~x, not x)\n"
      "z = [x, *y], {x, *y}, {x: y, **z}, (x, *y)\n"
      "z = f'{x!r:>{y}} {x!s} {x!a} {x}'\n"
      "z = x if y else z\n"
      "z = x and y or z\n"
      "z = x < y <= z != x is y is not z in x not in y\n"
      "z = x.y[1:2, ::3, 4][x]\n"
      "z = [i for i in x if i], {i for i in x}, {i: j for i, j in x}, (i for i in x)\n"
      "z = (w := 5)\n"
      "z = f(*a, b, **c, d=1)\n"
      "z = x @ y // z % x ** y << z >> x | y ^ z & x - y / z * x\n";
  auto co = comp(src);
  REQUIRE(co);
  CHECK(co->code.size() == co->lines.size());
  // Every nested code object is well formed.
  std::function<void(const CodeProto&)> check = [&](const CodeProto& c) {
    CHECK(c.code.size() == c.lines.size());
    CHECK(c.cell2arg.size() == c.cellvars.size());
    CHECK(c.stacksize >= 0);
    for (Instr ins : c.code) CHECK(static_cast<int>(instr_op(ins)) < static_cast<int>(Op::kCount));
    for (const auto& e : c.exception_table) {
      CHECK(e.start < e.end);
      CHECK(e.end <= c.code.size());
      CHECK(e.handler < c.code.size());
      CHECK(static_cast<int>(e.depth) < c.stacksize);
    }
    for (const auto& k : c.consts)
      if (k.type == Const::Type::Code) check(*k.code);
  };
  check(*co);
  CHECK(find_code(*co, "fn")->flags == (kCodeGenerator | kCodeVarargs | kCodeVarkeywords));
  CHECK(find_code(*co, "co")->flags == kCodeCoroutine);
}

TEST_CASE("coverage: hand-built AST nodes the parser rarely produces") {
  // A bare Slice outside a subscript, an empty JoinedStr and a Starred in
  // Store context outside a tuple.
  ast::Module m;
  auto sl = node<ast::Slice>();
  sl->lower = int_const(1);
  m.body.push_back(expr_stmt(std::move(sl)));
  m.body.push_back(expr_stmt(node<ast::JoinedStr>()));
  auto co = compile(m, "<hand>");
  CHECK(listing(*co) ==
        "0 LOAD_SMALL_INT 1\n1 LOAD_NONE\n2 BUILD_SLICE 2\n3 POP_TOP\n4 LOAD_CONST ''\n5 POP_TOP\n6 LOAD_NONE\n"
        "7 RETURN_VALUE\n");
  ast::Module bad;
  auto assign = node<ast::Assign>();
  auto star = node<ast::Starred>();
  star->value = name("a", ast::Ctx::Store);
  star->ctx = ast::Ctx::Store;
  assign->targets.push_back(std::move(star));
  assign->value = int_const(1);
  bad.body.push_back(std::move(assign));
  try {
    compile(bad, "<hand>");
    FAIL("expected a SyntaxError");
  } catch (const SyntaxError& e) {
    CHECK(e.msg == "starred assignment target must be in a list or tuple");
  }
  // Eval mode needs exactly one expression statement.
  ast::Module empty;
  CHECK_THROWS_AS(compile(empty, "<hand>", CompileMode::Eval), SyntaxError);
}

// ============================================================ disassembly

TEST_CASE("disassemble: listing with names, constants, jumps, nested code and table") {
  auto co = comp("def f(a):\n    try:\n        return a.b\n    except E:\n        return 'x'\n");
  std::string d = disassemble(*co);
  CHECK(d ==
        "Disassembly of <module> (<module>), line 1:\n"
        "  flags=MODULE argcount=0 posonly=0 kwonly=0 stacksize=1\n"
        "   1       0 LOAD_CONST            0 (<code f>)\n"
        "           1 MAKE_FUNCTION         0\n"
        "           2 STORE_GLOBAL          0 (f)\n"
        "           3 LOAD_NONE\n"
        "           4 RETURN_VALUE\n"
        "\n"
        "Disassembly of f (f), line 1:\n"
        "  flags=0 argcount=1 posonly=0 kwonly=0 stacksize=3\n"
        "  varnames: a\n"
        "   3       0 LOAD_FAST             0 (a)\n"
        "           1 LOAD_ATTR             0 (b)\n"
        "           2 RETURN_VALUE\n"
        "   4 >>    3 PUSH_EXC_INFO\n"
        "           4 LOAD_GLOBAL           1 (E)\n"
        "           5 CHECK_EXC_MATCH\n"
        "           6 POP_JUMP_IF_FALSE     11 (to 11)\n"
        "           7 POP_TOP\n"
        "   5       8 POP_EXCEPT\n"
        "           9 LOAD_CONST            1 ('x')\n"
        "          10 RETURN_VALUE\n"
        "   4 >>   11 POP_EXCEPT_RERAISE\n"
        "     >>   12 POP_EXCEPT_RERAISE\n"
        "  ExceptionTable:\n"
        "    0 to 2 -> 3 [0]\n"
        "    4 to 8 -> 12 [1]\n");
}

}  // TEST_SUITE
