// Code generation for statements (see compiler_impl.hpp). Mirrors CPython
// 3.11's compile.c; the try/except/finally/with shapes are the canonical
// ones documented in opcodes.hpp.
#include <unordered_set>

#include "vm/compiler_impl.hpp"

namespace lockvm::detail {

using symtable::BlockType;

const ast::Constant* Compiler::docstring(const ast::StmtList& body) const {
  if (body.empty() || body[0]->kind != ast::StmtKind::Expr) return nullptr;
  const ast::Expr& e = *ast::as<ast::ExprStmt>(*body[0]).value;
  if (e.kind != ast::ExprKind::Constant) return nullptr;
  const auto& c = ast::as<ast::Constant>(e);
  return c.type == ast::Constant::Type::Str ? &c : nullptr;
}

void Compiler::visit_body(const ast::StmtList& body) {
  for (const auto& s : body) visit_stmt(*s);
}

void Compiler::visit_stmt(const ast::Stmt& s) {
  NestGuard guard(*this, s.pos);
  set_line(s.pos);
  using K = ast::StmtKind;
  switch (s.kind) {
    case K::Expr: {
      const ast::Expr& value = *ast::as<ast::ExprStmt>(s).value;
      if (mode_ == CompileMode::Interactive && units_.size() == 1) {
        visit_expr(value);
        emit(Op::PRINT_EXPR);
      } else if (value.kind == ast::ExprKind::Constant) {
        // A constant statement (e.g. a docstring) has no effect.
      } else {
        visit_expr(value);
        emit(Op::POP_TOP);
      }
      break;
    }
    case K::Assign: {
      const auto& a = ast::as<ast::Assign>(s);
      visit_expr(*a.value);
      for (size_t i = 0; i < a.targets.size(); ++i) {
        if (i + 1 < a.targets.size()) emit(Op::COPY, 1);
        visit_store(*a.targets[i]);
      }
      break;
    }
    case K::AugAssign: compile_aug_assign(ast::as<ast::AugAssign>(s)); break;
    case K::AnnAssign: compile_ann_assign(ast::as<ast::AnnAssign>(s)); break;
    case K::FunctionDef: compile_function(ast::as<ast::FunctionDef>(s)); break;
    case K::ClassDef: compile_class(ast::as<ast::ClassDef>(s)); break;
    case K::Return: compile_return(ast::as<ast::Return>(s)); break;
    case K::Delete:
      for (const auto& t : ast::as<ast::Delete>(s).targets) compile_delete(*t);
      break;
    case K::If: compile_if(ast::as<ast::If>(s)); break;
    case K::While: compile_while(ast::as<ast::While>(s)); break;
    case K::For: compile_for(ast::as<ast::For>(s)); break;
    case K::Break: compile_break(s); break;
    case K::Continue: compile_continue(s); break;
    case K::Pass: break;
    case K::Raise: {
      const auto& r = ast::as<ast::Raise>(s);
      int n = 0;
      if (r.exc) {
        visit_expr(*r.exc);
        ++n;
        if (r.cause) {
          visit_expr(*r.cause);
          ++n;
        }
      }
      set_line(s.pos);
      emit(Op::RAISE_VARARGS, n);
      break;
    }
    case K::Try: compile_try(ast::as<ast::Try>(s)); break;
    case K::With: {
      const auto& w = ast::as<ast::With>(s);
      if (w.is_async) {
        auto* fn = u_->ste;
        if (fn->type != BlockType::Function || !fn->coroutine || fn->is_lambda || fn->is_comprehension())
          error("'async with' outside async function", s.pos);
      }
      if (w.items.empty()) error("'with' statement without items", s.pos);
      compile_with(w, 0);
      break;
    }
    case K::Assert: compile_assert(ast::as<ast::Assert>(s)); break;
    case K::Import: compile_import(ast::as<ast::Import>(s)); break;
    case K::ImportFrom: compile_import_from(ast::as<ast::ImportFrom>(s)); break;
    case K::Global:
    case K::Nonlocal: break;
  }
}

// ----------------------------------------------------------- definitions

uint32_t Compiler::compile_defaults(const ast::Arguments& args) {
  uint32_t flags = 0;
  if (!args.defaults.empty()) {
    compile_sequence(args.defaults, Seq::Tuple);
    flags |= 1;
  }
  int nkw = 0;
  for (size_t i = 0; i < args.kwonlyargs.size() && i < args.kw_defaults.size(); ++i) {
    if (!args.kw_defaults[i]) continue;
    Const name;
    name.type = Const::Type::Str;
    name.s = mangle(args.kwonlyargs[i].name);
    load_const(std::move(name));
    visit_expr(*args.kw_defaults[i]);
    ++nkw;
  }
  if (nkw) {
    emit(Op::BUILD_MAP, nkw);
    flags |= 2;
  }
  return flags;
}

void Compiler::make_closure(const std::shared_ptr<CodeProto>& code, uint32_t flags) {
  if (!code->freevars.empty()) {
    for (const auto& name : code->freevars) {
      // A free variable of the child is a cell or a free variable here. In a
      // class body, __class__ is the class's own cell; other names are passed
      // through as free variables even when the class also binds them.
      int idx = -1;
      bool want_cell = (u_->ste->type == BlockType::Class && name == "__class__") ||
                       u_->ste->scope_of(name) == symtable::NameScope::Cell;
      if (want_cell) {
        auto it = u_->cellvar_index.find(name);
        if (it != u_->cellvar_index.end()) idx = it->second;
      } else {
        auto it = u_->freevar_index.find(name);
        if (it != u_->freevar_index.end()) idx = it->second;
      }
      if (idx < 0) throw std::logic_error("compiler: no cell for free variable " + name);
      emit(Op::LOAD_CLOSURE, idx);
    }
    emit(Op::BUILD_TUPLE, static_cast<int64_t>(code->freevars.size()));
    flags |= 4;
  }
  if (u_->reachable) {
    Const c;
    c.type = Const::Type::Code;
    c.code = code;
    emit(Op::LOAD_CONST, add_const(std::move(c)));
  }
  emit(Op::MAKE_FUNCTION, flags);
}

static void set_arg_counts(CodeProto& co, const ast::Arguments& args) {
  co.posonlyargcount = static_cast<int>(args.posonlyargs.size());
  co.argcount = static_cast<int>(args.posonlyargs.size() + args.args.size());
  co.kwonlyargcount = static_cast<int>(args.kwonlyargs.size());
}

void Compiler::compile_function(const ast::FunctionDef& f) {
  for (const auto& d : f.decorator_list) visit_expr(*d);
  set_line(f.pos);
  int firstlineno = f.decorator_list.empty() ? f.pos.line : f.decorator_list[0]->pos.line;
  uint32_t make_flags = compile_defaults(f.args);
  symtable::Scope* scope = st_->lookup(&f);
  enter_unit(scope, f.name, firstlineno, f.is_async ? uint32_t{kCodeCoroutine} : 0u);
  set_arg_counts(*u_->code, f.args);
  set_line(f.pos);
  // consts[0] is the docstring, or None (CPython's convention).
  const ast::Constant* doc = docstring(f.body);
  Const first;
  if (doc) {
    first.type = Const::Type::Str;
    first.s = doc->text;
  }
  add_const(std::move(first));
  for (size_t i = doc ? 1 : 0; i < f.body.size(); ++i) visit_stmt(*f.body[i]);
  emit(Op::LOAD_NONE);
  emit(Op::RETURN_VALUE);
  auto code = exit_unit();
  set_line(f.pos);
  make_closure(code, make_flags);
  for (size_t i = f.decorator_list.size(); i-- > 0;) emit(Op::CALL, 1);
  compile_name(f.name, ast::Ctx::Store);
}

void Compiler::compile_class(const ast::ClassDef& c) {
  if (!c.keywords.empty())
    error("class keyword arguments (metaclass=...) are not supported", c.keywords[0].pos);
  for (const auto& b : c.bases)
    if (b->kind == ast::ExprKind::Starred) error("starred class bases are not supported", b->pos);
  for (const auto& d : c.decorator_list) visit_expr(*d);
  set_line(c.pos);
  int firstlineno = c.decorator_list.empty() ? c.pos.line : c.decorator_list[0]->pos.line;
  symtable::Scope* scope = st_->lookup(&c);
  enter_unit(scope, c.name, firstlineno, kCodeClassBody);
  u_->private_name = c.name;
  set_line(c.pos);
  size_t start = 0;
  if (const ast::Constant* doc = docstring(c.body)) {
    set_line(c.body[0]->pos);
    Const d;
    d.type = Const::Type::Str;
    d.s = doc->text;
    load_const(std::move(d));
    compile_name("__doc__", ast::Ctx::Store);
    start = 1;
  }
  for (size_t i = start; i < c.body.size(); ++i) visit_stmt(*c.body[i]);
  if (scope->needs_class_closure) {
    emit(Op::LOAD_CLOSURE, u_->cellvar_index.at("__class__"));
    compile_name("__classcell__", ast::Ctx::Store);
  }
  emit(Op::LOAD_NONE);
  emit(Op::RETURN_VALUE);
  auto code = exit_unit();
  set_line(c.pos);
  make_closure(code, 0);
  Const name;
  name.type = Const::Type::Str;
  name.s = c.name;
  load_const(std::move(name));
  for (const auto& b : c.bases) visit_expr(*b);
  set_line(c.pos);
  emit(Op::BUILD_CLASS, static_cast<int64_t>(c.bases.size()));
  for (size_t i = c.decorator_list.size(); i-- > 0;) emit(Op::CALL, 1);
  compile_name(c.name, ast::Ctx::Store);
}

// ----------------------------------------------------------- control flow

void Compiler::compile_if(const ast::If& s) {
  int end = new_label();
  int next = s.orelse.empty() ? end : new_label();
  compile_jump_if(*s.test, next, false);
  visit_body(s.body);
  if (!s.orelse.empty()) {
    emit_jump(Op::JUMP, end);
    bind(next);
    visit_body(s.orelse);
  }
  bind(end);
}

void Compiler::compile_while(const ast::While& s) {
  int loop = new_label(), end = new_label(), anchor = new_label();
  bind(loop);
  push_fblock(FBlockType::WhileLoop, loop, end);
  compile_jump_if(*s.test, anchor, false);
  visit_body(s.body);
  set_line(s.pos);
  emit_jump(Op::JUMP, loop);
  pop_fblock(FBlockType::WhileLoop);
  bind(anchor);
  visit_body(s.orelse);
  bind(end);
}

// A for loop's step once its next item is on the stack: store it, run the
// body, go back to `start` (`end`: where break goes).
void Compiler::compile_for_body(const ast::For& s, int start, int end) {
  push_fblock(FBlockType::ForLoop, start, end);
  visit_store(*s.target);
  visit_body(s.body);
  set_line(s.pos);
  emit_jump(Op::JUMP, start);
  pop_fblock(FBlockType::ForLoop);
}

void Compiler::compile_for(const ast::For& s) {
  if (s.is_async) {
    auto* fn = u_->ste;
    if (fn->type != BlockType::Function || !fn->coroutine || fn->is_lambda || fn->is_comprehension())
      error("'async for' outside async function", s.pos);
    compile_async_for(s);
    return;
  }
  int start = new_label(), cleanup = new_label(), end = new_label();
  visit_expr(*s.iter);
  set_line(s.pos);
  emit(Op::GET_ITER);
  bind(start);
  emit_jump(Op::FOR_ITER, cleanup);
  compile_for_body(s, start, end);
  bind(cleanup);
  visit_body(s.orelse);
  bind(end);
}

void Compiler::compile_return(const ast::Return& s) {
  if (u_->ste->type != BlockType::Function) error("'return' outside function", s.pos);
  if (s.value && u_->ste->coroutine && u_->ste->generator) error("'return' with value in async generator", s.pos);
  Const cv;
  bool is_const = s.value && constant_value(*s.value, cv);
  bool preserve_tos = s.value && !is_const;
  if (preserve_tos) visit_expr(*s.value);
  auto saved_handlers = u_->handler_stack;
  auto saved_fblocks = u_->fblocks;
  unwind_fblock_stack(preserve_tos, false);
  set_line(s.pos);
  if (!s.value)
    emit(Op::LOAD_NONE);
  else if (!preserve_tos)
    load_const(std::move(cv));
  emit(Op::RETURN_VALUE);
  u_->handler_stack = std::move(saved_handlers);
  u_->fblocks = std::move(saved_fblocks);
}

void Compiler::compile_break(const ast::Stmt& s) {
  auto saved_handlers = u_->handler_stack;
  auto saved_fblocks = u_->fblocks;
  int loop = unwind_fblock_stack(false, true);
  if (loop < 0) error("'break' outside loop", s.pos);
  FBlock fb = u_->fblocks[loop];
  set_line(s.pos);
  unwind_fblock(fb, false);
  emit_jump(Op::JUMP, fb.exit);
  u_->handler_stack = std::move(saved_handlers);
  u_->fblocks = std::move(saved_fblocks);
}

void Compiler::compile_continue(const ast::Stmt& s) {
  auto saved_handlers = u_->handler_stack;
  auto saved_fblocks = u_->fblocks;
  int loop = unwind_fblock_stack(false, true);
  if (loop < 0) error("'continue' not properly in loop", s.pos);
  FBlock fb = u_->fblocks[loop];
  set_line(s.pos);
  emit_jump(Op::JUMP, fb.block);
  u_->handler_stack = std::move(saved_handlers);
  u_->fblocks = std::move(saved_fblocks);
}

int Compiler::unwind_fblock_stack(bool preserve_tos, bool stop_at_loop) {
  while (!u_->fblocks.empty()) {
    FBlock top = u_->fblocks.back();
    if (stop_at_loop && (top.type == FBlockType::WhileLoop || top.type == FBlockType::ForLoop))
      return static_cast<int>(u_->fblocks.size() - 1);
    u_->fblocks.pop_back();
    unwind_fblock(top, preserve_tos);
  }
  return -1;
}

void Compiler::unwind_fblock(const FBlock& fb, bool preserve_tos) {
  // Code emitted while leaving the block is outside its exception handlers.
  if (u_->handler_stack.size() > fb.handler_level) u_->handler_stack.resize(fb.handler_level);
  switch (fb.type) {
    case FBlockType::WhileLoop:
    case FBlockType::ExceptionHandler:
    case FBlockType::TryExcept:
      break;
    case FBlockType::ForLoop:
      // Pop the iterator (under the return value, if any).
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      break;
    case FBlockType::FinallyTry: {
      // Inline the finally body; the return value waits below it.
      int line = u_->line;
      ast::Pos pos = pos_;
      if (preserve_tos) push_fblock(FBlockType::PopValue);
      visit_body(*fb.finalbody);
      if (preserve_tos) pop_fblock(FBlockType::PopValue);
      u_->line = line;
      pos_ = pos;
      break;
    }
    case FBlockType::FinallyEnd:
      // Stack: prev exc [value].
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);  // the exception
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_EXCEPT);
      break;
    case FBlockType::With:
      // Stack: exit [value].
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::WITH_EXIT);
      break;
    case FBlockType::AsyncWith:
      // Stack: aexit [value].
      if (preserve_tos) emit(Op::SWAP, 2);
      emit_async_with_exit();
      break;
    case FBlockType::HandlerCleanup:
      // Stack: prev [value].
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_EXCEPT);
      if (fb.name) {
        emit(Op::LOAD_NONE);
        compile_name(*fb.name, ast::Ctx::Store);
        compile_name(*fb.name, ast::Ctx::Del);
      }
      break;
    case FBlockType::PopValue:
      // The pending return value of an outer `return` whose finally body
      // is being left by break/continue/return: drop it.
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      break;
  }
}

