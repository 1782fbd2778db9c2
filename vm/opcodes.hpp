// lockvm's instruction set.
//
// An instruction is one 32-bit word: the low 8 bits are the opcode, the high
// 24 bits the argument ("arg", unsigned unless noted). Jump targets are
// absolute instruction indexes. The stack comments read bottom → top, before
// -- after, like CPython's bytecodes.c; "Null" is the empty Value (the C++
// sentinel used for "no value", never visible to scripts).
//
// Each opcode is declared once here with its stack effect (for the
// compiler's max-stack computation; -99 means "depends on arg", see
// stack_effect() in compiler.cpp); the enum and the VM's computed-goto table
// are both generated from this list, so their order always agrees.
//
// Exceptions use zero-cost tables (ExceptionEntry in code.hpp): a try body
// costs nothing at run time. When an instruction raises, the VM finds the
// first entry whose [start, end) covers it, pops the value stack down to the
// entry's depth, pushes the exception and jumps to the handler.
//
// The "handled exception" (what a bare `raise` re-raises and what becomes a
// new exception's __context__) is kept per thread. PUSH_EXC_INFO saves the
// previous one on the value stack; POP_EXCEPT / POP_EXCEPT_RERAISE restore it.
// Canonical shapes the compiler emits:
//
//   try/except:   [region handler=H]  body  [end]  orelse  JUMP end
//            H:   (exc)  PUSH_EXC_INFO (prev exc)  [region handler=C]
//                 LOAD E  CHECK_EXC_MATCH  POP_JUMP_IF_FALSE next
//                 STORE name | POP_TOP   handler-body   POP_EXCEPT
//                 [name = None; del name]  JUMP end
//         next:   ...more handlers...  POP_EXCEPT_RERAISE   [end C]
//            C:   (prev new) POP_EXCEPT_RERAISE   (in a with: (exit prev new))
//   try/finally:  [region handler=F] body [end] finally-body JUMP end
//            F:   (exc) PUSH_EXC_INFO (prev exc) [region handler=C]
//                 finally-body [end] POP_EXCEPT_RERAISE
//   with:         expr BEFORE_WITH (exit enter_result) [region handler=W]
//                 STORE target | POP_TOP  body  [end]  WITH_EXIT  JUMP end
//            W:   (exit exc) PUSH_EXC_INFO (exit prev exc) [region handler=C]
//                 WITH_EXCEPT_START (exit prev exc res) POP_JUMP_IF_TRUE s
//                 POP_EXCEPT_RERAISE [end C]
//            s:   POP_TOP POP_EXCEPT POP_TOP JUMP end
//
// `break`/`continue`/`return` leaving a try, handler, with or for block are
// unwound by the compiler (CPython's compiler_unwind_fblock): it pops the for
// iterator, emits POP_EXCEPT for a handler, WITH_EXIT for a with, and inlines
// the finally body.
#pragma once

#include <cstdint>

