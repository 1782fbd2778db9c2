// The compiler's output: a policy-neutral description of one code block
// (module, function, class body, lambda or comprehension).
//
// The compiler knows nothing about reference counts or locking policies, so it
// produces CodeProto with constants as plain C++ data. Each Interpreter<P>
// turns a CodeProto into its own code object, interning names and building
// constant values with its policy's object headers. This keeps lexing,
// parsing and compiling out of the per-policy translation units.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "vm/opcodes.hpp"

namespace lockvm {

struct CodeProto;

// A compile-time constant.
struct Const {
  enum class Type : uint8_t { None, True, False, Ellipsis, Int, BigInt, Float, Str, Bytes, Tuple, Code };
  Type type = Type::None;
  int64_t i = 0;
  double f = 0;
  std::string s;                         // Str/Bytes payload, BigInt decimal digits (may start with '-')
  std::vector<Const> items;              // Tuple
  std::shared_ptr<const CodeProto> code; // Code
};

// A protected range [start, end) of instruction indexes; see opcodes.hpp.
struct ExceptionEntry {
  uint32_t start;
  uint32_t end;
  uint32_t handler;
  uint32_t depth;  // value-stack depth to unwind to before pushing the exception
};

enum CodeFlags : uint32_t {
  kCodeVarargs = 1u << 0,    // has *args
  kCodeVarkeywords = 1u << 1,  // has **kwargs
  kCodeGenerator = 1u << 2,  // contains yield: calling it makes a generator
  kCodeCoroutine = 1u << 3,  // async def
  kCodeNested = 1u << 4,     // defined inside another function
  kCodeClassBody = 1u << 5,  // runs with a namespace dict (LOAD_NAME/STORE_NAME)
  kCodeModule = 1u << 6,     // module (or REPL entry) body
  kCodeAsyncGenerator = 1u << 7,  // async def containing yield (with kCodeGenerator)
};

// code.co_flags as CPython numbers them (Include/cpython/code.h), for the
// code that tests them (asyncio.iscoroutinefunction, inspect-like checks).
constexpr uint32_t cpython_code_flags(uint32_t flags) {
  uint32_t r = 0;
  if (!(flags & (kCodeClassBody | kCodeModule))) r |= 0x1 | 0x2;  // CO_OPTIMIZED | CO_NEWLOCALS
  if (flags & kCodeVarargs) r |= 0x4;
  if (flags & kCodeVarkeywords) r |= 0x8;
  if (flags & kCodeNested) r |= 0x10;
  if (flags & kCodeGenerator) r |= 0x20;
  if (flags & kCodeCoroutine) r |= 0x80;
  if (flags & kCodeAsyncGenerator) r |= 0x200;
  return r;
}

struct CodeProto {
  std::string name;       // "f", "<module>", "<lambda>", "<listcomp>", ...
  std::string qualname;   // "C.f", "f.<locals>.g"
  std::string filename;
  int firstlineno = 1;

  // Arguments are the first slots of `varnames`, in this order: positional-only,
  // positional-or-keyword, keyword-only, then *args, then **kwargs.
  int argcount = 0;         // positional (including positional-only)
  int posonlyargcount = 0;
  int kwonlyargcount = 0;
  uint32_t flags = 0;

  std::vector<std::string> varnames;  // fast locals (slot index = position)
  // Cells: a frame's cell array is cellvars followed by freevars; LOAD_DEREF's
  // arg indexes that combined array. A cellvar that is also an argument has
  // its index in varnames in cell2arg (else -1); the VM moves the argument into
  // the fresh cell when the frame starts.
  std::vector<std::string> cellvars;
  std::vector<int> cell2arg;
  std::vector<std::string> freevars;
  std::vector<std::string> names;     // globals, attributes, imports
  std::vector<Const> consts;

  std::vector<Instr> code;
  std::vector<int32_t> lines;         // source line of each instruction (same length as code)
  std::vector<ExceptionEntry> exception_table;  // innermost first
  int stacksize = 0;                  // maximum value-stack depth
};

// Operands of a fused instruction (superinstructions.hpp), decoded once.
struct FusedOperands {
  uint32_t a = 0;       // the first local (a fused op falls back to LOAD_FAST a)
  uint32_t b = 0;       // the second local, or the destination local of a store
  int64_t k = 0;        // the small int operand (negated for a subtraction)
  uint32_t target = 0;  // where a compare-and-jump goes when its condition holds
  uint32_t next = 0;    // the instruction after the fused sequence
  uint32_t head = 0;    // a loop's backward jump: the index of its fused test
  uint8_t op = 0;       // comparison 0..5 (==, !=, <, <=, >, >=), already
                        // inverted for POP_JUMP_IF_FALSE; or the arithmetic
                        // operator as a BinOpKind (small_int_binop's op)
  uint8_t int_mask = 0; // the comparison as a truth table over int order:
                        // bit 0 less, bit 1 equal, bit 2 greater (branch-free)
  uint8_t float_cmp = 0;     // compare-and-jump on floats: the comparison as
  bool jump_if_true = false; // written (0..5) and when the branch is taken
                             // (a NaN makes the negation of < differ from >=)
};

// A syntax error found while tokenizing, parsing or compiling. `type` is the
// Python exception class name ("SyntaxError", "IndentationError", "TabError").
struct SyntaxError : std::runtime_error {
  std::string type;
  std::string msg;
  std::string filename;
  int line = 0;      // 1-based
  int col = 0;       // 1-based, in code points
  std::string text;  // the source line, without its newline
  // True when the error is only that the input ended too early (an open
  // bracket, block or triple-quoted string): the REPL then asks for more.
  bool incomplete = false;

  SyntaxError(std::string type_, std::string msg_, std::string filename_, int line_, int col_,
              std::string text_ = {}, bool incomplete_ = false)
      : std::runtime_error(type_ + ": " + msg_),
        type(std::move(type_)),
        msg(std::move(msg_)),
        filename(std::move(filename_)),
        line(line_),
        col(col_),
        text(std::move(text_)),
        incomplete(incomplete_) {}
};

}  // namespace lockvm
