// Internal to the compiler (compiler.cpp, compiler_stmt.cpp,
// compiler_expr.cpp): the code generator's state.
//
// Code is emitted linearly into a Unit (one per code object). Jumps name
// Labels that are patched at the end. Each emitted instruction records the
// innermost active exception handler; the exception table is the run-length
// encoding of that, so its entries never overlap (the inline copies of a
// finally body that `return`/`break` emit are simply not covered by the
// try's handler). Code that cannot be reached (after a jump, return or raise,
// until a label some live jump targets) is not emitted, which also keeps the
// stack-depth bookkeeping exact.
#pragma once

#include <cstdint>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/ast.hpp"
#include "vm/code.hpp"
#include "vm/compiler.hpp"
#include "vm/symtable.hpp"

namespace lockvm::detail {

// Net stack effect of an instruction; `jump` selects the effect on the jump
// path for conditional jumps and FOR_ITER.
int stack_effect(Op op, uint32_t arg, bool jump);
bool is_jump(Op op);
bool is_terminator(Op op);  // control never falls through

// CPython's fblock kinds (compiler_unwind_fblock).
enum class FBlockType : uint8_t {
  WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, AsyncWith, HandlerCleanup,
  PopValue, ExceptionHandler,
};

struct FBlock {
  FBlockType type;
  int block = -1;  // loops: the `continue` target
  int exit = -1;   // loops: the `break` target
  const ast::StmtList* finalbody = nullptr;  // FinallyTry
  const std::string* name = nullptr;         // HandlerCleanup: `except E as name`
  size_t handler_level = 0;  // exception-handler stack size outside this block
};

struct LabelInfo {
  int pc = -1;     // bound instruction index, or -1
  int depth = -1;  // stack depth expected at the label, or -1 if not yet known
  bool live = false;  // some emitted jump targets it
  int njumps = 0;     // how many emitted jumps target it
};

struct HandlerInfo {
  int label;
  int depth;  // stack depth to unwind to (the exception is pushed on top)
  bool used = false;  // some emitted instruction is covered by it
};

struct Unit {
  std::shared_ptr<CodeProto> code;
  symtable::Scope* ste = nullptr;
  std::string private_name;  // for name mangling

  std::vector<int> instr_handler;  // per instruction: index in handlers or -1
  std::vector<LabelInfo> labels;
  std::vector<HandlerInfo> handlers;
  std::vector<int> handler_stack;  // indexes into handlers; back() is innermost
  std::vector<FBlock> fblocks;

  std::unordered_map<std::string, int> const_index;  // key: const_key()
  std::unordered_map<std::string, int> name_index;
  std::unordered_map<std::string, int> varname_index;
  std::unordered_map<std::string, int> cellvar_index;  // index in the cell array
  std::unordered_map<std::string, int> freevar_index;  // index in the cell array (after cellvars)
  std::vector<std::pair<int, int>> fixups;  // (instruction index, label) of jumps

  int depth = 0;
  int max_depth = 0;
  bool reachable = true;
  int line = 1;
};

class Compiler {
 public:
  Compiler(std::string_view filename, CompileMode mode) : filename_(filename), mode_(mode) {}
  std::shared_ptr<const CodeProto> compile_module(const ast::Module& module);

 private:
  std::string filename_;
  CompileMode mode_;
  std::unique_ptr<symtable::SymbolTable> st_;
  std::vector<std::unique_ptr<Unit>> units_;  // back() is the current unit
  Unit* u_ = nullptr;
  int nesting_ = 0;
  ast::Pos pos_;  // position of the node being compiled, for errors

  // ---- errors (compiler.cpp)
  [[noreturn]] void error(std::string_view msg, ast::Pos pos);
  [[noreturn]] void error(std::string_view msg) { error(msg, pos_); }
  struct NestGuard {
    Compiler& c;
    NestGuard(Compiler& c_, ast::Pos pos);
    ~NestGuard() { --c.nesting_; }
  };

  // ---- units (compiler.cpp)
  void enter_unit(symtable::Scope* ste, std::string name, int firstlineno, uint32_t flags);
  std::shared_ptr<CodeProto> exit_unit();
  std::string qualname_for(symtable::Scope* ste, const std::string& name);
  void assemble();

  // ---- emission (compiler.cpp)
  int new_label();
  void bind(int label);
  void emit(Op op, int64_t arg = 0);
  void emit_jump(Op op, int label);
  void set_line(const ast::Pos& pos) {
    pos_ = pos;
    if (pos.line > 0) u_->line = pos.line;
  }
  int push_handler(int label, int depth);
  void pop_handler();
  void bind_handler(int handler);
  void push_handler_index(int handler) { u_->handler_stack.push_back(handler); }
  // handler_level: the exception-handler stack size outside the block
  // (SIZE_MAX: the current size).
  void push_fblock(FBlockType type, int block = -1, int exit = -1,
                   const ast::StmtList* finalbody = nullptr, const std::string* name = nullptr,
                   size_t handler_level = SIZE_MAX);
  void pop_fblock(FBlockType type);