namespace lockvm {

// X(name, stack_effect)
#define LOCKVM_OPCODES(X)                                                      \
  /* --- stack ------------------------------------------------------------ */ \
  X(NOP, 0)                                                                    \
  X(POP_TOP, -1)           /* (v -- ) */                                       \
  X(COPY, 1)               /* (x_arg ... x_1 -- x_arg ... x_1 x_arg); arg>=1 */ \
  X(SWAP, 0)               /* swap TOS with the item arg-1 below it; arg>=2 */  \
  /* --- constants and names --------------------------------------------- */ \
  X(LOAD_CONST, 1)         /* ( -- consts[arg]) */                             \
  X(LOAD_SMALL_INT, 1)     /* ( -- int) arg is a signed 24-bit integer */      \
  X(LOAD_NONE, 1)          /* ( -- None) */                                    \
  X(LOAD_FAST, 1)          /* ( -- locals[arg]) UnboundLocalError if Null */   \
  X(STORE_FAST, -1)        /* (v -- ) locals[arg] = v */                       \
  X(DELETE_FAST, 0)        /* locals[arg] = Null (UnboundLocalError if Null) */ \
  X(LOAD_DEREF, 1)         /* ( -- cells[arg].contents) cells = cellvars+freevars */ \
  X(STORE_DEREF, -1)       /* (v -- ) */                                       \
  X(DELETE_DEREF, 0)                                                           \
  X(LOAD_CLOSURE, 1)       /* ( -- cells[arg]) the cell object itself */       \
  X(LOAD_GLOBAL, 1)        /* ( -- v) names[arg] in globals, then builtins */  \
  X(STORE_GLOBAL, -1)      /* (v -- ) globals[names[arg]] = v */               \
  X(DELETE_GLOBAL, 0)                                                          \
  X(LOAD_NAME, 1)          /* class bodies: namespace, globals, builtins */    \
  X(STORE_NAME, -1)                                                            \
  X(DELETE_NAME, 0)                                                            \
  /* --- attributes and subscripts ---------------------------------------- */ \
  /* LOAD_ATTR, STORE_ATTR, LOAD_METHOD: once the code is loaded, arg indexes \
     CodeObject::attr_caches, whose entry holds the name (the compiler emits  \
     the names[] index; code_from_proto rewrites it) */                        \
  X(LOAD_ATTR, 0)          /* (obj -- obj.name) */                             \
  X(STORE_ATTR, -2)        /* (v obj -- ) obj.name = v */                      \
  X(DELETE_ATTR, -1)       /* (obj -- ) del obj.names[arg] */                  \
  X(LOAD_METHOD, 1)        /* (obj -- f obj) if name is a plain function        \
                              found on type(obj); else (obj -- Null bound) */  \
  X(BINARY_SUBSCR, -1)     /* (container key -- container[key]) */            \
  X(STORE_SUBSCR, -3)      /* (v container key -- ) container[key] = v */      \
  X(DELETE_SUBSCR, -2)     /* (container key -- ) */                           \
  X(BUILD_SLICE, -99)      /* arg=2: (lo hi -- slice); arg=3: (lo hi step -- slice) */ \
  X(BINARY_SLICE, -99)     /* (container lo hi [step] -- container[lo:hi:step]); arg = 2 or 3 bounds */ \
  X(STORE_SLICE, -99)      /* (v container lo hi [step] -- ) container[lo:hi:step] = v */ \
  /* --- operators: order matches ast::BinOpKind / CmpOpKind -------------- */ \
  X(BINARY_ADD, -1) X(BINARY_SUB, -1) X(BINARY_MUL, -1) X(BINARY_MATMUL, -1)   \
  X(BINARY_DIV, -1) X(BINARY_FLOORDIV, -1) X(BINARY_MOD, -1) X(BINARY_POW, -1) \
  X(BINARY_LSHIFT, -1) X(BINARY_RSHIFT, -1) X(BINARY_OR, -1)                   \
  X(BINARY_XOR, -1) X(BINARY_AND, -1)                                          \
  X(INPLACE_ADD, -1) X(INPLACE_SUB, -1) X(INPLACE_MUL, -1) X(INPLACE_MATMUL, -1) \
  X(INPLACE_DIV, -1) X(INPLACE_FLOORDIV, -1) X(INPLACE_MOD, -1)                \
  X(INPLACE_POW, -1) X(INPLACE_LSHIFT, -1) X(INPLACE_RSHIFT, -1)               \
  X(INPLACE_OR, -1) X(INPLACE_XOR, -1) X(INPLACE_AND, -1)                      \
  X(COMPARE_EQ, -1) X(COMPARE_NE, -1) X(COMPARE_LT, -1) X(COMPARE_LE, -1)      \
  X(COMPARE_GT, -1) X(COMPARE_GE, -1)                                          \
  X(IS_OP, -1)             /* (a b -- a is b); arg=1: `is not` */              \
  X(CONTAINS_OP, -1)       /* (a b -- a in b); arg=1: `not in` */              \
  X(UNARY_NEGATIVE, 0) X(UNARY_POSITIVE, 0) X(UNARY_NOT, 0) X(UNARY_INVERT, 0) \
  /* --- building --------------------------------------------------------- */ \
  X(BUILD_TUPLE, -99)      /* (x1..xn -- tuple) */                             \
  X(BUILD_LIST, -99)       /* (x1..xn -- list) */                              \
  X(BUILD_SET, -99)        /* (x1..xn -- set) */                               \
  X(BUILD_MAP, -99)        /* (k1 v1 .. kn vn -- dict) arg = n pairs */        \
  X(BUILD_STRING, -99)     /* (s1..sn -- s1+..+sn) all str */                  \
  X(LIST_APPEND, -1)       /* (list@arg ... v -- list@arg ...) list = stack[-arg-1] after pop... see note */ \
  X(SET_ADD, -1)           /* same addressing as LIST_APPEND */                \
  X(MAP_ADD, -2)           /* (... k v -- ...) dict at the same depth rule */  \
  X(LIST_EXTEND, -1)       /* (list@arg ... iterable -- ...) */                \
  X(SET_UPDATE, -1)                                                            \
  X(DICT_UPDATE, -1)       /* d.update(mapping) */                             \
  X(DICT_MERGE, -1)        /* like DICT_UPDATE but TypeError on a repeated key (for **kw in calls) */ \
  X(LIST_TO_TUPLE, 0)      /* (list -- tuple) */                               \
  X(FORMAT_VALUE, -99)     /* arg&3: 0 none, 1 str(), 2 repr(), 3 ascii();      \
                              arg&4: a format spec str is on top.              \
                              (v [spec] -- formatted_str) */                   \
  X(UNPACK_SEQUENCE, -99)  /* (seq -- x_n .. x_1) x_1 on top; exactly arg items */ \
  X(UNPACK_EX, -99)        /* arg = before | after<<8: (seq -- after.. list before..), \
                              first `before` item on top */                    \
  /* --- control flow ----------------------------------------------------- */ \
  X(JUMP, 0)               /* pc = arg (a backward jump polls the eval breaker) */ \
  X(POP_JUMP_IF_FALSE, -1)                                                     \
  X(POP_JUMP_IF_TRUE, -1)                                                      \
  X(JUMP_IF_FALSE_OR_POP, -99) /* if not TOS: jump, keep it; else pop */       \
  X(JUMP_IF_TRUE_OR_POP, -99)                                                  \
  X(GET_ITER, 0)           /* (iterable -- iterator) */                        \
  X(FOR_ITER, -99)         /* (it -- it next) or, exhausted, (it -- ) and pc = arg */ \
  X(RETURN_VALUE, -1)                                                          \
  /* --- functions, calls, classes ---------------------------------------- */ \
  X(MAKE_FUNCTION, -99)    /* ([defaults tuple if arg&1] [kwdefaults dict if arg&2] \
                              [closure tuple of cells if arg&4] code -- function) */ \
  X(CALL, -99)             /* (callable a1..an -- result) arg = n */           \
  X(CALL_KW, -99)          /* (callable a1..an kwnames -- result) arg = n       \
                              (positional + keyword values); kwnames is a const \
                              tuple of str naming the last len(kwnames) values */ \
  X(CALL_METHOD, -99)      /* (f_or_Null self_or_callable a1..an -- result)    \
                              after LOAD_METHOD; arg = n */                    \
  X(CALL_EX, -99)          /* (callable args_tuple [kwargs_dict if arg&1] -- result) */ \
  X(BUILD_CLASS, -99)      /* (body_function name base1..basen -- class) arg=n. \
                              Runs the body with a fresh namespace as its locals; \
                              if the body stored a cell as __classcell__, the  \
                              cell is set to the new class (zero-arg super()). */ \
  /* --- generators -------------------------------------------------------- */ \
  X(YIELD_VALUE, 0)        /* (v -- sent) suspends the generator */            \
  X(GET_YIELD_FROM_ITER, 0) /* (iterable -- iterator) */                       \
  X(YIELD_FROM, -1)        /* (subiter sent -- result): sends into subiter; if  \
                              it yields, this generator yields that value and   \
                              re-executes YIELD_FROM when resumed; when subiter \
                              is done pushes its return value */               \
  X(GET_AWAITABLE, 0)      /* (obj -- awaitable iterator) */                   \
  X(GET_AITER, 0)          /* (obj -- type(obj).__aiter__(obj)) `async for` */ \
  X(GET_ANEXT, 1)          /* (aiter -- aiter awaitable) of aiter.__anext__() */ \
  X(END_ASYNC_FOR, -2)     /* (aiter exc -- ) the loop's end if exc is a        \
                              StopAsyncIteration, else re-raises exc */         \
  X(BEFORE_ASYNC_WITH, 1)  /* (mgr -- bound_aexit awaitable of __aenter__()) */ \
  X(ASYNC_GEN_WRAP, 0)     /* (v -- v) in an async generator, before YIELD_VALUE: \
                              marks the yield as the generator's own value */ \
  /* --- exceptions -------------------------------------------------------- */ \
  X(RAISE_VARARGS, -99)    /* arg=0: re-raise the handled exception;            \
                              1: (exc -- ); 2: (exc cause -- ) */              \
  X(PUSH_EXC_INFO, 1)      /* (exc -- prev exc) handled exception = exc */      \
  X(POP_EXCEPT, -1)        /* (prev -- ) handled exception = prev */           \
  X(POP_EXCEPT_RERAISE, -2) /* (prev exc -- ) handled = prev; raise exc        \
                              keeping its traceback */                         \
  X(RERAISE, -1)           /* (exc -- ) raise exc keeping its traceback */      \
  X(CHECK_EXC_MATCH, 0)    /* (exc type -- exc bool) isinstance(exc, type),    \
                              type may be a tuple */                           \
  X(LOAD_ASSERTION_ERROR, 1)                                                   \
  X(BEFORE_WITH, 1)        /* (mgr -- bound_exit enter_result) */              \
  X(WITH_EXIT, -1)         /* (bound_exit -- ) calls exit(None, None, None) */ \
  X(WITH_EXCEPT_START, 1)  /* (exit prev exc -- exit prev exc res)             \
                              res = exit(type(exc), exc, exc.__traceback__) */  \
  /* --- modules and the REPL ---------------------------------------------- */ \
  X(IMPORT_NAME, 1)        /* ( -- module) import names[arg] */               \
  X(IMPORT_FROM, 1)        /* (module -- module value) names[arg] of module */ \
  X(IMPORT_STAR, -1)       /* (module -- ) */                                  \
  X(PRINT_EXPR, -1)        /* (v -- ) REPL echo: print repr(v) unless None */   \
  X(SETUP_ANNOTATIONS, 0)  /* reserved */                                     \
  /* --- superinstructions: never emitted by the compiler; superinstructions.hpp \
     rewrites the first instruction of a common sequence into one of these when \
     code is loaded. The sequence stays in place (same length, same jump       \
     targets, same line table); the fused op reads the operands of the         \
     instructions after it and skips them, or, when its fast path does not     \
     apply (operands not both ints...), behaves exactly like its first         \
     instruction so the sequence then runs unfused. A fused op's argument      \
     indexes CodeObject::fused, its operands decoded once at load time.        \
     ----------------------------------------------------------------------- */ \
  X(FUSED_FAST_SMALL_CMP_JUMP, 1) /* LOAD_FAST LOAD_SMALL_INT COMPARE_* POP_JUMP_IF_* */ \
  X(FUSED_FAST_FAST_CMP_JUMP, 1)  /* LOAD_FAST LOAD_FAST COMPARE_* POP_JUMP_IF_* */       \
  X(FUSED_FAST_SMALL_ARITH, 1)    /* LOAD_FAST LOAD_SMALL_INT BINARY/INPLACE_ADD|SUB */  \
  X(FUSED_FAST_FAST_ARITH, 1)     /* LOAD_FAST LOAD_FAST BINARY/INPLACE_ADD|SUB|MUL */   \
  X(FUSED_FAST_SMALL_BINOP, 1)    /* LOAD_FAST LOAD_SMALL_INT BINARY/INPLACE_MUL|FLOORDIV|MOD|shift|bitwise: `i % 2` */ \
  X(FUSED_FAST_SMALL_ARITH_STORE, 1) /* LOAD_FAST LOAD_SMALL_INT INPLACE_ADD|SUB STORE_FAST */ \
  X(FUSED_FAST_SMALL_ARITH_SELF, 1)  /* the same, storing back to the same local: `n -= 1` */ \
  X(FUSED_JUMP_LOOP_SMALL_CMP, 1) /* JUMP back to a FUSED_FAST_SMALL_CMP_JUMP: runs that test in place */ \
  X(FUSED_JUMP_LOOP_FAST_CMP, 1)  /* JUMP back to a FUSED_FAST_FAST_CMP_JUMP: same */ \
  X(FUSED_FAST_ATTR, 1)           /* LOAD_FAST LOAD_ATTR: `self.x`, self borrowed from its slot */ \
  X(FUSED_FAST_STORE_ATTR, 1)     /* LOAD_FAST STORE_ATTR: `self.x = v` into an existing entry */ \
  X(FUSED_FAST_SMALL_SUBSCR, 1)   /* LOAD_FAST LOAD_SMALL_INT BINARY_SUBSCR: `b[3]` of a list local */ \
  X(FUSED_FAST_FAST_SUBSCR, 1)    /* LOAD_FAST LOAD_FAST BINARY_SUBSCR: `a[i]` of a list local */ \
  X(FUSED_FAST_IS_JUMP, 1)        /* LOAD_FAST LOAD_NONE|LOAD_FAST IS_OP POP_JUMP_IF_*: `if x is None` */ \
  X(FUSED_FAST_SMALL_STORE_SUBSCR, 1) /* LOAD_FAST LOAD_SMALL_INT STORE_SUBSCR: `b[3] = v` into a list local */ \
  X(FUSED_FAST_FAST_STORE_SUBSCR, 1)  /* LOAD_FAST LOAD_FAST STORE_SUBSCR: `a[i] = v` into a list local */ \
  X(FUSED_FAST_METHOD, 2)         /* LOAD_FAST LOAD_METHOD: `x.m(...)`, a function on x's class */ \
  X(FUSED_FOR_ITER_STORE, 0)      /* FOR_ITER STORE_FAST: the next item of a range or list into a local */ \
  X(FUSED_RETURN_NONE, 0)         /* LOAD_NONE RETURN_VALUE, or a forward JUMP to them (no operands) */

// Note on LIST_APPEND / SET_ADD / MAP_ADD / LIST_EXTEND / SET_UPDATE /
// DICT_UPDATE / DICT_MERGE: after popping their operand(s), the target
// container is stack[-arg] (arg=1: the new top of stack), as in CPython.

enum class Op : uint8_t {
#define LOCKVM_OP_ENUM(name, effect) name,
  LOCKVM_OPCODES(LOCKVM_OP_ENUM)
#undef LOCKVM_OP_ENUM
  kCount
};

inline constexpr int kOpStackEffect[] = {
#define LOCKVM_OP_EFFECT(name, effect) effect,
    LOCKVM_OPCODES(LOCKVM_OP_EFFECT)
#undef LOCKVM_OP_EFFECT
};

inline constexpr const char* kOpNames[] = {
#define LOCKVM_OP_NAME(name, effect) #name,
    LOCKVM_OPCODES(LOCKVM_OP_NAME)
#undef LOCKVM_OP_NAME
};

using Instr = uint32_t;
inline constexpr uint32_t kMaxArg = (1u << 24) - 1;

constexpr Instr make_instr(Op op, uint32_t arg = 0) {
  return static_cast<uint32_t>(op) | (arg << 8);
}
constexpr Op instr_op(Instr i) { return static_cast<Op>(i & 0xff); }
constexpr uint32_t instr_arg(Instr i) { return i >> 8; }
constexpr int32_t instr_sarg(Instr i) { return static_cast<int32_t>(i) >> 8; }

}  // namespace lockvm
