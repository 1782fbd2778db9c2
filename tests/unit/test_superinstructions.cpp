// Load-time fusion (vm/superinstructions.hpp): which sequences become one
// instruction, what operands they carry, and what must stay as it was (jump
// targets, backward jumps, the instructions a fused op falls back to).
#include <doctest/doctest.h>

#include <vector>

#include "vm/superinstructions.hpp"

namespace {

using namespace lockvm;

struct Fused {
  std::vector<Instr> code;
  std::vector<FusedOperands> operands;
};

Fused fuse(std::vector<Instr> code, std::vector<ExceptionEntry> table = {}) {
  Fused f{std::move(code), {}};
  fuse_superinstructions(f.code, table, f.operands);
  return f;
}

Op op_at(const Fused& f, size_t i) { return instr_op(f.code[i]); }
const FusedOperands& operands_at(const Fused& f, size_t i) { return f.operands.at(instr_arg(f.code[i])); }

}  // namespace

TEST_CASE("LOAD_NONE RETURN_VALUE returns None in one instruction") {
  Fused f = fuse({make_instr(Op::LOAD_FAST, 0), make_instr(Op::POP_TOP), make_instr(Op::LOAD_NONE),
                  make_instr(Op::RETURN_VALUE)});
  CHECK(op_at(f, 2) == Op::FUSED_RETURN_NONE);
  CHECK(op_at(f, 3) == Op::RETURN_VALUE);  // still there: something may jump to it
}

TEST_CASE("a forward JUMP to a return becomes the return; a backward one stays") {
  Fused f = fuse({make_instr(Op::LOAD_FAST, 0), make_instr(Op::POP_JUMP_IF_FALSE, 4), make_instr(Op::LOAD_FAST, 1),
                  make_instr(Op::JUMP, 6), make_instr(Op::LOAD_FAST, 2), make_instr(Op::JUMP, 8),
                  make_instr(Op::RETURN_VALUE), make_instr(Op::JUMP, 6), make_instr(Op::LOAD_NONE),
                  make_instr(Op::RETURN_VALUE)});
  CHECK(op_at(f, 3) == Op::RETURN_VALUE);
  CHECK(op_at(f, 5) == Op::FUSED_RETURN_NONE);
  CHECK(f.code[7] == make_instr(Op::JUMP, 6));  // backward: the eval breaker's check stays
  CHECK(op_at(f, 8) == Op::FUSED_RETURN_NONE);
}

TEST_CASE("FOR_ITER STORE_FAST stores each item straight into the local") {
  Fused f = fuse({make_instr(Op::GET_ITER), make_instr(Op::FOR_ITER, 4), make_instr(Op::STORE_FAST, 3),
                  make_instr(Op::JUMP, 1), make_instr(Op::LOAD_NONE), make_instr(Op::RETURN_VALUE)});
  REQUIRE(op_at(f, 1) == Op::FUSED_FOR_ITER_STORE);
  const FusedOperands& o = operands_at(f, 1);
  CHECK(o.target == 4);  // the loop's exit, for the FOR_ITER it falls back to
  CHECK(o.b == 3);
  CHECK(o.next == 3);
  CHECK(op_at(f, 2) == Op::STORE_FAST);  // the fallback runs it
  CHECK(f.code[3] == make_instr(Op::JUMP, 1));
}

TEST_CASE("FOR_ITER is not fused with a STORE_FAST something jumps to") {
  Fused f = fuse({make_instr(Op::JUMP, 2), make_instr(Op::FOR_ITER, 4), make_instr(Op::STORE_FAST, 0),
                  make_instr(Op::JUMP, 1), make_instr(Op::LOAD_NONE), make_instr(Op::RETURN_VALUE)});
  CHECK(op_at(f, 1) == Op::FOR_ITER);
  Fused handler = fuse({make_instr(Op::FOR_ITER, 3), make_instr(Op::STORE_FAST, 0), make_instr(Op::JUMP, 0),
                        make_instr(Op::LOAD_NONE), make_instr(Op::RETURN_VALUE)},
                       {ExceptionEntry{1, 2, 3, 0}});
  CHECK(op_at(handler, 0) == Op::FOR_ITER);
}