  // ---- tables (compiler.cpp)
  int add_const(Const c);
  int add_name(const std::string& name);
  // Emits `op` with the (mangled) attribute name as its argument.
  [[gnu::noinline]] void emit_attr(Op op, const std::string& attr);
  void load_const(Const c);
  std::string mangle(const std::string& name) const {
    return symtable::mangle(u_->private_name, name);
  }

  // ---- statements (compiler_stmt.cpp)
  void visit_body(const ast::StmtList& body);
  void visit_stmt(const ast::Stmt& s);
  void compile_function(const ast::FunctionDef& f);
  void compile_class(const ast::ClassDef& c);
  void compile_if(const ast::If& s);
  void compile_while(const ast::While& s);
  void compile_for(const ast::For& s);
  void compile_return(const ast::Return& s);
  void compile_break(const ast::Stmt& s);
  void compile_continue(const ast::Stmt& s);
  void compile_try(const ast::Try& s);
  void compile_try_except(const ast::Try& s);
  void compile_try_finally(const ast::Try& s);
  void compile_with(const ast::With& s, size_t item);
  void compile_async_for(const ast::For& s);
  void compile_for_body(const ast::For& s, int start, int end);
  void emit_await();
  void emit_async_with_exit();
  void compile_assert(const ast::Assert& s);
  void compile_import(const ast::Import& s);
  void compile_import_from(const ast::ImportFrom& s);
  void compile_aug_assign(const ast::AugAssign& s);
  bool reloads_same_object(const ast::Expr& e) const;
  void compile_ann_assign(const ast::AnnAssign& s);
  void compile_delete(const ast::Expr& target);
  void unwind_fblock(const FBlock& fb, bool preserve_tos);
  // Unwinds the fblocks from the innermost outwards, stopping at the
  // innermost loop when `stop_at_loop` (returns its index, or -1).
  int unwind_fblock_stack(bool preserve_tos, bool stop_at_loop);
  const ast::Constant* docstring(const ast::StmtList& body) const;

  // ---- expressions (compiler_expr.cpp)
  void visit_expr(const ast::Expr& e);
  void visit_store(const ast::Expr& target);
  void compile_name(const std::string& name, ast::Ctx ctx);
  void compile_jump_if(const ast::Expr& e, int label, bool cond);
  [[gnu::noinline]] bool jump_if_constant(const ast::Expr& e, int label, bool cond);
  void compile_compare(const ast::Compare& e);
  void compile_boolop(const ast::BoolOp& e);
  void compile_call(const ast::Call& e);
  bool try_method_call(const ast::Call& e);
  bool try_zero_arg_super(const ast::Call& e);
  void compile_call_helper(int pushed, const ast::ExprList& args, const std::vector<ast::Keyword>& keywords);
  void compile_subkwargs(const std::vector<ast::Keyword>& keywords, size_t begin, size_t end);
  enum class Seq { Tuple, List, Set };
  void compile_sequence(const ast::ExprList& elts, Seq kind, int pushed = 0);
  void compile_dict(const ast::Dict& e);
  void compile_joined_str(const ast::JoinedStr& e);
  void compile_formatted_value(const ast::FormattedValue& e);
  void compile_slice(const ast::Slice& e);
  uint32_t compile_slice_bounds(const ast::Slice& e);
  void compile_lambda(const ast::Lambda& e);
  void compile_comprehension(const ast::Expr& e, symtable::CompKind kind,
                             const std::vector<ast::Comprehension>& generators,
                             const ast::Expr& elt, const ast::Expr* value);
  void compile_comprehension_generator(const std::vector<ast::Comprehension>& generators,
                                       size_t index, int depth, const ast::Expr& elt,
                                       const ast::Expr* value, symtable::CompKind kind);
  void compile_unpack(const ast::ExprList& elts, ast::Pos pos);
  // Emits the defaults / kw-defaults of a def or lambda; returns MAKE_FUNCTION flags.
  uint32_t compile_defaults(const ast::Arguments& args);
  // Emits the closure tuple (if any), LOAD_CONST code and MAKE_FUNCTION.
  void make_closure(const std::shared_ptr<CodeProto>& code, uint32_t flags);
  // If `e` is a compile-time constant (a literal, -literal, or a tuple of
  // constants), stores it in `out` and returns true.
  bool constant_value(const ast::Expr& e, Const& out, int depth = 0);
  // Loads `e` if it is a compile-time constant; returns false otherwise.
  // (Kept out of line so the recursive visitors' frames stay small.)
  [[gnu::noinline]] bool try_load_constant(const ast::Expr& e);
  [[gnu::noinline]] bool try_load_constant_tuple(const ast::ExprList& elts);
  void check_keywords(const std::vector<ast::Keyword>& keywords);

  friend struct NestGuard;
};

std::string const_key(const Const& c);
std::string const_repr(const Const& c);

}  // namespace lockvm::detail
