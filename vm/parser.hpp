// Source text → AST. Tokenizing (indentation, f-strings, escapes) lives in
// lexer.hpp; this is a hand-written recursive-descent parser for lockvm's
// Python subset with a nesting limit, so deeply nested input is a clean
// SyntaxError ("too many nested parentheses") instead of a C++ stack overflow.
#pragma once

#include <string_view>

#include "vm/ast.hpp"
#include "vm/code.hpp"

namespace lockvm {

enum class ParseMode {
  File,         // a module: statements until end of input
  Interactive,  // one REPL entry: one or more statements
  Eval,         // a single expression (the body is one ExprStmt)
};

// Throws lockvm::SyntaxError on bad input (never crashes, whatever the bytes).
ast::Module parse(std::string_view source, std::string_view filename,
                  ParseMode mode = ParseMode::File);

}  // namespace lockvm