// ----------------------------------------------------------- exceptions

void Compiler::compile_try(const ast::Try& s) {
  if (!s.finalbody.empty())
    compile_try_finally(s);
  else
    compile_try_except(s);
}

// try: body finally: fin
//
//       [region handler=F] body [end] fin  JUMP exit
//   F:  (exc) PUSH_EXC_INFO (prev exc) [region handler=C] fin [end]
//       POP_EXCEPT_RERAISE
//   C:  (prev new) POP_EXCEPT_RERAISE
//  exit:
void Compiler::compile_try_finally(const ast::Try& s) {
  int F = new_label(), exit = new_label(), C = new_label();
  int base = u_->depth;
  push_fblock(FBlockType::FinallyTry, -1, -1, &s.finalbody);
  int hF = push_handler(F, base);
  if (!s.handlers.empty())
    compile_try_except(s);
  else
    visit_body(s.body);
  pop_handler();
  pop_fblock(FBlockType::FinallyTry);
  visit_body(s.finalbody);
  emit_jump(Op::JUMP, exit);

  bind_handler(hF);
  set_line(s.finalbody.empty() ? s.pos : s.finalbody[0]->pos);
  emit(Op::PUSH_EXC_INFO);
  push_fblock(FBlockType::FinallyEnd);
  int hC = push_handler(C, base + 1);
  visit_body(s.finalbody);
  pop_handler();
  pop_fblock(FBlockType::FinallyEnd);
  emit(Op::POP_EXCEPT_RERAISE);
  bind_handler(hC);
  emit(Op::POP_EXCEPT_RERAISE);
  bind(exit);
}