TEST_CASE("LOAD_FAST LOAD_METHOD is one instruction with the local and the cache") {
  Fused f = fuse({make_instr(Op::LOAD_FAST, 2), make_instr(Op::LOAD_METHOD, 5), make_instr(Op::CALL_METHOD, 0),
                  make_instr(Op::RETURN_VALUE)});
  REQUIRE(op_at(f, 0) == Op::FUSED_FAST_METHOD);
  const FusedOperands& o = operands_at(f, 0);
  CHECK(o.a == 2);
  CHECK(o.b == 5);
  CHECK(o.next == 2);
  CHECK(op_at(f, 1) == Op::LOAD_METHOD);  // the fallback (LOAD_FAST a) runs on into it
}

TEST_CASE("the existing fusions keep their shape") {
  Fused f = fuse({make_instr(Op::LOAD_FAST, 0), make_instr(Op::LOAD_ATTR, 1), make_instr(Op::LOAD_FAST, 1),
                  make_instr(Op::LOAD_SMALL_INT, 1), make_instr(Op::INPLACE_SUB), make_instr(Op::STORE_FAST, 1),
                  make_instr(Op::RETURN_VALUE)});
  CHECK(op_at(f, 0) == Op::FUSED_FAST_ATTR);
  CHECK(op_at(f, 2) == Op::FUSED_FAST_SMALL_ARITH_SELF);
  CHECK(operands_at(f, 2).k == -1);
}

TEST_CASE("a local and a small int literal under * // % shifts or bitwise ops are one instruction") {
  Fused f = fuse({make_instr(Op::LOAD_FAST, 2), make_instr(Op::LOAD_SMALL_INT, 7), make_instr(Op::BINARY_MOD),
                  make_instr(Op::LOAD_FAST, 1), make_instr(Op::LOAD_SMALL_INT, 3), make_instr(Op::INPLACE_RSHIFT),
                  make_instr(Op::LOAD_FAST, 0), make_instr(Op::LOAD_SMALL_INT, 2), make_instr(Op::BINARY_POW),
                  make_instr(Op::RETURN_VALUE)});
  REQUIRE(op_at(f, 0) == Op::FUSED_FAST_SMALL_BINOP);
  CHECK(operands_at(f, 0).a == 2);
  CHECK(operands_at(f, 0).k == 7);
  CHECK(operands_at(f, 0).op == 6);  // BinOpKind Mod, small_int_binop's numbering
  CHECK(operands_at(f, 0).next == 3);
  REQUIRE(op_at(f, 3) == Op::FUSED_FAST_SMALL_BINOP);
  CHECK(operands_at(f, 3).op == 9);  // RShift, from the in-place form
  CHECK(op_at(f, 6) == Op::LOAD_FAST);  // ** has no unboxed case
}

TEST_CASE("a compare-and-jump keeps the comparison as written for floats") {
  // `if a < b:` jumps past the body when false: ints test the negation (>=),
  // floats test < and jump when it is false, which differs for a NaN.
  Fused f = fuse({make_instr(Op::LOAD_FAST, 0), make_instr(Op::LOAD_FAST, 1), make_instr(Op::COMPARE_LT),
                  make_instr(Op::POP_JUMP_IF_FALSE, 5), make_instr(Op::NOP), make_instr(Op::LOAD_NONE),
                  make_instr(Op::RETURN_VALUE)});
  REQUIRE(op_at(f, 0) == Op::FUSED_FAST_FAST_CMP_JUMP);
  const FusedOperands& o = operands_at(f, 0);
  CHECK(o.op == 5);          // >=: the ints' branch-free mask
  CHECK(o.float_cmp == 2);   // <
  CHECK_FALSE(o.jump_if_true);
  CHECK(o.target == 5);
}
