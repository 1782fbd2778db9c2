// AST → CodeProto. A symbol-table pass decides, per scope, which names are
// fast locals, cells, free variables or globals; the code generator then
// walks the tree once per code block, emitting the instructions of
// opcodes.hpp with a line table and an exception table.
#pragma once

#include <memory>
#include <string_view>

#include "vm/ast.hpp"
#include "vm/code.hpp"

namespace lockvm {

enum class CompileMode {
  Exec,         // a module body; returns None
  Interactive,  // a REPL entry: expression statements are echoed (PRINT_EXPR)
  Eval,         // a single expression; the code returns its value
};

// Throws lockvm::SyntaxError for errors found after parsing ('return' outside
// function, 'nonlocal' at module level, a construct lockvm does not support...).
std::shared_ptr<const CodeProto> compile(const ast::Module& module, std::string_view filename,
                                         CompileMode mode = CompileMode::Exec);

// Human-readable listing of a code object and its nested code (for tests and
// `lockvm --dis`).
std::string disassemble(const CodeProto& code);

}  // namespace lockvm