// try: body except E as name: handler-body ... else: orelse
//
//        [region handler=H] body [end] orelse JUMP end
//   H:   (exc) PUSH_EXC_INFO (prev exc) [region handler=C]
//        LOAD E CHECK_EXC_MATCH POP_JUMP_IF_FALSE next
//        STORE name [end C] [region handler=CB] handler-body [end CB]
//        POP_EXCEPT  name = None; del name  JUMP end
//   CB:  (prev new) name = None; del name  POP_EXCEPT_RERAISE
//  next: [region handler=C] ...more handlers... [end C]
//        POP_EXCEPT_RERAISE
//   C:   (prev new) POP_EXCEPT_RERAISE
//  end:
//
// (An unnamed handler is POP_TOP instead of STORE and has no CB region.)
void Compiler::compile_try_except(const ast::Try& s) {
  int H = new_label(), end = new_label(), C = new_label();
  int base = u_->depth;
  push_fblock(FBlockType::TryExcept);
  int hH = push_handler(H, base);
  visit_body(s.body);
  pop_handler();
  pop_fblock(FBlockType::TryExcept);
  visit_body(s.orelse);
  emit_jump(Op::JUMP, end);

  bind_handler(hH);
  set_line(s.handlers.empty() ? s.pos : s.handlers[0].pos);
  emit(Op::PUSH_EXC_INFO);
  size_t outside = u_->handler_stack.size();
  int hC = push_handler(C, base + 1);
  push_fblock(FBlockType::ExceptionHandler, -1, -1, nullptr, nullptr, outside);
  for (size_t i = 0; i < s.handlers.size(); ++i) {
    const ast::ExceptHandler& h = s.handlers[i];
    set_line(h.pos);
    if (!h.type && i + 1 < s.handlers.size()) error("default 'except:' must be last", h.pos);
    int next = new_label();
    if (h.type) {
      visit_expr(*h.type);
      set_line(h.pos);
      emit(Op::CHECK_EXC_MATCH);
      emit_jump(Op::POP_JUMP_IF_FALSE, next);
    }
    if (!h.name.empty()) {
      compile_name(h.name, ast::Ctx::Store);
      int CB = new_label();
      int hCB = push_handler(CB, base + 1);
      push_fblock(FBlockType::HandlerCleanup, -1, -1, nullptr, &h.name, outside);
      visit_body(h.body);
      pop_fblock(FBlockType::HandlerCleanup);
      pop_handler();  // CB
      pop_handler();  // C
      set_line(h.pos);
      emit(Op::POP_EXCEPT);
      emit(Op::LOAD_NONE);
      compile_name(h.name, ast::Ctx::Store);
      compile_name(h.name, ast::Ctx::Del);
      emit_jump(Op::JUMP, end);
      // The handler body raised: clear the name, restore prev, re-raise.
      bind_handler(hCB);
      emit(Op::LOAD_NONE);
      compile_name(h.name, ast::Ctx::Store);
      compile_name(h.name, ast::Ctx::Del);
      emit(Op::POP_EXCEPT_RERAISE);
      push_handler_index(hC);
    } else {
      emit(Op::POP_TOP);
      push_fblock(FBlockType::HandlerCleanup, -1, -1, nullptr, nullptr, outside);
      visit_body(h.body);
      pop_fblock(FBlockType::HandlerCleanup);
      pop_handler();  // C
      set_line(h.pos);
      emit(Op::POP_EXCEPT);
      emit_jump(Op::JUMP, end);
      push_handler_index(hC);
    }
    bind(next);
  }
  pop_fblock(FBlockType::ExceptionHandler);
  pop_handler();  // C
  // No handler matched: restore prev and re-raise.
  emit(Op::POP_EXCEPT_RERAISE);
  bind_handler(hC);
  emit(Op::POP_EXCEPT_RERAISE);
  bind(end);
}

