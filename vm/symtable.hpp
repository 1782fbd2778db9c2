// Scope analysis: the compiler's first pass (CPython's symtable.c, simplified).
//
// build() walks the AST once, creating a Scope per module, function, lambda,
// comprehension / generator expression and class body, and recording how each
// name is used there (assigned, used, parameter, declared global/nonlocal...).
// It then resolves every name to one of: a fast local, a cell (a local that a
// nested function captures), a free variable (captured from an enclosing
// function), an explicit global (`global x`) or an implicit global (never
// bound in any enclosing function: globals, then builtins).
//
// Class bodies are skipped when resolving the names of the functions nested in
// them, as in Python. A function nested in a class that uses `super` or
// `__class__` gets the free variable `__class__`; the class body then has the
// cellvar `__class__` (needs_class_closure).
//
// Names are stored mangled (`__x` inside `class C` is `_C__x`), so the code
// generator must mangle with the same private name before looking up.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/ast.hpp"

namespace lockvm::symtable {

enum class BlockType : uint8_t { Module, Function, Class };

// Which kind of comprehension a Function scope is (None for def/lambda).
enum class CompKind : uint8_t { None, List, Set, Dict, Generator };

// Resolved scope of a name in one block.
enum class NameScope : uint8_t {
  Unknown = 0,     // not mentioned in this block (names the compiler invents)
  Local,           // fast local in a function; namespace entry in a class; global in a module
  GlobalExplicit,  // declared `global` here, or by an enclosing function
  GlobalImplicit,  // not bound in any enclosing function: globals, then builtins
  Free,            // captured from an enclosing function (a cell passed in)
  Cell,            // local here and captured by a nested function
};

// Raw facts collected by the first pass (CPython's DEF_* flags).
enum SymFlag : uint32_t {
  kDefGlobal = 1u << 0,     // `global x`
  kDefLocal = 1u << 1,      // assigned/deleted/bound here
  kDefParam = 1u << 2,      // a parameter
  kDefNonlocal = 1u << 3,   // `nonlocal x`
  kUse = 1u << 4,           // read here
  kDefFreeClass = 1u << 5,  // class binds it and a method captures an outer variable of the same name
  kDefImport = 1u << 6,     // bound by import
  kDefAnnot = 1u << 7,      // annotated (`x: int`)
  kDefCompIter = 1u << 8,   // a comprehension iteration variable
  kDefNamedExpr = 1u << 9,  // bound by `:=` somewhere in the block (or a comprehension in it)
  kDefBound = kDefLocal | kDefParam | kDefImport,
};

struct Symbol {
  uint32_t flags = 0;
  NameScope scope = NameScope::Unknown;
};

struct Scope {
  BlockType type = BlockType::Module;
  CompKind comprehension = CompKind::None;
  bool is_lambda = false;
  std::string name;          // "<module>", function/class name, "<lambda>", "<listcomp>", ...
  const void* node = nullptr;  // the AST node (Module, FunctionDef, ClassDef, Lambda, comprehension expr)
  ast::Pos pos;
  Scope* parent = nullptr;
  std::vector<std::unique_ptr<Scope>> children;  // in source order

  // Mangling prefix in effect inside this block (the innermost enclosing
  // class name, or empty).
  std::string private_name;

  // First-pass facts.
  std::unordered_map<std::string, Symbol> symbols;
  std::vector<std::string> symbol_order;  // names in order of first mention
  std::vector<std::string> params;        // parameter names (mangled), in varnames order
  std::unordered_map<std::string, ast::Pos> directives;  // global/nonlocal statement positions
  bool nested = false;      // inside a function (directly or through classes)
  bool generator = false;   // contains yield / yield from, or is a genexp
  bool coroutine = false;   // async def
  bool varargs = false;
  bool varkeywords = false;
  bool has_free = false;    // has free variables
  bool child_free = false;  // a nested block has free variables
  bool needs_class_closure = false;  // class body: a method uses __class__/super
  int comp_iter_expr = 0;   // >0 while visiting a comprehension's iterable
  bool comp_iter_target = false;  // while visiting a comprehension's target

  // Results of the analysis (function, lambda and comprehension blocks fill
  // varnames; cellvars/freevars are sorted, as in CPython).
  std::vector<std::string> varnames;  // parameters first, then other fast locals
  std::vector<std::string> cellvars;
  std::vector<int> cell2arg;          // per cellvar: index in varnames or -1
  std::vector<std::string> freevars;

  NameScope scope_of(const std::string& mangled) const {
    auto it = symbols.find(mangled);
    return it == symbols.end() ? NameScope::Unknown : it->second.scope;
  }
  uint32_t flags_of(const std::string& mangled) const {
    auto it = symbols.find(mangled);
    return it == symbols.end() ? 0 : it->second.flags;
  }
  bool is_function() const { return type == BlockType::Function; }
  bool is_comprehension() const { return comprehension != CompKind::None; }
};

class SymbolTable {
 public:
  // Throws lockvm::SyntaxError.
  static std::unique_ptr<SymbolTable> build(const ast::Module& module, std::string_view filename);

  Scope* top() const { return top_.get(); }
  // The scope created for an AST node (Module, FunctionDef, ClassDef, Lambda,
  // ListComp/SetComp/DictComp/GeneratorExp); nullptr if none.
  Scope* lookup(const void* node) const {
    auto it = by_node_.find(node);
    return it == by_node_.end() ? nullptr : it->second;
  }

 private:
  friend class Builder;
  std::unique_ptr<Scope> top_;
  std::unordered_map<const void*, Scope*> by_node_;
};

// CPython's _Py_Mangle: `__spam` inside `class _Ham` becomes `_Ham__spam`
// (not dunder names, dotted names, or when the class name is all underscores).
std::string mangle(std::string_view private_name, const std::string& name);

// Nesting limit shared by the symbol-table pass and the code generator.
// The parser already limits nesting to 1500 levels; this bound only stops
// hand-built trees (the recursion costs under 1 KB of stack per level in
// optimized builds, about 2.5 KB with ASan).
inline constexpr int kMaxNesting = 2000;

}  // namespace lockvm::symtable
