// Scope analysis (vm/symtable.cpp): which names are locals, cells, free
// variables or globals in each block, the facts the compiler reads from it
// (varnames, cellvars, cell2arg, flags), and CPython's rules for class
// bodies, comprehensions, `:=`, private names and generators.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "vm/ast.hpp"
#include "vm/parser.hpp"
#include "vm/symtable.hpp"

namespace {

using namespace lockvm;
using symtable::NameScope;

struct Symtab {
  ast::Module module;
  std::unique_ptr<symtable::SymbolTable> table;
  explicit Symtab(std::string_view src) : module(parse(src, "<test>")) {
    table = symtable::SymbolTable::build(module, "<test>");
  }
  // Scope by name path, e.g. {"f", "g"}: the first child with each name.
  symtable::Scope* scope(std::initializer_list<std::string_view> path) const {
    symtable::Scope* s = table->top();
    for (auto name : path) {
      symtable::Scope* next = nullptr;
      for (auto& c : s->children)
        if (c->name == name) {
          next = c.get();
          break;
        }
      REQUIRE_MESSAGE(next, "no scope named " << name);
      s = next;
    }
    return s;
  }
};

}  // namespace

TEST_SUITE("symtable") {

TEST_CASE("symtable: locals, cells, free variables and globals") {
  Symtab st(
      "x = 1\n"
      "def f(a, b=1, *args, c, **kw):\n"
      "    y = a\n"
      "    z = 2\n"
      "    def g():\n"
      "        return y + x + unknown\n"
      "    return g\n");
  auto* top = st.table->top();
  CHECK(top->scope_of("x") == NameScope::Local);
  CHECK(top->scope_of("f") == NameScope::Local);
  auto* f = st.scope({"f"});
  CHECK(f->scope_of("a") == NameScope::Local);
  CHECK(f->scope_of("y") == NameScope::Cell);
  CHECK(f->scope_of("z") == NameScope::Local);
  CHECK(f->scope_of("g") == NameScope::Local);
  CHECK(f->varnames == std::vector<std::string>{"a", "b", "c", "args", "kw", "z", "g"});
  CHECK(f->cellvars == std::vector<std::string>{"y"});
  CHECK(f->cell2arg == std::vector<int>{-1});
  CHECK(f->varargs);
  CHECK(f->varkeywords);
  auto* g = st.scope({"f", "g"});
  CHECK(g->scope_of("y") == NameScope::Free);
  CHECK(g->scope_of("x") == NameScope::GlobalImplicit);
  CHECK(g->scope_of("unknown") == NameScope::GlobalImplicit);
  CHECK(g->freevars == std::vector<std::string>{"y"});
  CHECK(g->nested);
  CHECK_FALSE(f->nested);
}

TEST_CASE("symtable: a captured parameter is a cell with cell2arg") {
  Symtab st("def f(p, q):\n    return lambda: q\n");
  auto* f = st.scope({"f"});
  CHECK(f->scope_of("q") == NameScope::Cell);
  CHECK(f->cellvars == std::vector<std::string>{"q"});
  CHECK(f->cell2arg == std::vector<int>{1});
  CHECK(f->varnames == std::vector<std::string>{"p", "q"});
  auto* lam = st.scope({"f", "<lambda>"});
  CHECK(lam->scope_of("q") == NameScope::Free);
}

TEST_CASE("symtable: global and nonlocal declarations") {
  Symtab st(
      "def f():\n"
      "    global g\n"
      "    g = 1\n"
      "    n = 0\n"
      "    def inner():\n"
      "        nonlocal n\n"
      "        n += 1\n"
      "        def deeper():\n"
      "            return n + g\n"
      "    return inner\n");
  auto* f = st.scope({"f"});
  CHECK(f->scope_of("g") == NameScope::GlobalExplicit);
  CHECK(f->scope_of("n") == NameScope::Cell);
  auto* inner = st.scope({"f", "inner"});
  CHECK(inner->scope_of("n") == NameScope::Free);
  auto* deeper = st.scope({"f", "inner", "deeper"});
  CHECK(deeper->scope_of("n") == NameScope::Free);
  // A name declared global in an enclosing function is an (implicit) global below it.
  CHECK(deeper->scope_of("g") == NameScope::GlobalImplicit);
  CHECK(st.table->top()->scope_of("g") == NameScope::GlobalExplicit);
}

TEST_CASE("symtable: class bodies are skipped when resolving free variables") {
  Symtab st(
      "def f():\n"
      "    x = 1\n"
      "    class C:\n"
      "        x = 2\n"
      "        y = x\n"
      "        def m(self):\n"
      "            return x\n"
      "    return C\n");
  auto* c = st.scope({"f", "C"});
  CHECK(c->type == symtable::BlockType::Class);
  CHECK(c->scope_of("x") == NameScope::Local);
  // The method's x is f's x: the class passes it through as a free variable.
  CHECK(c->freevars == std::vector<std::string>{"x"});
  auto* m = st.scope({"f", "C", "m"});
  CHECK(m->scope_of("x") == NameScope::Free);
  CHECK(st.scope({"f"})->scope_of("x") == NameScope::Cell);
}

TEST_CASE("symtable: super() and __class__ create the class cell") {
  Symtab st(
      "class A:\n"
      "    def m(self):\n"
      "        return super().m()\n"
      "    def n(self):\n"
      "        return 1\n"
      "class B:\n"
      "    def m(self):\n"
      "        return __class__\n");
  auto* a = st.scope({"A"});
  CHECK(a->needs_class_closure);
  CHECK(a->cellvars == std::vector<std::string>{"__class__"});
  CHECK(st.scope({"A", "m"})->scope_of("__class__") == NameScope::Free);
  CHECK(st.scope({"A", "m"})->freevars == std::vector<std::string>{"__class__"});
  CHECK(st.scope({"A", "n"})->freevars.empty());
  CHECK(st.scope({"B"})->needs_class_closure);
  // super outside a class: __class__ is just an (unused) global.
  Symtab st2("def f():\n    return super()\n");
  CHECK(st2.scope({"f"})->scope_of("__class__") == NameScope::GlobalImplicit);
}

TEST_CASE("symtable: comprehensions are functions with an implicit .0") {
  Symtab st(
      "def f(items):\n"
      "    k = 3\n"
      "    return [x * k for x in items if x], {y for y in items}, (z for z in items)\n");
  auto* f = st.scope({"f"});
  CHECK(f->scope_of("k") == NameScope::Cell);
  CHECK(f->scope_of("x") == NameScope::Unknown);  // not bound in f
  auto* lc = st.scope({"f", "<listcomp>"});
  CHECK(lc->comprehension == symtable::CompKind::List);
  CHECK(lc->params == std::vector<std::string>{".0"});
  CHECK(lc->varnames == std::vector<std::string>{".0", "x"});
  CHECK(lc->scope_of("k") == NameScope::Free);
  CHECK(lc->scope_of("items") == NameScope::Unknown);  // the outermost iterable is evaluated in f
  CHECK(st.scope({"f", "<setcomp>"})->comprehension == symtable::CompKind::Set);
  auto* ge = st.scope({"f", "<genexpr>"});
  CHECK(ge->generator);
}

TEST_CASE("symtable: walrus in a comprehension binds in the enclosing function") {
  Symtab st("def f(data):\n    r = [last := v for v in data]\n    return last\n");
  auto* f = st.scope({"f"});
  CHECK(f->scope_of("last") == NameScope::Cell);
  CHECK(st.scope({"f", "<listcomp>"})->scope_of("last") == NameScope::Free);
  Symtab st2("r = [last := v for v in data]\n");
  CHECK(st2.table->top()->scope_of("last") == NameScope::GlobalExplicit);
  CHECK(st2.scope({"<listcomp>"})->scope_of("last") == NameScope::GlobalExplicit);
}

TEST_CASE("symtable: private names are mangled inside classes") {
  CHECK(symtable::mangle("C", "__x") == "_C__x");
  CHECK(symtable::mangle("_C", "__x") == "_C__x");
  CHECK(symtable::mangle("C", "__x__") == "__x__");
  CHECK(symtable::mangle("C", "_x") == "_x");
  CHECK(symtable::mangle("___", "__x") == "__x");
  CHECK(symtable::mangle("", "__x") == "__x");
  CHECK(symtable::mangle("C", "__a.b") == "__a.b");
  Symtab st("class C:\n    __p = 1\n    def m(self, __q):\n        return self.__p + __q\n");
  CHECK(st.scope({"C"})->scope_of("_C__p") == NameScope::Local);
  CHECK(st.scope({"C", "m"})->varnames == std::vector<std::string>{"self", "_C__q"});
}

TEST_CASE("symtable: generator and coroutine flags") {
  Symtab st(
      "def g():\n    yield 1\n"
      "def h():\n    return (lambda: (yield))\n"
      "async def a():\n    await x\n");
  CHECK(st.scope({"g"})->generator);
  CHECK_FALSE(st.scope({"h"})->generator);
  CHECK(st.scope({"h", "<lambda>"})->generator);
  CHECK(st.scope({"a"})->coroutine);
  CHECK_FALSE(st.scope({"a"})->generator);
}

TEST_CASE("symtable: names bound by := are flagged, in the function a comprehension's := binds in") {
  Symtab st(
      "def f(b, j, k):\n"
      "    b[j] += (j := 2)\n"
      "    return [y for y in b if (k := y)]\n"
      "def g(b, j):\n"
      "    b[j] += 1\n");
  auto* f = st.scope({"f"});
  CHECK((f->flags_of("j") & symtable::kDefNamedExpr) != 0);
  CHECK((f->flags_of("k") & symtable::kDefNamedExpr) != 0);
  CHECK((f->flags_of("b") & symtable::kDefNamedExpr) == 0);
  CHECK((st.scope({"f", "<listcomp>"})->flags_of("k") & symtable::kDefNamedExpr) != 0);
  CHECK((st.scope({"g"})->flags_of("j") & symtable::kDefNamedExpr) == 0);
}

}  // TEST_SUITE