// with mgr as target: body
//
//       mgr BEFORE_WITH (exit enter_result) [region handler=W]
//       STORE target | POP_TOP  body  [end]  WITH_EXIT  JUMP end
//   W:  (exit exc) PUSH_EXC_INFO (exit prev exc) [region handler=C]
//       WITH_EXCEPT_START (exit prev exc res) POP_JUMP_IF_TRUE s [end C]
//       POP_EXCEPT_RERAISE
//   s:  POP_TOP POP_EXCEPT POP_TOP JUMP end
//   C:  (exit prev new) POP_EXCEPT_RERAISE
//  end:
//
// `async with` is the same with an await after each call of the manager:
// BEFORE_ASYNC_WITH then an await of what __aenter__ returned, the normal
// exit as aexit(None, None, None) awaited (emit_async_with_exit), and an
// await after WITH_EXCEPT_START.
void Compiler::compile_with(const ast::With& s, size_t item) {
  const ast::WithItem& it = s.items[item];
  const bool is_async = s.is_async;
  const FBlockType block = is_async ? FBlockType::AsyncWith : FBlockType::With;
  int W = new_label(), end = new_label(), C = new_label(), suppress = new_label();
  int base = u_->depth;
  visit_expr(*it.context_expr);
  set_line(s.pos);
  if (is_async) {
    emit(Op::BEFORE_ASYNC_WITH);
    emit_await();
  } else {
    emit(Op::BEFORE_WITH);
  }
  push_fblock(block);
  int hW = push_handler(W, base + 1);
  if (it.optional_vars)
    visit_store(*it.optional_vars);
  else
    emit(Op::POP_TOP);
  if (item + 1 < s.items.size())
    compile_with(s, item + 1);
  else
    visit_body(s.body);
  pop_handler();
  pop_fblock(block);
  set_line(s.pos);
  if (is_async)
    emit_async_with_exit();
  else
    emit(Op::WITH_EXIT);
  emit_jump(Op::JUMP, end);

  bind_handler(hW);
  emit(Op::PUSH_EXC_INFO);
  int hC = push_handler(C, base + 2);
  emit(Op::WITH_EXCEPT_START);
  if (is_async) emit_await();
  emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
  pop_handler();
  emit(Op::POP_EXCEPT_RERAISE);
  bind(suppress);
  emit(Op::POP_TOP);
  emit(Op::POP_EXCEPT);
  emit(Op::POP_TOP);
  emit_jump(Op::JUMP, end);
  bind_handler(hC);
  emit(Op::POP_EXCEPT_RERAISE);
  bind(end);
}

