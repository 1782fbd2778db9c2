// The dispatch loop itself (see eval.hpp for the design notes). Four groups
// of handlers live in fragments included in the middle of eval():
// vm/eval_ops_attr.inc (attribute access and its inline caches),
// vm/eval_ops_gen.inc (yield, yield from, await), vm/eval_ops_exc.inc
// (raise, except, with) and vm/eval_ops_fused.inc (superinstructions); the
// call paths the CALL family jumps to are vm/eval_call.inc, included after
// them.
//
// Rule for handlers: `goto *label` (computed goto) does not run destructors
// of the scope it leaves, so a handler's non-trivial locals (std::string,
// std::vector, Ref, ObjectGuard) live in an inner block that closes before
// DISPATCH(). Ordinary `goto error` is fine: it runs them.
#pragma once

namespace lockvm::rt {

#if defined(__GNUC__)
#define LOCKVM_COMPUTED_GOTO 1
#endif

// GCC's allocator spills the program counter and the locals pointer of this
// very large function to the stack, which puts a store-to-load round trip on
// every dispatch. Pinning them to callee-saved registers (as OCaml's bytecode
// interpreter does) keeps them in registers across calls, too.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define LOCKVM_PINNED register
#define LOCKVM_PIN(reg) asm(reg)
#else
#define LOCKVM_PINNED
#define LOCKVM_PIN(reg)
#endif

template <LockPolicy P>
Value eval(Thread<P>& t, Frame* f, bool throwing) {
  Interp<P>& in = t.interp;
  f->back = t.frame;
  t.frame = f;
  ++t.depth;
  ++t.native_depth;

  CodeObject* co;
  const Instr* code;
  LOCKVM_PINNED const Instr* pc LOCKVM_PIN("r15");
  LOCKVM_PINNED Value* sp LOCKVM_PIN("r14");
  LOCKVM_PINNED Value* slots LOCKVM_PIN("r13");
  // Constants and names are read through `co` where used: caching them too
  // cost two more spills on every call and return (LOAD_FRAME) for
  // instructions that are rarely hot (LOAD_CONST, the miss paths).
  const FusedOperands* fused;
  LOCKVM_PINNED Instr instr LOCKVM_PIN("r12");
  // Set up by the CALL family before `goto do_call`.
  Value* call_base;          // the callable; arguments follow it
  size_t call_nargs;         // positional arguments
  TupleObject* call_kw;      // keyword names (borrowed) or null
  Value* call_sp_after;      // the stack top once the call is done
  // Set by do_call for a Python function it runs inline (call_python).
  FunctionObject* call_fn;   // the function; the frame takes a reference from the caller
  Value* call_args;          // its positional arguments, then keyword values
  uint8_t call_on_return;    // the frame's on_return: FrameReturn::kInit for a class's __init__ (inline_init)
  uint32_t local_index;      // LOAD_FAST's local (also set by fused ops falling back to it)

#define LOAD_FRAME()                    \
  do {                                  \
    co = f->code;                       \
    code = co->instrs.data();           \
    pc = f->pc;                         \
    sp = f->sp;                         \
    slots = f->slots;                   \
    fused = co->fused.data();           \
  } while (0)
#define SAVE() (f->pc = pc, f->sp = sp)
// A generator frame FOR_ITER resumed in this loop yields: back to the
// caller's frame (saved), with the generator's claim and handled exception
// undone (gen_leave).
#define LEAVE_INLINE_GENERATOR()   \
  do {                             \
    GeneratorObject* g_ = f->gen;  \
    f = f->back;                   \
    t.frame = f;                   \
    --t.depth;                     \
    gen_leave(t, g_);              \
    LOAD_FRAME();                  \
  } while (0)
#define ARG (instr >> 8)
#define SARG (static_cast<int32_t>(instr) >> 8)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define ERROR_IF(cond) \
  do {                 \
    if (cond) goto error; \
  } while (0)
#define CHECK_BREAKER()                                                         \
  do {                                                                          \
    if (in.eval_breaker.load(std::memory_order_relaxed)) {                      \
      SAVE();                                                                   \
      if (!handle_eval_breaker(t)) goto error;                                  \
    }                                                                           \
  } while (0)

#ifdef LOCKVM_COMPUTED_GOTO
  static const void* const dispatch_table[] = {
#define LOCKVM_OP_LABEL(name, effect) &&L_##name,
      LOCKVM_OPCODES(LOCKVM_OP_LABEL)
#undef LOCKVM_OP_LABEL
  };
#define DISPATCH()                                   \
  do {                                               \
    instr = *pc++;                                   \
    goto* dispatch_table[instr & 0xff];              \
  } while (0)
#define TARGET(op) L_##op:
#else
#define DISPATCH() goto dispatch
#define TARGET(op) case Op::op:
#endif

  LOAD_FRAME();
  if (throwing) goto error;
  if (in.eval_breaker.load(std::memory_order_relaxed)) {
    if (!handle_eval_breaker(t)) goto error;
  }

#ifdef LOCKVM_COMPUTED_GOTO
  DISPATCH();
#else
dispatch:
  instr = *pc++;
  switch (instr_op(instr)) {
#endif

  TARGET(NOP) { DISPATCH(); }
  TARGET(POP_TOP) {
    Value v = POP();
    decref<P>(v);
    DISPATCH();
  }
  TARGET(COPY) {
    Value v = sp[-static_cast<int>(ARG)];
    PUSH(share<P>(v));
    DISPATCH();
  }
  TARGET(SWAP) {
    std::swap(sp[-1], sp[-static_cast<int>(ARG)]);
    DISPATCH();
  }
  TARGET(LOAD_CONST) {
    PUSH(share<P>(co->consts[ARG]));
    DISPATCH();
  }
  TARGET(LOAD_SMALL_INT) {
    PUSH(Value::integer(SARG));
    DISPATCH();
  }
  TARGET(LOAD_NONE) {
    PUSH(Value::none());
    DISPATCH();
  }
  TARGET(LOAD_FAST) {
    local_index = ARG;
  }
  load_fast : {
    Value v = slots[local_index];
    if (v.tag == Tag::Null) {
      SAVE();
      raisef(t, t.types().UnboundLocalError, "cannot access local variable '", co->varnames[local_index]->view(),
             "' where it is not associated with a value");
      goto error;
    }
    if (v.tag == Tag::Obj) incref<P>(v.o);
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    Value old = slots[ARG];
    slots[ARG] = POP();
    decref<P>(old);
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    Value old = slots[ARG];
    if (old.is_null()) {
      SAVE();
      raisef(t, t.types().UnboundLocalError, "cannot access local variable '", co->varnames[ARG]->view(),
             "' where it is not associated with a value");
      goto error;
    }
    slots[ARG] = Value();
    decref<P>(old);
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    auto* cell = static_cast<CellObject*>(f->cells()[ARG].o);
    // A closure's cells are shared by the threads running it.
    Value v = with_object_locked<P>(cell, [&]() LOCKVM_INLINE_LAMBDA { return share<P>(cell->contents); });
    if (v.is_null()) {
      SAVE();
      const CodeProto& p = *co->proto;
      if (ARG < p.cellvars.size())
        raisef(t, t.types().UnboundLocalError, "cannot access local variable '", p.cellvars[ARG],
               "' where it is not associated with a value");
      else
        raisef(t, t.types().NameError, "cannot access free variable '", p.freevars[ARG - p.cellvars.size()],
               "' where it is not associated with a value in enclosing scope");
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    auto* cell = static_cast<CellObject*>(f->cells()[ARG].o);
    Value v = POP();
    Value old = with_object_locked<P>(cell, [&]() LOCKVM_INLINE_LAMBDA { return std::exchange(cell->contents, v); });
    decref<P>(old);
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    auto* cell = static_cast<CellObject*>(f->cells()[ARG].o);
    Value old;
    {
      ObjectGuard<P> g(cell);
      old = std::exchange(cell->contents, Value());
    }
    decref<P>(old);
    DISPATCH();
  }
  TARGET(LOAD_CLOSURE) {
    PUSH(share<P>(f->cells()[ARG]));
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL) {
    GlobalCache& c = co->global_caches[ARG];
    DictObject* g = f->globals;
    if constexpr (P::kParallel) {  // threads share the dicts and the cache: runtime/shared_reads.hpp
      if (P::others_running()) {
        Value v = load_global_shared(t, c, g, co->names[c.name_index]);
        if (v.is_null()) {
          SAVE();
          raisef(t, t.types().NameError, "name '", co->names[c.name_index]->view(), "' is not defined");
          goto error;
        }
        PUSH(v);
        DISPATCH();
      }
    }
    if (c.globals_version == g->table.key_version) {
      if (!c.from_builtins) {
        PUSH(share<P>(g->table.entries[c.index].value));
        DISPATCH();
      }
      if (c.builtins_version == in.builtins->table.key_version) {
        PUSH(share<P>(in.builtins->table.entries[c.index].value));
        DISPATCH();
      }
    }
    // Miss: look the name up and remember where it was found.
    StrObject* name = co->names[c.name_index];
    int64_t pos;
    size_t slot;
    Value key = Value::object(name);
    if (ht::find(t, g->table, key, name->hash, pos, slot) == 1) {
      c.globals_version = g->table.key_version;
      c.index = static_cast<int32_t>(pos);
      c.from_builtins = false;
      PUSH(share<P>(g->table.entries[pos].value));
      DISPATCH();
    }
    if (ht::find(t, in.builtins->table, key, name->hash, pos, slot) == 1) {
      c.globals_version = g->table.key_version;
      c.builtins_version = in.builtins->table.key_version;
      c.index = static_cast<int32_t>(pos);
      c.from_builtins = true;
      PUSH(share<P>(in.builtins->table.entries[pos].value));
      DISPATCH();
    }
    SAVE();
    raisef(t, t.types().NameError, "name '", name->view(), "' is not defined");
    goto error;
  }
  TARGET(STORE_GLOBAL) {
    Value v = POP();
    SAVE();
    int r = dict_set(t, f->globals, Value::object(co->names[ARG]), v);
    decref<P>(v);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    SAVE();
    int r = dict_del(t, f->globals, Value::object(co->names[ARG]));
    ERROR_IF(r < 0);
    if (r == 0) {
      raisef(t, t.types().NameError, "name '", co->names[ARG]->view(), "' is not defined");
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_NAME) {
    StrObject* name = co->names[ARG];
    Value v;
    if (f->ns) v = dict_get_str_ref<P>(f->ns, name);
    if (v.is_null()) v = dict_get_str_ref<P>(f->globals, name);
    if (v.is_null()) v = dict_get_str_ref<P>(in.builtins, name);
    if (v.is_null()) {
      SAVE();
      raisef(t, t.types().NameError, "name '", name->view(), "' is not defined");
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    Value v = POP();
    SAVE();
    int r = dict_set(t, f->ns ? f->ns : f->globals, Value::object(co->names[ARG]), v);
    decref<P>(v);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    SAVE();
    int r = dict_del(t, f->ns ? f->ns : f->globals, Value::object(co->names[ARG]));
    ERROR_IF(r < 0);
    if (r == 0) {
      raisef(t, t.types().NameError, "name '", co->names[ARG]->view(), "' is not defined");
      goto error;
    }
    DISPATCH();
  }
#include "vm/eval_ops_attr.inc"
  TARGET(BINARY_SUBSCR) {
    Value key = sp[-1], obj = sp[-2];
    if (obj.tag == Tag::Obj && obj.o->kind == Kind::List && key.tag == Tag::Int) {
      Value v = list_item<P>(as_list(obj), key.i);
      if (!v.is_null()) {
        --sp;
        sp[-1] = v;
        decref<P>(obj);
        DISPATCH();
      }
    }
    SAVE();
    Value v = getitem(t, obj, key);
    decref<P>(key);
    decref<P>(obj);
    sp -= 2;
    ERROR_IF(v.is_null());
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    Value key = sp[-1], obj = sp[-2], v = sp[-3];
    sp -= 3;
    if (obj.tag == Tag::Obj && obj.o->kind == Kind::List && key.tag == Tag::Int) {
      // In range: the stack's reference to v moves into the list.
      Value old = list_replace_item<P>(as_list(obj), key.i, v);
      if (!old.is_null()) {
        decref<P>(old);
        decref<P>(obj);
        DISPATCH();
      }
    }
    SAVE();
    int r = setitem(t, obj, key, v);
    decref<P>(key);
    decref<P>(obj);
    decref<P>(v);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    Value key = sp[-1], obj = sp[-2];
    sp -= 2;
    SAVE();
    int r = delitem(t, obj, key);
    decref<P>(key);
    decref<P>(obj);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(BINARY_SLICE) {
    uint32_t n = ARG;
    Value obj = sp[-1 - int(n)];
    SliceBounds b = SliceBounds::on_stack(sp, n);
    SAVE();
    Value r = getitem_slice(t, obj, b);
    for (Value* v = sp - n - 1; v < sp; ++v) decref<P>(*v);
    sp -= n;
    sp[-1] = r;
    if (r.is_null()) {
      --sp;
      goto error;
    }
    DISPATCH();
  }
  TARGET(STORE_SLICE) {
    uint32_t n = ARG;
    Value v = sp[-2 - int(n)], obj = sp[-1 - int(n)];
    SliceBounds b = SliceBounds::on_stack(sp, n);
    SAVE();
    int r = setitem_slice(t, obj, b, v);
    for (Value* x = sp - n - 2; x < sp; ++x) decref<P>(*x);
    sp -= n + 2;
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    Value step = ARG == 3 ? POP() : Value::none();
    Value stop = POP();
    Value start = POP();
    Value s = new_slice(t, start, stop, step);
    decref<P>(start);
    decref<P>(stop);
    decref<P>(step);
    PUSH(s);
    DISPATCH();
  }

  // Binary operators: unboxed int and float operands stay in the loop
  // (small_int_binop and its kin in runtime/numbers.hpp: opidx is a constant,
  // so each handler keeps only its operator's case, and an operator with no
  // float case loses that branch).
#define BINARY_OP(opcode, opidx, inplace)                                          \
  TARGET(opcode) {                                                                 \
    Value b = sp[-1], a = sp[-2];                                                  \
    if (a.tag == Tag::Int && b.tag == Tag::Int) {                                  \
      int64_t r;                                                                   \
      double d;                                                                    \
      if (small_int_binop(opidx, a.i, b.i, r)) {                                   \
        --sp;                                                                      \
        sp[-1] = Value::integer(r);                                                \
        DISPATCH();                                                                \
      }                                                                            \
      if (small_int_true_div(opidx, a.i, b.i, d)) {                                \
        --sp;                                                                      \
        sp[-1] = Value::number(d);                                                 \
        DISPATCH();                                                                \
      }                                                                            \
    } else if ((a.tag == Tag::Float || a.tag == Tag::Int) && (b.tag == Tag::Float || b.tag == Tag::Int)) { \
      double r;                                                                    \
      if (small_float_binop(opidx, a.tag == Tag::Float ? a.f : static_cast<double>(a.i), \
                            b.tag == Tag::Float ? b.f : static_cast<double>(b.i), r)) { \
        --sp;                                                                      \
        sp[-1] = Value::number(r);                                                 \
        DISPATCH();                                                                \
      }                                                                            \
    }                                                                              \
    if (a.tag == Tag::Obj && a.o->kind == Kind::Instance) {                        \
      /* a.__op__(b) as a frame of this loop, the operands staying below */       \
      /* it (return_value's FrameReturn::kBinop). */                              \
      call_fn = inline_binop<P>(t, a, b, opidx, inplace);                          \
      call_on_return = FrameReturn::kBinop + (opidx) + ((inplace) ? 13 : 0);       \
      if (call_fn && t.depth < in.recursion_limit) goto call_operator_method;      \
    }                                                                              \
    SAVE();                                                                        \
    Value r = binary_op(t, opidx, a, b, inplace);                                  \
    decref<P>(a);                                                                  \
    decref<P>(b);                                                                  \
    sp -= 2;                                                                       \
    ERROR_IF(r.is_null());                                                         \
    PUSH(r);                                                                       \
    DISPATCH();                                                                    \
  }
  BINARY_OP(BINARY_ADD, 0, false)
  BINARY_OP(BINARY_SUB, 1, false)
  BINARY_OP(BINARY_MUL, 2, false)
  BINARY_OP(BINARY_MATMUL, 3, false)
  BINARY_OP(BINARY_DIV, 4, false)
  BINARY_OP(BINARY_FLOORDIV, 5, false)
  BINARY_OP(BINARY_MOD, 6, false)
  BINARY_OP(BINARY_POW, 7, false)
  BINARY_OP(BINARY_LSHIFT, 8, false)
  BINARY_OP(BINARY_RSHIFT, 9, false)
  BINARY_OP(BINARY_OR, 10, false)
  BINARY_OP(BINARY_XOR, 11, false)
  BINARY_OP(BINARY_AND, 12, false)
  BINARY_OP(INPLACE_ADD, 0, true)
  BINARY_OP(INPLACE_SUB, 1, true)
  BINARY_OP(INPLACE_MUL, 2, true)
  BINARY_OP(INPLACE_MATMUL, 3, true)
  BINARY_OP(INPLACE_DIV, 4, true)
  BINARY_OP(INPLACE_FLOORDIV, 5, true)
  BINARY_OP(INPLACE_MOD, 6, true)
  BINARY_OP(INPLACE_POW, 7, true)
  BINARY_OP(INPLACE_LSHIFT, 8, true)
  BINARY_OP(INPLACE_RSHIFT, 9, true)
  BINARY_OP(INPLACE_OR, 10, true)
  BINARY_OP(INPLACE_XOR, 11, true)
  BINARY_OP(INPLACE_AND, 12, true)
#undef BINARY_OP

#define COMPARE(opcode, opidx, CMP)                                                \
  TARGET(opcode) {                                                                 \
    Value b = sp[-1], a = sp[-2];                                                  \
    if (a.tag == Tag::Int && b.tag == Tag::Int) {                                  \
      --sp;                                                                        \
      sp[-1] = Value::boolean(a.i CMP b.i);                                        \
      DISPATCH();                                                                  \
    }                                                                              \
    if (a.tag == Tag::Float && b.tag == Tag::Float) {                              \
      --sp;                                                                        \
      sp[-1] = Value::boolean(a.f CMP b.f);                                        \
      DISPATCH();                                                                  \
    }                                                                              \
    double x, y;                                                                   \
    if (exact_double(a, x) && exact_double(b, y)) { /* an int and a float */       \
      --sp;                                                                        \
      sp[-1] = Value::boolean(x CMP y);                                            \
      DISPATCH();                                                                  \
    }                                                                              \
    if (a.tag == Tag::Obj && a.o->kind == Kind::Instance) {                        \
      /* a's method as a frame of this loop, as BINARY_OP does. */                \
      call_fn = inline_compare<P>(t, a, b, opidx);                                 \
      call_on_return = FrameReturn::kCompare + (opidx);                            \
      if (call_fn && t.depth < in.recursion_limit) goto call_operator_method;      \
    }                                                                              \
    SAVE();                                                                        \
    Value r = compare(t, a, b, opidx);                                             \
    decref<P>(a);                                                                  \
    decref<P>(b);                                                                  \
    sp -= 2;                                                                       \
    ERROR_IF(r.is_null());                                                         \
    PUSH(r);                                                                       \
    DISPATCH();                                                                    \
  }
  COMPARE(COMPARE_EQ, 0, ==)
  COMPARE(COMPARE_NE, 1, !=)
  COMPARE(COMPARE_LT, 2, <)
  COMPARE(COMPARE_LE, 3, <=)
  COMPARE(COMPARE_GT, 4, >)
  COMPARE(COMPARE_GE, 5, >=)
#undef COMPARE

  TARGET(IS_OP) {
    Value b = POP(), a = POP();
    bool r = a.identical(b) != (ARG == 1);
    decref<P>(a);
    decref<P>(b);
    PUSH(Value::boolean(r));
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    Value b = POP(), a = POP();
    SAVE();
    int r = contains(t, b, a);
    decref<P>(a);
    decref<P>(b);
    ERROR_IF(r < 0);
    PUSH(Value::boolean(static_cast<bool>(r) != (ARG == 1)));
    DISPATCH();
  }
  TARGET(UNARY_NEGATIVE) {
    Value v = TOP();
    if (v.tag == Tag::Int && v.i != std::numeric_limits<int64_t>::min()) {
      TOP() = Value::integer(-v.i);
      DISPATCH();
    }
    if (v.tag == Tag::Float) {
      TOP() = Value::number(-v.f);
      DISPATCH();
    }
    if (v.tag == Tag::Obj && v.o->kind == Kind::Instance) {
      // A Python __neg__ as a frame of this loop: a plain call whose
      // argument is the operand (its reference moves into the frame).
      FunctionObject* m = inline_neg<P>(t, v);
      if (m && t.depth < in.recursion_limit) {
        incref<P>(m);
        call_fn = m;
        call_args = sp - 1;
        call_nargs = 1;
        call_kw = nullptr;
        call_sp_after = sp - 1;
        call_on_return = FrameReturn::kPush;
        goto call_python;
      }
    }
    SAVE();
    Value r = unary_op(t, 0, v);
    decref<P>(v);
    --sp;
    ERROR_IF(r.is_null());
    PUSH(r);
    DISPATCH();
  }
  TARGET(UNARY_POSITIVE)
  TARGET(UNARY_INVERT) {
    Value v = TOP();
    SAVE();
    Value r = unary_op(t, instr_op(instr) == Op::UNARY_POSITIVE ? 1 : 3, v);
    decref<P>(v);
    --sp;
    ERROR_IF(r.is_null());
    PUSH(r);
    DISPATCH();
  }
  TARGET(UNARY_NOT) {
    Value v = TOP();
    if (v.tag == Tag::Bool) {
      TOP() = Value::boolean(!v.b);
      DISPATCH();
    }
    SAVE();
    int r = truthy(t, v);
    decref<P>(v);
    --sp;
    ERROR_IF(r < 0);
    PUSH(Value::boolean(!r));
    DISPATCH();
  }

  TARGET(BUILD_TUPLE) {
    uint32_t n = ARG;
    Value r;
    if (n == 0) {
      r = share<P>(in.empty_tuple);
    } else {
      TupleObject* tup = alloc_tuple(t, n);
      for (uint32_t i = 0; i < n; ++i) tup->items[i] = sp[static_cast<int>(i) - static_cast<int>(n)];
      r = Value::object(tup);
    }
    sp -= n;
    PUSH(r);
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    uint32_t n = ARG;
    Value l = new_list(t);
    auto& items = as_list(l)->items;
    items.assign(sp - n, sp);  // moves the references
    sp -= n;
    PUSH(l);
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    uint32_t n = ARG;
    Value s = new_set(t);
    SAVE();
    bool ok = true;
    for (uint32_t i = 0; i < n; ++i) {
      if (ok && set_add(t, as_set(s), sp[static_cast<int>(i) - static_cast<int>(n)]) < 0) ok = false;
      decref<P>(sp[static_cast<int>(i) - static_cast<int>(n)]);
    }
    sp -= n;
    if (!ok) {
      decref<P>(s);
      goto error;
    }
    PUSH(s);
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    uint32_t n = ARG;
    Value d = new_dict(t);
    SAVE();
    bool ok = true;
    Value* base = sp - 2 * n;
    for (uint32_t i = 0; i < n; ++i) {
      if (ok && dict_set(t, as_dict(d), base[2 * i], base[2 * i + 1]) < 0) ok = false;
      decref<P>(base[2 * i]);
      decref<P>(base[2 * i + 1]);
    }
    sp = base;
    if (!ok) {
      decref<P>(d);
      goto error;
    }
    PUSH(d);
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    {  // scope: computed goto would skip these destructors
      uint32_t n = ARG;
      std::string s;
      for (uint32_t i = 0; i < n; ++i) {
        Value& v = sp[static_cast<int>(i) - static_cast<int>(n)];
        s += as_str(v)->view();
        decref<P>(v);
      }
      sp -= n;
      PUSH(new_str(t, s));
    }
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    {  // scope: computed goto would skip these destructors
      Value v = POP();
      ListObject* l = as_list(sp[-static_cast<int>(ARG)]);
      with_object_locked<P>(l, [&]() LOCKVM_INLINE_LAMBDA { l->items.push_back(v); });
    }
    DISPATCH();
  }
  TARGET(SET_ADD) {
    Value v = POP();
    SAVE();
    int r = set_add(t, as_set(sp[-static_cast<int>(ARG)]), v);
    decref<P>(v);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    Value v = POP();
    Value k = POP();
    SAVE();
    int r = dict_set(t, as_dict(sp[-static_cast<int>(ARG)]), k, v);
    decref<P>(k);
    decref<P>(v);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    Value v = POP();
    SAVE();
    int r;
    if (v.tag != Tag::Obj || (v.o->kind != Kind::List && v.o->kind != Kind::Tuple && type_lookup<P>(type_of(t, v), t.names().__iter__).is_null() &&
                              v.o->kind != Kind::Str && v.o->kind != Kind::Dict && v.o->kind != Kind::Set &&
                              v.o->kind != Kind::FrozenSet && v.o->kind != Kind::Range && v.o->kind != Kind::Iterator &&
                              v.o->kind != Kind::Generator && v.o->kind != Kind::DictView && v.o->kind != Kind::Bytes)) {
      raisef(t, t.types().TypeError, "Value after * must be an iterable, not ", type_name(t, v));
      r = -1;
    } else {
      r = list_extend(t, as_list(sp[-static_cast<int>(ARG)]), v);
    }
    decref<P>(v);
    ERROR_IF(r < 0);
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    {  // scope: computed goto would skip these destructors
      Value v = POP();
      SAVE();
      Value it = get_iter(t, v);
      decref<P>(v);
      ERROR_IF(it.is_null());
      SetObject* s = as_set(sp[-static_cast<int>(ARG)]);
      bool ok = true;
      for (;;) {
        Value x = iter_next(t, it);
        if (x.is_null()) {
          ok = t.exc.is_null();
          break;
        }
        int r = set_add(t, s, x);
        decref<P>(x);
        if (r < 0) {
          ok = false;
          break;
        }
      }
      decref<P>(it);
      ERROR_IF(!ok);
    }
    DISPATCH();
  }
  TARGET(DICT_UPDATE)
  TARGET(DICT_MERGE) {
    {  // scope: computed goto would skip these destructors
      bool merge = instr_op(instr) == Op::DICT_MERGE;
      Value v = POP();
      SAVE();
      DictObject* d = as_dict(sp[-static_cast<int>(ARG)]);
      bool ok = true;
      if (is_kind(v, Kind::Dict)) {
        std::vector<HashEntry> items;
        for (const HashEntry& e : as_dict(v)->table.entries)
          if (!e.key.is_null()) items.push_back({share<P>(e.key), share<P>(e.value), e.hash});
        for (HashEntry& e : items) {
          if (ok && merge && !dict_get(t, d, e.key).is_null()) {
            std::string k = is_str(e.key) ? std::string(as_str(e.key)->view()) : "?";
            raisef(t, t.types().TypeError, "got multiple values for keyword argument '", k, "'");
            ok = false;
          }
          if (ok && merge && !is_str(e.key)) {
            raise(t, t.types().TypeError, "keywords must be strings");
            ok = false;
          }
          if (ok && dict_set(t, d, e.key, e.value) < 0) ok = false;
          decref<P>(e.key);
          decref<P>(e.value);
        }
      } else {
        Value keys = getattr_opt(t, v, t.names().keys);
        if (keys.is_null()) {
          if (t.exc.is_null())
            raisef(t, t.types().TypeError, merge ? "argument after ** must be a mapping, not " : "'",
                   type_name(t, v), merge ? "" : "' object is not a mapping");
          ok = false;
        } else {
          Value ks = call(t, keys, nullptr, 0);
          decref<P>(keys);
          Value kl = ks.is_null() ? Value() : to_list(t, ks);
          decref<P>(ks);
          if (kl.is_null()) ok = false;
          else {
            for (const Value& k : as_list(kl)->items) {
              Value val = getitem(t, v, k);
              if (val.is_null() || dict_set(t, d, k, val) < 0) ok = false;
              decref<P>(val);
              if (!ok) break;
            }
            decref<P>(kl);
          }
        }
      }
      decref<P>(v);
      ERROR_IF(!ok);
    }
    DISPATCH();
  }
  TARGET(LIST_TO_TUPLE) {
    Value l = TOP();
    auto& items = as_list(l)->items;
    Value r = new_tuple(t, items.data(), items.size());
    TOP() = r;
    decref<P>(l);
    DISPATCH();
  }
  TARGET(FORMAT_VALUE) {
    Value spec = (ARG & 4) ? POP() : Value();
    Value v = POP();
    SAVE();
    Value r = format_value(t, v, ARG & 3, spec);
    decref<P>(spec);
    decref<P>(v);
    ERROR_IF(r.is_null());
    PUSH(r);
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    {  // scope: computed goto would skip these destructors
      uint32_t n = ARG;
      Value seq = POP();
      if (is_kind(seq, Kind::Tuple) && as_tuple(seq)->size == n) {
        TupleObject* tup = as_tuple(seq);
        for (uint32_t i = n; i-- > 0;) PUSH(share<P>(tup->items[i]));
        decref<P>(seq);
        DISPATCH();
      }
      SAVE();
      std::vector<Value> items;
      bool ok = collect(t, seq, items, n);
      decref<P>(seq);
      if (ok && items.size() != n) {
        if (items.size() < n)
          raisef(t, t.types().ValueError, "not enough values to unpack (expected ", n, ", got ", items.size(), ")");
        else
          raisef(t, t.types().ValueError, "too many values to unpack (expected ", n, ")");
        ok = false;
      }
      if (!ok) {
        for (Value& v : items) decref<P>(v);
        goto error;
      }
      for (uint32_t i = n; i-- > 0;) PUSH(items[i]);
    }
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    {  // scope: computed goto would skip these destructors
      uint32_t before = ARG & 0xff, after = ARG >> 8;
      Value seq = POP();
      SAVE();
      std::vector<Value> items;
      bool ok = collect(t, seq, items, SIZE_MAX);
      decref<P>(seq);
      if (ok && items.size() < before + after) {
        raisef(t, t.types().ValueError, "not enough values to unpack (expected at least ", before + after, ", got ",
               items.size(), ")");
        ok = false;
      }
      if (!ok) {
        for (Value& v : items) decref<P>(v);
        goto error;
      }
      size_t n = items.size();
      for (size_t i = 0; i < after; ++i) PUSH(items[n - 1 - i]);
      Value rest = new_list(t);
      as_list(rest)->items.assign(items.begin() + before, items.end() - after);
      PUSH(rest);
      for (size_t i = before; i-- > 0;) PUSH(items[i]);
    }
    DISPATCH();
  }

  TARGET(JUMP) {
    const Instr* target = code + ARG;
    if (target < pc) CHECK_BREAKER();
    pc = target;
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_FALSE) {
    Value v = POP();
    int r;
    if (v.tag == Tag::Bool) r = v.b;
    else {
      SAVE();
      r = truthy(t, v);
      decref<P>(v);
      ERROR_IF(r < 0);
    }
    if (!r) {
      const Instr* target = code + ARG;
      if (target < pc) CHECK_BREAKER();
      pc = target;
    }
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_TRUE) {
    Value v = POP();
    int r;
    if (v.tag == Tag::Bool) r = v.b;
    else {
      SAVE();
      r = truthy(t, v);
      decref<P>(v);
      ERROR_IF(r < 0);
    }
    if (r) {
      const Instr* target = code + ARG;
      if (target < pc) CHECK_BREAKER();
      pc = target;
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_FALSE_OR_POP) {
    Value v = TOP();
    SAVE();
    int r = truthy(t, v);
    ERROR_IF(r < 0);
    if (!r) pc = code + ARG;
    else {
      --sp;
      decref<P>(v);
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_TRUE_OR_POP) {
    Value v = TOP();
    SAVE();
    int r = truthy(t, v);
    ERROR_IF(r < 0);
    if (r) pc = code + ARG;
    else {
      --sp;
      decref<P>(v);
    }
    DISPATCH();
  }
  TARGET(GET_ITER) {
    Value v = TOP();
    if (is_kind(v, Kind::Iterator) || is_kind(v, Kind::Generator)) DISPATCH();
    SAVE();
    Value it = get_iter(t, v);
    ERROR_IF(it.is_null());
    TOP() = it;
    decref<P>(v);
    DISPATCH();
  }
  TARGET(FOR_ITER) {}
  for_iter : {  // also FUSED_FOR_ITER_STORE's fallback, with instr remade
    Value itv = TOP();
    if (itv.tag == Tag::Obj && itv.o->kind == Kind::Iterator) {
      // A range or a list steps inline; their end, like any other
      // iterator, goes through iter_next.
      Value v = fast_iter_next<P>(static_cast<IteratorObject*>(itv.o));
      if (!v.is_null()) {
        PUSH(v);
        DISPATCH();
      }
    }
    if (itv.tag == Tag::Obj && itv.o->kind == Kind::Generator) {
      // A generator runs in this loop: its frame goes on top of ours as a
      // called function's would, and its yield comes back here (YIELD_VALUE)
      // with no C++ call per item (CPython 3.12's FOR_ITER_GEN). Our stack
      // keeps it alive. A generator that is finished, running, too deep or
      // a coroutine goes through iter_next, which also ends the loop when
      // the generator is done (its return or raise runs FOR_ITER again).
      auto* g = static_cast<GeneratorObject*>(itv.o);
      if (!g->is_coroutine && t.depth < in.recursion_limit && gen_claim<P>(g)) {
        if (Frame* gf = g->frame) {
          if (gf->started()) *gf->sp++ = Value::none();  // what the paused yield returns
          gf->is_entry = false;
          gen_enter(t, g);
          SAVE();
          gf->back = f;
          t.frame = gf;
          ++t.depth;
          f = gf;
          LOAD_FRAME();
          DISPATCH();
        }
        gen_unclaim<P>(g);
      }
    }
    SAVE();
    Value v = iter_next(t, itv);
    if (!v.is_null()) {
      PUSH(v);
      DISPATCH();
    }
    ERROR_IF(!t.exc.is_null());
    --sp;
    decref<P>(itv);
    pc = code + ARG;
    DISPATCH();
  }
  TARGET(RETURN_VALUE) {}
  return_value : {  // also FUSED_RETURN_NONE's, with None pushed
    Value r = POP();
    Frame* back = f->back;
    if (!f->is_entry && !f->gen) [[likely]] {
      // Returning to a caller in this same loop: release the frame inline.
      for (Value* v = slots; v < sp; ++v) decref<P>(*v);
      FunctionObject* fn = f->func;
      uint8_t on_return = f->on_return;
      t.frames.pop(f);
      decref<P>(fn);
      t.frame = back;
      --t.depth;
      f = back;
      LOAD_FRAME();
      if (on_return != FrameReturn::kPush) [[unlikely]] {
        if (on_return == FrameReturn::kDiscard) {
          decref<P>(r);
          DISPATCH();
        }
        if (on_return == FrameReturn::kInit) {
          // The instance is already on our stack (do_call's class call).
          if (r.is_none()) DISPATCH();
          SAVE();
          std::string_view tn = type_name(t, r);
          raisef(t, t.types().TypeError, "__init__() should return None, not '", tn, "'");
          decref<P>(r);
          goto error;
        }
        // BINARY_OP's a.__op__(b) or COMPARE_OP's a.__lt__(b) ...: the
        // operands are still on our stack.
        Value a = sp[-2], b = sp[-1];
        if (!r.identical(in.not_implemented)) {
          sp[-2] = r;
          --sp;
          decref<P>(a);
          decref<P>(b);
          DISPATCH();
        }
        decref<P>(r);
        SAVE();
        if (on_return >= FrameReturn::kCompare) {
          r = compare(t, a, b, on_return - FrameReturn::kCompare, /*forward_done=*/true);
        } else {
          int op = on_return - FrameReturn::kBinop;
          r = binary_op(t, op % 13, a, b, /*inplace=*/op >= 13, /*forward_done=*/true);
        }
        sp -= 2;
        decref<P>(a);
        decref<P>(b);
        ERROR_IF(r.is_null());
        PUSH(r);
        DISPATCH();
      }
      PUSH(r);
      DISPATCH();
    }
    SAVE();
    bool entry = f->is_entry;
    GeneratorObject* gen = f->gen;
    if (gen) gen->frame = nullptr;
    free_frame<P>(t, f);
    t.frame = back;
    --t.depth;
    if (entry) {
      --t.native_depth;
      return r;
    }
    f = back;
    LOAD_FRAME();
    if (gen) {  // the generator of our FOR_ITER returned: FOR_ITER runs again and ends the loop
      decref<P>(r);
      gen_leave(t, gen);
      --pc;
      DISPATCH();
    }
    PUSH(r);
    DISPATCH();
  }
  TARGET(MAKE_FUNCTION) {
    Value codev = POP();
    Value closure = (ARG & 4) ? POP() : Value();
    Value kwdefaults = (ARG & 2) ? POP() : Value();
    Value defaults = (ARG & 1) ? POP() : Value();
    Value fn = make_function(t, static_cast<CodeObject*>(codev.o), f->globals,
                             defaults.is_null() ? nullptr : as_tuple(defaults),
                             kwdefaults.is_null() ? nullptr : as_dict(kwdefaults),
                             closure.is_null() ? nullptr : as_tuple(closure));
    decref<P>(codev);
    decref<P>(closure);
    decref<P>(kwdefaults);
    decref<P>(defaults);
    PUSH(fn);
    DISPATCH();
  }
  TARGET(CALL) {
    call_nargs = ARG;
    call_base = sp - call_nargs - 1;
    call_kw = nullptr;
    call_sp_after = call_base;
    goto do_call;
  }
  TARGET(CALL_KW) {
    call_kw = as_tuple(sp[-1]);
    call_nargs = ARG - call_kw->size;
    call_base = sp - ARG - 2;
    call_sp_after = call_base;
    goto do_call;
  }
  TARGET(CALL_METHOD) {
    Value* base = sp - ARG - 2;
    call_kw = nullptr;
    call_sp_after = base;
    if (base[0].is_null()) {
      if (is_kind(base[1], Kind::BoundMethod)) {
        // A bound method (a classmethod, a method stored on an instance...):
        // its function and self take the two slots, so that a Python
        // function is called inline rather than through call().
        auto* bm = static_cast<BoundMethodObject*>(base[1].o);
        if (is_kind(bm->func, Kind::Function)) {
          Value bound = base[1];
          base[0] = share<P>(bm->func);
          base[1] = share<P>(bm->self);
          decref<P>(bound);
          call_base = base;
          call_nargs = ARG + 1;
          goto do_call;
        }
      }
      call_base = base + 1;
      call_nargs = ARG;
    } else {
      call_base = base;
      call_nargs = ARG + 1;
    }
    goto do_call;
  }
  TARGET(CALL_EX) {
    {  // scope: computed goto would skip these destructors
      Value kwargs = (ARG & 1) ? POP() : Value();
      Value args = POP();
      Value callable = POP();
      SAVE();
      Value r = call_tuple_dict(t, callable, as_tuple(args), kwargs.is_null() ? nullptr : as_dict(kwargs));
      decref<P>(kwargs);
      decref<P>(args);
      decref<P>(callable);
      ERROR_IF(r.is_null());
      PUSH(r);
    }
    DISPATCH();
  }
  TARGET(BUILD_CLASS) {
    uint32_t n = ARG;
    Value* base = sp - n - 2;
    SAVE();
    Value cls = build_class(t, base[0], base[1], base + 2, n);
    for (Value* v = base; v < sp; ++v) decref<P>(*v);
    sp = base;
    ERROR_IF(cls.is_null());
    PUSH(cls);
    DISPATCH();
  }

#include "vm/eval_ops_gen.inc"
#include "vm/eval_ops_exc.inc"
  TARGET(IMPORT_NAME) {
    SAVE();
    Value m = import_module(t, co->names[ARG]->view(), f->globals);
    ERROR_IF(m.is_null());
    PUSH(m);
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    Value mod = TOP();
    SAVE();
    Value v = getattr_opt(t, mod, co->names[ARG]);
    if (v.is_null()) {
      if (t.exc.is_null()) {
        std::string_view mn = is_kind(mod, Kind::Module) ? static_cast<ModuleObject*>(mod.o)->name->view() : "?";
        raisef(t, t.types().ImportError, "cannot import name '", co->names[ARG]->view(), "' from '", mn, "'");
      }
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(IMPORT_STAR) {
    {  // scope: computed goto would skip these destructors
      Value mod = POP();
      SAVE();
      bool ok = import_star(t, mod, f->ns ? f->ns : f->globals);
      decref<P>(mod);
      ERROR_IF(!ok);
    }
    DISPATCH();
  }
  TARGET(PRINT_EXPR) {
    {  // scope: computed goto would skip these destructors
      Value v = POP();
      SAVE();
      if (!v.is_none()) {
        dict_set(t, in.builtins, Value::object(intern(in, "_")), v);
        Value r = repr(t, v);
        if (r.is_null()) {
          decref<P>(v);
          goto error;
        }
        std::string line(as_str(r)->view());
        line += '\n';
        if (in.write_out) in.write_out(line);
        decref<P>(r);
      }
      decref<P>(v);
    }
    DISPATCH();
  }
  TARGET(SETUP_ANNOTATIONS) { DISPATCH(); }

#include "vm/eval_ops_fused.inc"

#ifndef LOCKVM_COMPUTED_GOTO
    default:
      raise(t, t.types().RuntimeError, "unknown opcode");
      goto error;
  }
#endif

#include "vm/eval_call.inc"

error:
  // An exception is pending in t.exc; pc is just past the failing instruction.
  {
    uint32_t idx = pc > code ? static_cast<uint32_t>(pc - code - 1) : 0;
    if (is_kind(t.exc, Kind::Exception)) {
      incref<P>(co);
      as_exc(t.exc)->traceback.push_back(TraceEntry{co, co->proto->lines[idx]});
    }
  }
error_reraise:
  for (;;) {
    uint32_t idx = pc > code ? static_cast<uint32_t>(pc - code - 1) : 0;
    for (const ExceptionEntry& e : co->proto->exception_table) {
      if (idx >= e.start && idx < e.end) {
        Value* base = f->stack_base() + e.depth;
        while (sp > base) decref<P>(*--sp);
        PUSH(fetch_exception(t));
        pc = code + e.handler;
        DISPATCH();
      }
    }
    // No handler here: the frame ends with the exception.
    SAVE();
    Frame* back = f->back;
    bool entry = f->is_entry;
    GeneratorObject* gen = f->gen;
    if (gen) gen->frame = nullptr;
    free_frame<P>(t, f);
    t.frame = back;
    --t.depth;
    if (entry) {
      --t.native_depth;
      return Value();
    }
    if (gen) {  // the generator of our FOR_ITER raised: the FOR_ITER raises it (as gen_resume would)
      gen_leave(t, gen);
      gen_stop_iteration_to_runtime_error(t, gen);
    }
    f = back;
    LOAD_FRAME();
    uint32_t cidx = static_cast<uint32_t>(pc - code - 1);
    if (is_kind(t.exc, Kind::Exception)) {
      incref<P>(co);
      as_exc(t.exc)->traceback.push_back(TraceEntry{co, co->proto->lines[cidx]});
    }
  }

#undef LOAD_FRAME
#undef SAVE
#undef LEAVE_INLINE_GENERATOR
#undef ARG
#undef SARG
#undef PUSH
#undef POP
#undef TOP
#undef ERROR_IF
#undef CHECK_BREAKER
#undef DISPATCH
#undef TARGET
}

}  // namespace lockvm::rt
