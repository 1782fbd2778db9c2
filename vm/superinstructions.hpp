// Fusing common instruction sequences when a code object is loaded.
//
// A fused opcode replaces only the *first* instruction of its sequence; the
// rest stay where they were, so instruction indexes, jump targets, the line
// table and the exception table are all unchanged. At run time the fused op
// reads its operands from the instructions that follow and skips them — or,
// when its fast path does not apply, runs as its first instruction, after
// which the original sequence continues as if nothing had been fused.
//
// The loops of the seed articles (`while n > 0: n -= 1`) become two
// dispatches per iteration instead of nine.
#pragma once

#include <vector>

#include "vm/code.hpp"

namespace lockvm {

inline bool is_compare(Op op) { return op >= Op::COMPARE_EQ && op <= Op::COMPARE_GE; }
inline bool is_cond_jump(Op op) { return op == Op::POP_JUMP_IF_FALSE || op == Op::POP_JUMP_IF_TRUE; }
inline bool is_add_sub(Op op) {
  return op == Op::BINARY_ADD || op == Op::BINARY_SUB || op == Op::INPLACE_ADD || op == Op::INPLACE_SUB;
}
inline bool is_subscript(Op op) { return op == Op::BINARY_SUBSCR || op == Op::STORE_SUBSCR; }
inline bool is_add_sub_mul(Op op) {
  return is_add_sub(op) || op == Op::BINARY_MUL || op == Op::INPLACE_MUL;
}
// The BinOpKind (small_int_binop's op) of BINARY_* or INPLACE_*, which are
// both in BinOpKind order; -1 for any other instruction.
inline int binop_kind(Op op) {
  if (op >= Op::INPLACE_ADD && op <= Op::INPLACE_AND) return static_cast<int>(op) - static_cast<int>(Op::INPLACE_ADD);
  if (op >= Op::BINARY_ADD && op <= Op::BINARY_AND) return static_cast<int>(op) - static_cast<int>(Op::BINARY_ADD);
  return -1;
}
// The BinOpKind of an int operator that is not + or - and that an int local
// and a small int constant can have an unboxed result of; -1 for the rest.
inline int small_binop_kind(Op op) {
  int k = binop_kind(op);
  return k == 2 || k == 5 || k == 6 || (k >= 8 && k <= 12) ? k : -1;
}

inline void fuse_superinstructions(std::vector<Instr>& code, const std::vector<ExceptionEntry>& table,
                                   std::vector<FusedOperands>& out) {
  size_t n = code.size();
  // Instructions something jumps to cannot be swallowed by a fused op.
  std::vector<bool> target(n + 1, false);
  for (size_t i = 0; i < n; ++i) {
    Op op = instr_op(code[i]);
    if (op == Op::JUMP || op == Op::POP_JUMP_IF_FALSE || op == Op::POP_JUMP_IF_TRUE ||
        op == Op::JUMP_IF_FALSE_OR_POP || op == Op::JUMP_IF_TRUE_OR_POP || op == Op::FOR_ITER) {
      uint32_t t = instr_arg(code[i]);
      if (t <= n) target[t] = true;
    }
  }
  for (const ExceptionEntry& e : table) {
    if (e.handler <= n) target[e.handler] = true;
    if (e.start <= n) target[e.start] = true;
    if (e.end <= n) target[e.end] = true;
  }
  auto free_run = [&](size_t i, size_t len) {
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k)
      if (target[i + k]) return false;
    return true;
  };
  auto op_at = [&](size_t i) { return instr_op(code[i]); };
  auto arg_at = [&](size_t i) { return instr_arg(code[i]); };
  auto cmp_for_jump = [&](Op cmp, Op jump) -> uint8_t {
    static constexpr uint8_t negate[] = {1, 0, 5, 4, 3, 2};
    uint8_t c = static_cast<uint8_t>(static_cast<int>(cmp) - static_cast<int>(Op::COMPARE_EQ));
    return jump == Op::POP_JUMP_IF_TRUE ? c : negate[c];
  };
  // COMPARE_* order is ==, !=, <, <=, >, >=; for "jump if false" the taken
  // branch of ints is the negated comparison. Not of floats: with a NaN,
  // `not (x < y)` holds and `x >= y` does not, so floats keep the comparison
  // itself (float_cmp) and the jump's sense.
  auto set_compare = [&](FusedOperands& f, Op cmp, Op jump) {
    f.op = cmp_for_jump(cmp, jump);
    f.float_cmp = static_cast<uint8_t>(static_cast<int>(cmp) - static_cast<int>(Op::COMPARE_EQ));
    f.jump_if_true = jump == Op::POP_JUMP_IF_TRUE;
  };
  // Truth tables of ==, !=, <, <=, >, >= over (less, equal, greater).
  static constexpr uint8_t int_masks[] = {0b010, 0b101, 0b001, 0b011, 0b100, 0b110};
  for (size_t i = 0; i < n; ++i) {
    if (op_at(i) != Op::LOAD_FAST) continue;
    FusedOperands f;
    f.a = arg_at(i);
    Op fused = Op::NOP;
    if (free_run(i, 4) && op_at(i + 1) == Op::LOAD_SMALL_INT && is_compare(op_at(i + 2)) && is_cond_jump(op_at(i + 3))) {
      fused = Op::FUSED_FAST_SMALL_CMP_JUMP;
      f.k = instr_sarg(code[i + 1]);
      set_compare(f, op_at(i + 2), op_at(i + 3));
      f.target = arg_at(i + 3);
      f.next = i + 4;
    } else if (free_run(i, 4) && op_at(i + 1) == Op::LOAD_FAST && is_compare(op_at(i + 2)) && is_cond_jump(op_at(i + 3))) {
      fused = Op::FUSED_FAST_FAST_CMP_JUMP;
      f.b = arg_at(i + 1);
      set_compare(f, op_at(i + 2), op_at(i + 3));
      f.target = arg_at(i + 3);
      f.next = i + 4;
    } else if (free_run(i, 4) && (op_at(i + 1) == Op::LOAD_NONE || op_at(i + 1) == Op::LOAD_FAST) &&
               op_at(i + 2) == Op::IS_OP && is_cond_jump(op_at(i + 3))) {
      // `if x is None:` / `if a is not b:`: identity needs no reference, so
      // neither local is counted, and four dispatches become one.
      fused = Op::FUSED_FAST_IS_JUMP;
      f.k = op_at(i + 1) == Op::LOAD_NONE;  // 1: against None; 0: against local b
      f.b = f.k ? 0 : arg_at(i + 1);
      bool is_not = arg_at(i + 2) == 1, jump_if_true = op_at(i + 3) == Op::POP_JUMP_IF_TRUE;
      f.op = is_not != jump_if_true;  // 1: jump when identical
      f.target = arg_at(i + 3);
      f.next = i + 4;
    } else if (free_run(i, 4) && op_at(i + 1) == Op::LOAD_SMALL_INT && is_add_sub(op_at(i + 2)) &&
               op_at(i + 3) == Op::STORE_FAST) {
      fused = Op::FUSED_FAST_SMALL_ARITH_STORE;
      bool sub = op_at(i + 2) == Op::BINARY_SUB || op_at(i + 2) == Op::INPLACE_SUB;
      f.k = sub ? -int64_t(instr_sarg(code[i + 1])) : instr_sarg(code[i + 1]);
      f.b = arg_at(i + 3);
      // `n -= 1`: the old value is the int just read, so only its payload changes.
      if (f.b == f.a) fused = Op::FUSED_FAST_SMALL_ARITH_SELF;
      f.next = i + 4;
    } else if (free_run(i, 3) && op_at(i + 1) == Op::LOAD_SMALL_INT && is_add_sub(op_at(i + 2))) {
      fused = Op::FUSED_FAST_SMALL_ARITH;
      bool sub = op_at(i + 2) == Op::BINARY_SUB || op_at(i + 2) == Op::INPLACE_SUB;
      f.k = sub ? -int64_t(instr_sarg(code[i + 1])) : instr_sarg(code[i + 1]);
      f.next = i + 3;
    } else if (free_run(i, 3) && op_at(i + 1) == Op::LOAD_SMALL_INT && small_binop_kind(op_at(i + 2)) >= 0) {
      // `i % 2`, `n // 10`, `x >> 1`, `h & 0xFF`, `3 * k`...
      fused = Op::FUSED_FAST_SMALL_BINOP;
      f.k = instr_sarg(code[i + 1]);
      f.op = static_cast<uint8_t>(small_binop_kind(op_at(i + 2)));
      f.next = i + 3;
    } else if (free_run(i, 3) && op_at(i + 1) == Op::LOAD_FAST && is_add_sub_mul(op_at(i + 2))) {
      fused = Op::FUSED_FAST_FAST_ARITH;
      f.b = arg_at(i + 1);
      f.op = static_cast<uint8_t>(binop_kind(op_at(i + 2)));
      f.next = i + 3;
    } else if (free_run(i, 3) && op_at(i + 1) == Op::LOAD_SMALL_INT && is_subscript(op_at(i + 2))) {
      // `b[3]` / `b[3] = v`: an item of a list local, the list borrowed
      fused = op_at(i + 2) == Op::BINARY_SUBSCR ? Op::FUSED_FAST_SMALL_SUBSCR : Op::FUSED_FAST_SMALL_STORE_SUBSCR;
      f.k = instr_sarg(code[i + 1]);
      f.next = i + 3;
    } else if (free_run(i, 3) && op_at(i + 1) == Op::LOAD_FAST && is_subscript(op_at(i + 2))) {
      // `a[i]` / `a[i] = v`
      fused = op_at(i + 2) == Op::BINARY_SUBSCR ? Op::FUSED_FAST_FAST_SUBSCR : Op::FUSED_FAST_FAST_STORE_SUBSCR;
      f.b = arg_at(i + 1);
      f.next = i + 3;
    } else if (free_run(i, 2) && (op_at(i + 1) == Op::LOAD_ATTR || op_at(i + 1) == Op::STORE_ATTR)) {
      // `self.x` and `self.x = v`: the object stays in its slot, so its
      // reference count is not touched (two updates fewer per access).
      fused = op_at(i + 1) == Op::LOAD_ATTR ? Op::FUSED_FAST_ATTR : Op::FUSED_FAST_STORE_ATTR;
      f.b = arg_at(i + 1);  // the attribute cache
      f.next = i + 2;
    } else if (free_run(i, 2) && op_at(i + 1) == Op::LOAD_METHOD) {
      // `x.m(...)`: the method call of every OO program.
      fused = Op::FUSED_FAST_METHOD;
      f.b = arg_at(i + 1);  // the attribute cache
      f.next = i + 2;
    }
    if (fused == Op::NOP) continue;
    f.int_mask = int_masks[f.op < 6 ? f.op : 0];
    code[i] = make_instr(fused, static_cast<uint32_t>(out.size()));
    out.push_back(f);
  }
  for (size_t i = 0; i < n; ++i) {
    if (op_at(i) == Op::LOAD_NONE && i + 1 < n && op_at(i + 1) == Op::RETURN_VALUE) {
      code[i] = make_instr(Op::FUSED_RETURN_NONE);
    } else if (op_at(i) == Op::FOR_ITER && free_run(i, 2) && op_at(i + 1) == Op::STORE_FAST) {
      // `for x in ...:` stores each item straight into x.
      FusedOperands f;
      f.target = arg_at(i);  // where the loop exits
      f.b = arg_at(i + 1);
      f.next = i + 2;
      code[i] = make_instr(Op::FUSED_FOR_ITER_STORE, static_cast<uint32_t>(out.size()));
      out.push_back(f);
    }
  }
  // A forward jump to a return returns there and then (CPython inlines such
  // exit blocks too): the stack is the same at both ends of a jump, and a
  // return cannot raise, so no handler range matters.
  for (size_t i = 0; i < n; ++i) {
    if (op_at(i) != Op::JUMP || arg_at(i) <= i || arg_at(i) >= n) continue;
    Op at = op_at(arg_at(i));
    if (at == Op::RETURN_VALUE || at == Op::FUSED_RETURN_NONE) code[i] = make_instr(at);
  }
  // A loop's backward jump to its fused test runs the test itself: one
  // dispatch fewer per iteration. It gets its own copy of the operands, with
  // the test's index to fall back to.
  for (size_t i = 0; i < n; ++i) {
    if (op_at(i) != Op::JUMP || arg_at(i) > i) continue;
    uint32_t head = arg_at(i);
    Op h = op_at(head);
    if (h != Op::FUSED_FAST_SMALL_CMP_JUMP && h != Op::FUSED_FAST_FAST_CMP_JUMP) continue;
    FusedOperands f = out[arg_at(head)];
    f.head = head;
    code[i] = make_instr(h == Op::FUSED_FAST_SMALL_CMP_JUMP ? Op::FUSED_JUMP_LOOP_SMALL_CMP : Op::FUSED_JUMP_LOOP_FAST_CMP,
                         static_cast<uint32_t>(out.size()));
    out.push_back(f);
  }
}

}  // namespace lockvm