// (aexit -- ): awaits aexit(None, None, None) and drops what it returns.
void Compiler::emit_async_with_exit() {
  emit(Op::LOAD_NONE);
  emit(Op::LOAD_NONE);
  emit(Op::LOAD_NONE);
  emit(Op::CALL, 3);
  emit_await();
  emit(Op::POP_TOP);
}

// (awaitable -- result)
void Compiler::emit_await() {
  emit(Op::GET_AWAITABLE);
  emit(Op::LOAD_NONE);
  emit(Op::YIELD_FROM);
}

// async for target in iterable: body
//
//       iterable GET_AITER (aiter)
//  start: [region handler=E] GET_ANEXT await [end E]
//       STORE target  body  JUMP start
//   E:  (aiter exc) END_ASYNC_FOR   (a StopAsyncIteration ends the loop)
//       orelse
//  end:
void Compiler::compile_async_for(const ast::For& s) {
  int start = new_label(), E = new_label(), end = new_label();
  int base = u_->depth;
  visit_expr(*s.iter);
  set_line(s.pos);
  emit(Op::GET_AITER);
  bind(start);
  int hE = push_handler(E, base + 1);
  emit(Op::GET_ANEXT);
  emit_await();
  pop_handler();
  compile_for_body(s, start, end);
  bind_handler(hE);
  emit(Op::END_ASYNC_FOR);
  visit_body(s.orelse);
  bind(end);
}

// ------------------------------------------------------------ the rest

void Compiler::compile_assert(const ast::Assert& s) {
  int end = new_label();
  compile_jump_if(*s.test, end, true);
  set_line(s.pos);
  emit(Op::LOAD_ASSERTION_ERROR);
  if (s.msg) {
    visit_expr(*s.msg);
    emit(Op::CALL, 1);
  }
  emit(Op::RAISE_VARARGS, 1);
  bind(end);
}

// `import a.b.c` binds `a`: IMPORT_NAME 'a.b.c' (which imports a, a.b and
// a.b.c and pushes a.b.c), POP_TOP, IMPORT_NAME 'a' (already imported), store.
// `import a.b as c`: IMPORT_NAME 'a.b', store c.
void Compiler::compile_import(const ast::Import& s) {
  for (const auto& alias : s.names) {
    set_line(alias.pos.line ? alias.pos : s.pos);
    emit(Op::IMPORT_NAME, add_name(alias.name));
    if (!alias.asname.empty()) {
      compile_name(alias.asname, ast::Ctx::Store);
      continue;
    }
    size_t dot = alias.name.find('.');
    if (dot != std::string::npos) {
      std::string top = alias.name.substr(0, dot);
      emit(Op::POP_TOP);
      emit(Op::IMPORT_NAME, add_name(top));
      compile_name(top, ast::Ctx::Store);
    } else {
      compile_name(alias.name, ast::Ctx::Store);
    }
  }
}

// `from ..m import x as y`: IMPORT_NAME '..m' (the leading dots are the
// relative level), IMPORT_FROM 'x', store y, ..., POP_TOP.
void Compiler::compile_import_from(const ast::ImportFrom& s) {
  if (s.level == 0 && s.module == "__future__") {
    static const std::unordered_set<std::string> features = {
        "nested_scopes", "generators",       "division",       "absolute_import",
        "with_statement", "print_function", "unicode_literals", "barry_as_FLUFL",
        "generator_stop", "annotations"};
    for (const auto& alias : s.names) {
      if (alias.name == "braces") error("not a chance", s.pos);
      if (!features.count(alias.name)) error("future feature " + alias.name + " is not defined", s.pos);
    }
    return;  // all known features are always on (or meaningless) in lockvm
  }
  std::string module(static_cast<size_t>(std::max(s.level, 0)), '.');
  module += s.module;
  emit(Op::IMPORT_NAME, add_name(module));
  if (s.names.size() == 1 && s.names[0].name == "*") {
    emit(Op::IMPORT_STAR);
    return;
  }
  for (const auto& alias : s.names) {
    if (alias.name == "*") error("import * only allowed at module level", alias.pos);
    set_line(alias.pos.line ? alias.pos : s.pos);
    emit(Op::IMPORT_FROM, add_name(alias.name));
    compile_name(alias.asname.empty() ? alias.name : alias.asname, ast::Ctx::Store);
  }
  emit(Op::POP_TOP);
}

// True when evaluating `e` a second time, after the right-hand side of an
// augmented assignment, gives the same object: a constant, or a fast local
// of this function that no `:=` rebinds (nothing else in an expression can).
// `b[3] -= x` then reads `b` and `3` again for the store instead of keeping
// copies under the value (COPY 2, COPY 2 ... SWAP 3, SWAP 2): the loads fuse
// with the subscript and the store (superinstructions.hpp), which borrow the
// list from its slot, so the list's count is not touched at all.
bool Compiler::reloads_same_object(const ast::Expr& e) const {
  if (e.kind == ast::ExprKind::Constant) return true;
  if (e.kind != ast::ExprKind::Name) return false;
  const symtable::Scope* ste = u_->ste;
  if (ste->type != symtable::BlockType::Function) return false;
  std::string mangled = mangle(ast::as<ast::Name>(e).id);
  return ste->scope_of(mangled) == symtable::NameScope::Local && !(ste->flags_of(mangled) & symtable::kDefNamedExpr);
}

void Compiler::compile_aug_assign(const ast::AugAssign& s) {
  Op op = static_cast<Op>(static_cast<int>(Op::INPLACE_ADD) + static_cast<int>(s.op));
  const ast::Expr& t = *s.target;
  auto value_and_op = [&] {
    visit_expr(*s.value);
    set_line(s.pos);
    emit(op);
  };
  // The store's operands are either kept on the stack under the value
  // (COPY ... SWAP) or, where they read back the same objects, read again.
  switch (t.kind) {
    case ast::ExprKind::Name: {
      const auto& n = ast::as<ast::Name>(t);
      compile_name(n.id, ast::Ctx::Load);
      value_and_op();
      compile_name(n.id, ast::Ctx::Store);
      break;
    }
    case ast::ExprKind::Attribute: {  // `self.n += 1`
      const auto& a = ast::as<ast::Attribute>(t);
      bool reload = reloads_same_object(*a.value);
      visit_expr(*a.value);
      set_line(s.pos);
      if (!reload) emit(Op::COPY, 1);
      emit_attr(Op::LOAD_ATTR, a.attr);
      value_and_op();
      if (reload) {
        visit_expr(*a.value);
        set_line(s.pos);
      } else {
        emit(Op::SWAP, 2);
      }
      emit_attr(Op::STORE_ATTR, a.attr);
      break;
    }
    case ast::ExprKind::Subscript: {  // `b[3] -= x`
      const auto& sub = ast::as<ast::Subscript>(t);
      bool reload = reloads_same_object(*sub.value) && reloads_same_object(*sub.slice);
      visit_expr(*sub.value);
      visit_expr(*sub.slice);
      set_line(s.pos);
      if (!reload) {
        emit(Op::COPY, 2);
        emit(Op::COPY, 2);
      }
      emit(Op::BINARY_SUBSCR);
      value_and_op();
      if (reload) {
        visit_expr(*sub.value);
        visit_expr(*sub.slice);
        set_line(s.pos);
      } else {
        emit(Op::SWAP, 3);
        emit(Op::SWAP, 2);
      }
      emit(Op::STORE_SUBSCR);
      break;
    }
    default:
      error("illegal expression for augmented assignment", t.pos);
  }
}

void Compiler::compile_ann_assign(const ast::AnnAssign& s) {
  const ast::Expr& t = *s.target;
  if (s.value) {
    visit_expr(*s.value);
    visit_store(t);
    return;
  }
  // No value: the target's sub-expressions are still evaluated (CPython's
  // check_ann_expr); the annotation is not.
  switch (t.kind) {
    case ast::ExprKind::Name: break;
    case ast::ExprKind::Attribute:
      visit_expr(*ast::as<ast::Attribute>(t).value);
      emit(Op::POP_TOP);
      break;
    case ast::ExprKind::Subscript: {
      const auto& sub = ast::as<ast::Subscript>(t);
      visit_expr(*sub.value);
      emit(Op::POP_TOP);
      visit_expr(*sub.slice);
      emit(Op::POP_TOP);
      break;
    }
    default: error("illegal target for annotation", t.pos);
  }
}

void Compiler::compile_delete(const ast::Expr& target) {
  NestGuard guard(*this, target.pos);
  set_line(target.pos);
  switch (target.kind) {
    case ast::ExprKind::Name:
      compile_name(ast::as<ast::Name>(target).id, ast::Ctx::Del);
      break;
    case ast::ExprKind::Attribute: {
      const auto& a = ast::as<ast::Attribute>(target);
      visit_expr(*a.value);
      set_line(target.pos);
      emit_attr(Op::DELETE_ATTR, a.attr);
      break;
    }
    case ast::ExprKind::Subscript: {
      const auto& s = ast::as<ast::Subscript>(target);
      visit_expr(*s.value);
      visit_expr(*s.slice);
      set_line(target.pos);
      emit(Op::DELETE_SUBSCR);
      break;
    }
    case ast::ExprKind::Tuple:
      for (const auto& e : ast::as<ast::Tuple>(target).elts) compile_delete(*e);
      break;
    case ast::ExprKind::List:
      for (const auto& e : ast::as<ast::List>(target).elts) compile_delete(*e);
      break;
    case ast::ExprKind::Starred: error("cannot delete starred", target.pos);
    default: error("cannot delete expression", target.pos);
  }
}

}  // namespace lockvm::detail
