// Code generation for expressions, assignment targets, calls, comprehensions
// and lambdas (see compiler_impl.hpp). Mirrors CPython 3.11's compile.c.
#include <cstring>
#include <unordered_set>

#include "vm/compiler_impl.hpp"

namespace lockvm::detail {

using symtable::BlockType;
using symtable::CompKind;
using symtable::NameScope;

namespace {

// CPython's STACK_USE_GUIDELINE: longer displays are built incrementally.
constexpr size_t kStackUseGuideline = 30;

Const make_str(std::string s) {
  Const c;
  c.type = Const::Type::Str;
  c.s = std::move(s);
  return c;
}

Op compare_op(ast::CmpOpKind k, uint32_t& arg) {
  arg = 0;
  switch (k) {
    case ast::CmpOpKind::Is: return Op::IS_OP;
    case ast::CmpOpKind::IsNot: arg = 1; return Op::IS_OP;
    case ast::CmpOpKind::In: return Op::CONTAINS_OP;
    case ast::CmpOpKind::NotIn: arg = 1; return Op::CONTAINS_OP;
    default: return static_cast<Op>(static_cast<int>(Op::COMPARE_EQ) + static_cast<int>(k));
  }
}

bool const_truth(const Const& c) {
  switch (c.type) {
    case Const::Type::None:
    case Const::Type::False: return false;
    case Const::Type::True:
    case Const::Type::Ellipsis:
    case Const::Type::BigInt:
    case Const::Type::Code: return true;
    case Const::Type::Int: return c.i != 0;
    case Const::Type::Float: return c.f != 0.0;
    case Const::Type::Str:
    case Const::Type::Bytes: return !c.s.empty();
    case Const::Type::Tuple: return !c.items.empty();
  }
  return true;
}

}  // namespace

// Saves and restores the current line and error position around a
// sub-expression, so the parent's remaining instructions keep its line.
struct LineScope {
  Unit* u;
  int line;
  ast::Pos pos;
  ast::Pos* pos_ref;
  LineScope(Unit* u_, ast::Pos* p) : u(u_), line(u_->line), pos(*p), pos_ref(p) {}
  ~LineScope() {
    u->line = line;
    *pos_ref = pos;
  }
};

// ------------------------------------------------------------- constants

bool Compiler::constant_value(const ast::Expr& e, Const& out, int depth) {
  if (depth > symtable::kMaxNesting) return false;
  switch (e.kind) {
    case ast::ExprKind::Constant: {
      const auto& c = ast::as<ast::Constant>(e);
      out = Const{};
      switch (c.type) {
        case ast::Constant::Type::None: out.type = Const::Type::None; break;
        case ast::Constant::Type::True: out.type = Const::Type::True; break;
        case ast::Constant::Type::False: out.type = Const::Type::False; break;
        case ast::Constant::Type::Ellipsis: out.type = Const::Type::Ellipsis; break;
        case ast::Constant::Type::Int:
          out.type = Const::Type::Int;
          out.i = c.int_value;
          break;
        case ast::Constant::Type::BigInt:
          out.type = Const::Type::BigInt;
          out.s = c.text;
          break;
        case ast::Constant::Type::Float:
          out.type = Const::Type::Float;
          out.f = c.float_value;
          break;
        case ast::Constant::Type::Str:
          out.type = Const::Type::Str;
          out.s = c.text;
          break;
        case ast::Constant::Type::Bytes:
          out.type = Const::Type::Bytes;
          out.s = c.text;
          break;
      }
      return true;
    }
    case ast::ExprKind::UnaryOp: {
      // Fold `-<number literal>`.
      const auto& u = ast::as<ast::UnaryOp>(e);
      if (u.op != ast::UnaryOpKind::USub || u.operand->kind != ast::ExprKind::Constant) return false;
      const auto& c = ast::as<ast::Constant>(*u.operand);
      out = Const{};
      switch (c.type) {
        case ast::Constant::Type::Int:
          if (c.int_value == INT64_MIN) {
            out.type = Const::Type::BigInt;
            out.s = "9223372036854775808";
          } else {
            out.type = Const::Type::Int;
            out.i = -c.int_value;
          }
          return true;
        case ast::Constant::Type::BigInt:
          if (c.text == "9223372036854775808") {
            out.type = Const::Type::Int;
            out.i = INT64_MIN;
          } else {
            out.type = Const::Type::BigInt;
            out.s = (!c.text.empty() && c.text[0] == '-') ? c.text.substr(1) : "-" + c.text;
          }
          return true;
        case ast::Constant::Type::Float:
          out.type = Const::Type::Float;
          out.f = -c.float_value;
          return true;
        default: return false;
      }
    }
    case ast::ExprKind::Tuple: {
      const auto& t = ast::as<ast::Tuple>(e);
      if (t.ctx != ast::Ctx::Load) return false;
      Const tuple;
      tuple.type = Const::Type::Tuple;
      tuple.items.reserve(t.elts.size());
      for (const auto& elt : t.elts) {
        Const item;
        if (!constant_value(*elt, item, depth + 1)) return false;
        tuple.items.push_back(std::move(item));
      }
      out = std::move(tuple);
      return true;
    }
    default: return false;
  }
}

// ----------------------------------------------------------------- names

void Compiler::compile_name(const std::string& name, ast::Ctx ctx) {
  if (name == "__debug__") {
    if (ctx != ast::Ctx::Load) error(ctx == ast::Ctx::Del ? "cannot delete __debug__" : "cannot assign to __debug__");
    Const t;
    t.type = Const::Type::True;
    load_const(std::move(t));
    return;
  }
  std::string mangled = mangle(name);
  symtable::Scope* ste = u_->ste;
  NameScope scope = ste->scope_of(mangled);
  enum { kFast, kDeref, kGlobal, kName } kind;
  switch (scope) {
    case NameScope::Free:
    case NameScope::Cell: kind = kDeref; break;
    case NameScope::Local:
      kind = ste->type == BlockType::Function ? kFast : ste->type == BlockType::Class ? kName : kGlobal;
      break;
    case NameScope::GlobalExplicit: kind = kGlobal; break;
    case NameScope::GlobalImplicit:
    case NameScope::Unknown:
    default: kind = ste->type == BlockType::Class ? kName : kGlobal; break;
  }
  static const Op ops[4][3] = {
      {Op::LOAD_FAST, Op::STORE_FAST, Op::DELETE_FAST},
      {Op::LOAD_DEREF, Op::STORE_DEREF, Op::DELETE_DEREF},
      {Op::LOAD_GLOBAL, Op::STORE_GLOBAL, Op::DELETE_GLOBAL},
      {Op::LOAD_NAME, Op::STORE_NAME, Op::DELETE_NAME},
  };
  Op op = ops[kind][static_cast<int>(ctx)];
  int arg;
  if (kind == kFast) {
    auto it = u_->varname_index.find(mangled);
    if (it == u_->varname_index.end()) throw std::logic_error("compiler: unknown local " + mangled);
    arg = it->second;
  } else if (kind == kDeref) {
    const auto& index = scope == NameScope::Cell ? u_->cellvar_index : u_->freevar_index;
    auto it = index.find(mangled);
    if (it == index.end()) throw std::logic_error("compiler: unknown cell " + mangled);
    arg = it->second;
  } else {
    arg = add_name(mangled);
  }
  emit(op, arg);
}

// ----------------------------------------------------------- expressions

void Compiler::visit_expr(const ast::Expr& e) {
  NestGuard guard(*this, e.pos);
  LineScope line_scope(u_, &pos_);
  set_line(e.pos);
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Constant:
      try_load_constant(e);
      break;
    case K::Name: {
      const auto& n = ast::as<ast::Name>(e);
      compile_name(n.id, n.ctx);
      break;
    }
    case K::JoinedStr: compile_joined_str(ast::as<ast::JoinedStr>(e)); break;
    case K::FormattedValue: compile_formatted_value(ast::as<ast::FormattedValue>(e)); break;
    case K::BinOp: {
      const auto& b = ast::as<ast::BinOp>(e);
      visit_expr(*b.left);
      visit_expr(*b.right);
      emit(static_cast<Op>(static_cast<int>(Op::BINARY_ADD) + static_cast<int>(b.op)));
      break;
    }
    case K::UnaryOp: {
      const auto& u = ast::as<ast::UnaryOp>(e);
      if (try_load_constant(e)) break;  // -<number literal>
      visit_expr(*u.operand);
      switch (u.op) {
        case ast::UnaryOpKind::Not: emit(Op::UNARY_NOT); break;
        case ast::UnaryOpKind::USub: emit(Op::UNARY_NEGATIVE); break;
        case ast::UnaryOpKind::UAdd: emit(Op::UNARY_POSITIVE); break;
        case ast::UnaryOpKind::Invert: emit(Op::UNARY_INVERT); break;
      }
      break;
    }
    case K::BoolOp: compile_boolop(ast::as<ast::BoolOp>(e)); break;
    case K::Compare: compile_compare(ast::as<ast::Compare>(e)); break;
    case K::IfExp: {
      const auto& i = ast::as<ast::IfExp>(e);
      int end = new_label(), next = new_label();
      compile_jump_if(*i.test, next, false);
      visit_expr(*i.body);
      emit_jump(Op::JUMP, end);
      bind(next);
      visit_expr(*i.orelse);
      bind(end);
      break;
    }
    case K::Lambda: compile_lambda(ast::as<ast::Lambda>(e)); break;
    case K::Call: compile_call(ast::as<ast::Call>(e)); break;
    case K::Attribute: {
      const auto& a = ast::as<ast::Attribute>(e);
      if (a.ctx == ast::Ctx::Store) {
        visit_store(e);
      } else if (a.ctx == ast::Ctx::Del) {
        compile_delete(e);
      } else {
        visit_expr(*a.value);
        set_line(e.pos);
        emit_attr(Op::LOAD_ATTR, a.attr);
      }
      break;
    }
    case K::Subscript: {
      const auto& s = ast::as<ast::Subscript>(e);
      if (s.ctx == ast::Ctx::Store) {
        visit_store(e);
      } else if (s.ctx == ast::Ctx::Del) {
        compile_delete(e);
      } else if (s.slice->kind == K::Slice) {  // a[i:j]: no slice object for a list, tuple or str
        visit_expr(*s.value);
        uint32_t n = compile_slice_bounds(ast::as<ast::Slice>(*s.slice));
        set_line(e.pos);
        emit(Op::BINARY_SLICE, n);
      } else {
        visit_expr(*s.value);
        visit_expr(*s.slice);
        set_line(e.pos);
        emit(Op::BINARY_SUBSCR);
      }
      break;
    }
    case K::Slice: compile_slice(ast::as<ast::Slice>(e)); break;
    case K::Starred: {
      const auto& s = ast::as<ast::Starred>(e);
      if (s.ctx == ast::Ctx::Store) error("starred assignment target must be in a list or tuple", e.pos);
      if (s.ctx == ast::Ctx::Del) error("cannot delete starred", e.pos);
      error("can't use starred expression here", e.pos);
    }
    case K::Tuple: {
      const auto& t = ast::as<ast::Tuple>(e);
      if (t.ctx == ast::Ctx::Store) {
        visit_store(e);
      } else if (t.ctx == ast::Ctx::Del) {
        compile_delete(e);
      } else {
        compile_sequence(t.elts, Seq::Tuple);
      }
      break;
    }
    case K::List: {
      const auto& l = ast::as<ast::List>(e);
      if (l.ctx == ast::Ctx::Store) {
        visit_store(e);
      } else if (l.ctx == ast::Ctx::Del) {
        compile_delete(e);
      } else {
        compile_sequence(l.elts, Seq::List);
      }
      break;
    }
    case K::Set: compile_sequence(ast::as<ast::Set>(e).elts, Seq::Set); break;
    case K::Dict: compile_dict(ast::as<ast::Dict>(e)); break;
    case K::ListComp: {
      const auto& c = ast::as<ast::ListComp>(e);
      compile_comprehension(e, CompKind::List, c.generators, *c.elt, nullptr);
      break;
    }
    case K::SetComp: {
      const auto& c = ast::as<ast::SetComp>(e);
      compile_comprehension(e, CompKind::Set, c.generators, *c.elt, nullptr);
      break;
    }
    case K::DictComp: {
      const auto& c = ast::as<ast::DictComp>(e);
      compile_comprehension(e, CompKind::Dict, c.generators, *c.key, c.value.get());
      break;
    }
    case K::GeneratorExp: {
      const auto& c = ast::as<ast::GeneratorExp>(e);
      compile_comprehension(e, CompKind::Generator, c.generators, *c.elt, nullptr);
      break;
    }
    case K::Yield: {
      if (u_->ste->type != BlockType::Function) error("'yield' outside function", e.pos);
      const auto& y = ast::as<ast::Yield>(e);
      if (y.value)
        visit_expr(*y.value);
      else
        emit(Op::LOAD_NONE);
      set_line(e.pos);
      if (u_->ste->coroutine) emit(Op::ASYNC_GEN_WRAP);
      emit(Op::YIELD_VALUE);
      break;
    }
    case K::YieldFrom: {
      if (u_->ste->type != BlockType::Function) error("'yield from' outside function", e.pos);
      visit_expr(*ast::as<ast::YieldFrom>(e).value);
      set_line(e.pos);
      emit(Op::GET_YIELD_FROM_ITER);
      emit(Op::LOAD_NONE);
      emit(Op::YIELD_FROM);
      break;
    }
    case K::Await: {
      if (u_->ste->type != BlockType::Function) error("'await' outside function", e.pos);
      if (!u_->ste->coroutine) error("'await' outside async function", e.pos);
      visit_expr(*ast::as<ast::Await>(e).value);
      set_line(e.pos);
      emit_await();
      break;
    }
    case K::NamedExpr: {
      const auto& n = ast::as<ast::NamedExpr>(e);
      visit_expr(*n.value);
      set_line(e.pos);
      emit(Op::COPY, 1);
      visit_store(*n.target);
      break;
    }
  }
}

// -------------------------------------------------------- store targets

void Compiler::visit_store(const ast::Expr& target) {
  NestGuard guard(*this, target.pos);
  LineScope line_scope(u_, &pos_);
  set_line(target.pos);
  switch (target.kind) {
    case ast::ExprKind::Name: compile_name(ast::as<ast::Name>(target).id, ast::Ctx::Store); break;
    case ast::ExprKind::Attribute: {
      const auto& a = ast::as<ast::Attribute>(target);
      visit_expr(*a.value);
      set_line(target.pos);
      emit_attr(Op::STORE_ATTR, a.attr);
      break;
    }
    case ast::ExprKind::Subscript: {
      const auto& s = ast::as<ast::Subscript>(target);
      visit_expr(*s.value);
      if (s.slice->kind == ast::ExprKind::Slice) {
        uint32_t n = compile_slice_bounds(ast::as<ast::Slice>(*s.slice));
        set_line(target.pos);
        emit(Op::STORE_SLICE, n);
        break;
      }
      visit_expr(*s.slice);
      set_line(target.pos);
      emit(Op::STORE_SUBSCR);
      break;
    }
    case ast::ExprKind::Tuple: compile_unpack(ast::as<ast::Tuple>(target).elts, target.pos); break;
    case ast::ExprKind::List: compile_unpack(ast::as<ast::List>(target).elts, target.pos); break;
    case ast::ExprKind::Starred: error("starred assignment target must be in a list or tuple", target.pos);
    default: error("cannot assign to expression", target.pos);
  }
}

void Compiler::compile_unpack(const ast::ExprList& elts, ast::Pos pos) {
  size_t n = elts.size();
  bool seen_star = false;
  for (size_t i = 0; i < n; ++i) {
    if (elts[i]->kind != ast::ExprKind::Starred) continue;
    if (seen_star) error("multiple starred expressions in assignment", pos);
    size_t after = n - i - 1;
    if (i >= (1u << 8) || after >= (1u << 16))
      error("too many expressions in star-unpacking assignment", pos);
    emit(Op::UNPACK_EX, static_cast<int64_t>(i | (after << 8)));
    seen_star = true;
  }
  if (!seen_star) emit(Op::UNPACK_SEQUENCE, static_cast<int64_t>(n));
  for (const auto& elt : elts) {
    if (elt->kind == ast::ExprKind::Starred)
      visit_store(*ast::as<ast::Starred>(*elt).value);
    else
      visit_store(*elt);
  }
}

// ------------------------------------------------------------ conditions

// CPython's compiler_jump_if: jump to `label` if `e` is (cond ? true : false),
// compiling and/or/not/comparisons into jumps instead of building bools.
void Compiler::compile_jump_if(const ast::Expr& e, int label, bool cond) {
  NestGuard guard(*this, e.pos);
  LineScope line_scope(u_, &pos_);
  set_line(e.pos);
  switch (e.kind) {
    case ast::ExprKind::UnaryOp: {
      const auto& u = ast::as<ast::UnaryOp>(e);
      if (u.op == ast::UnaryOpKind::Not) {
        compile_jump_if(*u.operand, label, !cond);
        return;
      }
      break;
    }
    case ast::ExprKind::BoolOp: {
      const auto& b = ast::as<ast::BoolOp>(e);
      bool cond2 = b.op == ast::BoolOpKind::Or;
      int next2 = label;
      if (cond2 != cond) next2 = new_label();
      for (size_t i = 0; i + 1 < b.values.size(); ++i) compile_jump_if(*b.values[i], next2, cond2);
      compile_jump_if(*b.values.back(), label, cond);
      if (next2 != label) bind(next2);
      return;
    }
    case ast::ExprKind::IfExp: {
      const auto& i = ast::as<ast::IfExp>(e);
      int end = new_label(), next2 = new_label();
      compile_jump_if(*i.test, next2, false);
      compile_jump_if(*i.body, label, cond);
      emit_jump(Op::JUMP, end);
      bind(next2);
      compile_jump_if(*i.orelse, label, cond);
      bind(end);
      return;
    }
    case ast::ExprKind::Compare: {
      const auto& c = ast::as<ast::Compare>(e);
      size_t n = c.ops.size();
      if (n <= 1) break;
      visit_expr(*c.left);
      int cleanup = new_label();
      uint32_t arg;
      for (size_t i = 0; i + 1 < n; ++i) {
        visit_expr(*c.comparators[i]);
        set_line(e.pos);
        emit(Op::SWAP, 2);
        emit(Op::COPY, 2);
        Op op = compare_op(c.ops[i], arg);
        emit(op, arg);
        emit_jump(Op::POP_JUMP_IF_FALSE, cleanup);
      }
      visit_expr(*c.comparators[n - 1]);
      set_line(e.pos);
      Op op = compare_op(c.ops[n - 1], arg);
      emit(op, arg);
      emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
      int end = new_label();
      emit_jump(Op::JUMP, end);
      bind(cleanup);
      emit(Op::POP_TOP);
      if (!cond) emit_jump(Op::JUMP, label);
      bind(end);
      return;
    }
    default:
      if (jump_if_constant(e, label, cond)) return;
      break;
  }
  visit_expr(e);
  set_line(e.pos);
  emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
}

bool Compiler::jump_if_constant(const ast::Expr& e, int label, bool cond) {
  Const c;
  if (!constant_value(e, c)) return false;
  if (const_truth(c) == cond) emit_jump(Op::JUMP, label);
  return true;
}

void Compiler::compile_boolop(const ast::BoolOp& e) {
  int end = new_label();
  Op op = e.op == ast::BoolOpKind::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
  for (size_t i = 0; i + 1 < e.values.size(); ++i) {
    visit_expr(*e.values[i]);
    set_line(e.pos);
    emit_jump(op, end);
  }
  visit_expr(*e.values.back());
  bind(end);
}

void Compiler::compile_compare(const ast::Compare& e) {
  size_t n = e.ops.size();
  uint32_t arg;
  visit_expr(*e.left);
  if (n == 1) {
    visit_expr(*e.comparators[0]);
    set_line(e.pos);
    Op op = compare_op(e.ops[0], arg);
    emit(op, arg);
    return;
  }
  int cleanup = new_label();
  for (size_t i = 0; i + 1 < n; ++i) {
    visit_expr(*e.comparators[i]);
    set_line(e.pos);
    emit(Op::SWAP, 2);
    emit(Op::COPY, 2);
    Op op = compare_op(e.ops[i], arg);
    emit(op, arg);
    emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
  }
  visit_expr(*e.comparators[n - 1]);
  set_line(e.pos);
  Op op = compare_op(e.ops[n - 1], arg);
  emit(op, arg);
  int end = new_label();
  emit_jump(Op::JUMP, end);
  bind(cleanup);
  emit(Op::SWAP, 2);
  emit(Op::POP_TOP);
  bind(end);
}

// -------------------------------------------------------------- displays

// CPython's starunpack_helper: BUILD_x n when there is no starred item and
// the display is short; else build a list (or set) incrementally.
bool Compiler::try_load_constant(const ast::Expr& e) {
  Const c;
  if (!constant_value(e, c)) return false;
  load_const(std::move(c));
  return true;
}

bool Compiler::try_load_constant_tuple(const ast::ExprList& elts) {
  Const c;
  c.type = Const::Type::Tuple;
  for (const auto& elt : elts) {
    Const item;
    if (!constant_value(*elt, item)) return false;
    c.items.push_back(std::move(item));
  }
  load_const(std::move(c));
  return true;
}

void Compiler::compile_sequence(const ast::ExprList& elts, Seq kind, int pushed) {
  if (kind == Seq::Tuple && pushed == 0 && try_load_constant_tuple(elts)) return;
  size_t n = elts.size();
  bool seen_star = false;
  for (const auto& elt : elts) seen_star |= elt->kind == ast::ExprKind::Starred;
  bool big = n + static_cast<size_t>(pushed) > kStackUseGuideline;
  Op build = kind == Seq::Set ? Op::BUILD_SET : kind == Seq::List ? Op::BUILD_LIST : Op::BUILD_TUPLE;
  if (!seen_star && !big) {
    for (const auto& elt : elts) visit_expr(*elt);
    emit(build, static_cast<int64_t>(n) + pushed);
    return;
  }
  Op container = kind == Seq::Set ? Op::BUILD_SET : Op::BUILD_LIST;
  Op add = kind == Seq::Set ? Op::SET_ADD : Op::LIST_APPEND;
  Op extend = kind == Seq::Set ? Op::SET_UPDATE : Op::LIST_EXTEND;
  bool built = false;
  if (big) {
    emit(container, pushed);
    built = true;
  }
  for (size_t i = 0; i < n; ++i) {
    const ast::Expr& elt = *elts[i];
    if (elt.kind == ast::ExprKind::Starred) {
      if (!built) {
        emit(container, static_cast<int64_t>(i) + pushed);
        built = true;
      }
      visit_expr(*ast::as<ast::Starred>(elt).value);
      emit(extend, 1);
    } else {
      visit_expr(elt);
      if (built) emit(add, 1);
    }
  }
  if (kind == Seq::Tuple) emit(Op::LIST_TO_TUPLE);
}

void Compiler::compile_dict(const ast::Dict& e) {
  size_t n = e.values.size();
  bool have_dict = false;
  size_t elements = 0;
  auto subdict = [&](size_t begin, size_t end) {
    size_t count = end - begin;
    bool big = count * 2 > kStackUseGuideline;
    if (big) emit(Op::BUILD_MAP, 0);
    for (size_t i = begin; i < end; ++i) {
      visit_expr(*e.keys[i]);
      visit_expr(*e.values[i]);
      if (big) emit(Op::MAP_ADD, 1);
    }
    if (!big) emit(Op::BUILD_MAP, static_cast<int64_t>(count));
    if (have_dict) emit(Op::DICT_UPDATE, 1);
    have_dict = true;
  };
  for (size_t i = 0; i < n; ++i) {
    bool unpack = i >= e.keys.size() || !e.keys[i];
    if (unpack) {
      if (elements) {
        subdict(i - elements, i);
        elements = 0;
      }
      if (!have_dict) {
        emit(Op::BUILD_MAP, 0);
        have_dict = true;
      }
      visit_expr(*e.values[i]);
      emit(Op::DICT_UPDATE, 1);
    } else if (elements * 2 > kStackUseGuideline) {
      subdict(i - elements, i + 1);
      elements = 0;
    } else {
      ++elements;
    }
  }
  if (elements) subdict(n - elements, n);
  if (!have_dict) emit(Op::BUILD_MAP, 0);
}

void Compiler::compile_joined_str(const ast::JoinedStr& e) {
  size_t n = e.values.size();
  if (n == 0) {
    load_const(make_str(""));
    return;
  }
  if (n == 1) {
    visit_expr(*e.values[0]);
    return;
  }
  // Concatenate in chunks so the stack stays small.
  size_t i = 0;
  bool have_acc = false;
  while (i < n) {
    size_t chunk = std::min(n - i, kStackUseGuideline - (have_acc ? 1 : 0));
    for (size_t j = 0; j < chunk; ++j) visit_expr(*e.values[i + j]);
    emit(Op::BUILD_STRING, static_cast<int64_t>(chunk + (have_acc ? 1 : 0)));
    have_acc = true;
    i += chunk;
  }
}

void Compiler::compile_formatted_value(const ast::FormattedValue& e) {
  visit_expr(*e.value);
  uint32_t arg = 0;
  switch (e.conversion) {
    case 's': arg = 1; break;
    case 'r': arg = 2; break;
    case 'a': arg = 3; break;
    default: break;
  }
  if (e.format_spec) {
    visit_expr(*e.format_spec);
    arg |= 4;
  }
  set_line(e.pos);
  emit(Op::FORMAT_VALUE, arg);
}

// Pushes a slice's bounds (None where omitted); returns how many (2 or 3).
uint32_t Compiler::compile_slice_bounds(const ast::Slice& e) {
  if (e.lower)
    visit_expr(*e.lower);
  else
    emit(Op::LOAD_NONE);
  if (e.upper)
    visit_expr(*e.upper);
  else
    emit(Op::LOAD_NONE);
  if (e.step) visit_expr(*e.step);
  set_line(e.pos);
  return e.step ? 3 : 2;
}

void Compiler::compile_slice(const ast::Slice& e) {
  emit(Op::BUILD_SLICE, compile_slice_bounds(e));
}

// ----------------------------------------------------------------- calls

void Compiler::check_keywords(const std::vector<ast::Keyword>& keywords) {
  if (keywords.size() < 2) return;
  std::unordered_set<std::string_view> seen;
  for (const auto& kw : keywords) {
    if (kw.arg.empty()) continue;
    if (!seen.insert(kw.arg).second)
      error("keyword argument repeated: " + kw.arg, kw.pos.line ? kw.pos : kw.value->pos);
  }
}

void Compiler::compile_call(const ast::Call& e) {
  check_keywords(e.keywords);
  if (try_zero_arg_super(e)) return;
  if (try_method_call(e)) return;
  visit_expr(*e.func);
  set_line(e.pos);
  compile_call_helper(0, e.args, e.keywords);
}

bool Compiler::try_method_call(const ast::Call& e) {
  if (e.func->kind != ast::ExprKind::Attribute || !e.keywords.empty()) return false;
  const auto& attr = ast::as<ast::Attribute>(*e.func);
  if (attr.ctx != ast::Ctx::Load) return false;
  for (const auto& a : e.args)
    if (a->kind == ast::ExprKind::Starred) return false;
  visit_expr(*attr.value);
  set_line(e.pos);
  emit_attr(Op::LOAD_METHOD, attr.attr);
  for (const auto& a : e.args) visit_expr(*a);
  set_line(e.pos);
  emit(Op::CALL_METHOD, static_cast<int64_t>(e.args.size()));
  return true;
}

// super() inside a method → super(__class__, <first argument>).
bool Compiler::try_zero_arg_super(const ast::Call& e) {
  if (e.func->kind != ast::ExprKind::Name || !e.args.empty() || !e.keywords.empty()) return false;
  const auto& n = ast::as<ast::Name>(*e.func);
  if (n.id != "super" || n.ctx != ast::Ctx::Load) return false;
  symtable::Scope* ste = u_->ste;
  if (ste->type != BlockType::Function || ste->is_comprehension()) return false;
  if (ste->scope_of("__class__") != NameScope::Free) return false;
  NameScope s = ste->scope_of("super");
  if (s != NameScope::GlobalImplicit && s != NameScope::GlobalExplicit) return false;
  if (u_->code->argcount == 0 || u_->code->varnames.empty()) return false;
  compile_name("super", ast::Ctx::Load);
  set_line(e.pos);
  emit(Op::LOAD_DEREF, u_->freevar_index.at("__class__"));
  const std::string& first = u_->code->varnames[0];
  auto cell = u_->cellvar_index.find(first);
  if (cell != u_->cellvar_index.end())
    emit(Op::LOAD_DEREF, cell->second);
  else
    emit(Op::LOAD_FAST, 0);
  emit(Op::CALL, 2);
  return true;
}

// The callable (and `pushed` extra positional values) are on the stack.
void Compiler::compile_call_helper(int pushed, const ast::ExprList& args,
                                   const std::vector<ast::Keyword>& keywords) {
  bool star = false, dstar = false;
  for (const auto& a : args) star |= a->kind == ast::ExprKind::Starred;
  for (const auto& kw : keywords) dstar |= kw.arg.empty();
  int line = u_->line;
  if (!star && !dstar) {
    for (const auto& a : args) visit_expr(*a);
    for (const auto& kw : keywords) visit_expr(*kw.value);
    u_->line = line;
    int64_t n = static_cast<int64_t>(args.size() + keywords.size()) + pushed;
    if (!keywords.empty()) {
      Const names;
      names.type = Const::Type::Tuple;
      for (const auto& kw : keywords) names.items.push_back(make_str(kw.arg));
      load_const(std::move(names));
      emit(Op::CALL_KW, n);
    } else {
      emit(Op::CALL, n);
    }
    return;
  }
  // CALL_EX: positional arguments as a tuple, keywords as a dict.
  compile_sequence(args, Seq::Tuple, pushed);
  bool have_dict = false;
  size_t nseen = 0;
  for (size_t i = 0; i < keywords.size(); ++i) {
    if (keywords[i].arg.empty()) {
      if (nseen) {
        compile_subkwargs(keywords, i - nseen, i);
        if (have_dict) emit(Op::DICT_MERGE, 1);
        have_dict = true;
        nseen = 0;
      }
      if (!have_dict) {
        emit(Op::BUILD_MAP, 0);
        have_dict = true;
      }
      visit_expr(*keywords[i].value);
      emit(Op::DICT_MERGE, 1);
    } else {
      ++nseen;
    }
  }
  if (nseen) {
    compile_subkwargs(keywords, keywords.size() - nseen, keywords.size());
    if (have_dict) emit(Op::DICT_MERGE, 1);
    have_dict = true;
  }
  u_->line = line;
  emit(Op::CALL_EX, have_dict ? 1 : 0);
}

void Compiler::compile_subkwargs(const std::vector<ast::Keyword>& keywords, size_t begin, size_t end) {
  size_t n = end - begin;
  bool big = n * 2 > kStackUseGuideline;
  if (big) emit(Op::BUILD_MAP, 0);
  for (size_t i = begin; i < end; ++i) {
    load_const(make_str(keywords[i].arg));
    visit_expr(*keywords[i].value);
    if (big) emit(Op::MAP_ADD, 1);
  }
  if (!big) emit(Op::BUILD_MAP, static_cast<int64_t>(n));
}

// -------------------------------------------------------- nested code

void Compiler::compile_lambda(const ast::Lambda& e) {
  uint32_t flags = compile_defaults(e.args);
  symtable::Scope* scope = st_->lookup(&e);
  enter_unit(scope, "<lambda>", e.pos.line, 0);
  u_->code->posonlyargcount = static_cast<int>(e.args.posonlyargs.size());
  u_->code->argcount = static_cast<int>(e.args.posonlyargs.size() + e.args.args.size());
  u_->code->kwonlyargcount = static_cast<int>(e.args.kwonlyargs.size());
  set_line(e.pos);
  visit_expr(*e.body);
  if (scope->generator) {
    // A generator lambda's body value is discarded; it returns None.
    emit(Op::POP_TOP);
    emit(Op::LOAD_NONE);
  }
  emit(Op::RETURN_VALUE);
  auto code = exit_unit();
  set_line(e.pos);
  make_closure(code, flags);
}

void Compiler::compile_comprehension(const ast::Expr& e, CompKind kind,
                                     const std::vector<ast::Comprehension>& generators,
                                     const ast::Expr& elt, const ast::Expr* value) {
  static const char* const names[] = {"", "<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
  symtable::Scope* scope = st_->lookup(&e);
  // With `async for` or `await` inside, the comprehension is a coroutine
  // that this code awaits right after calling it (a generator expression
  // is an async generator, which is not awaited).
  bool is_async = scope->coroutine;
  enter_unit(scope, names[static_cast<int>(kind)], e.pos.line, is_async ? uint32_t{kCodeCoroutine} : 0u);
  u_->code->argcount = 1;
  set_line(e.pos);
  switch (kind) {
    case CompKind::List: emit(Op::BUILD_LIST, 0); break;
    case CompKind::Set: emit(Op::BUILD_SET, 0); break;
    case CompKind::Dict: emit(Op::BUILD_MAP, 0); break;
    default: break;
  }
  compile_comprehension_generator(generators, 0, 0, elt, value, kind);
  set_line(e.pos);
  if (kind == CompKind::Generator) emit(Op::LOAD_NONE);
  emit(Op::RETURN_VALUE);
  auto code = exit_unit();
  set_line(e.pos);
  make_closure(code, 0);
  // The outermost iterable is evaluated here, in the enclosing scope.
  visit_expr(*generators[0].iter);
  set_line(e.pos);
  emit(generators[0].is_async ? Op::GET_AITER : Op::GET_ITER);
  emit(Op::CALL, 1);
  if (is_async && kind != CompKind::Generator) emit_await();
}

void Compiler::compile_comprehension_generator(const std::vector<ast::Comprehension>& generators,
                                               size_t index, int depth, const ast::Expr& elt,
                                               const ast::Expr* value, CompKind kind) {
  NestGuard guard(*this, elt.pos);
  const ast::Comprehension& gen = generators[index];
  int start = new_label(), if_cleanup = new_label(), anchor = new_label();
  if (index == 0) {
    emit(Op::LOAD_FAST, 0);  // .0, the outermost iterator
  } else {
    visit_expr(*gen.iter);
    emit(gen.is_async ? Op::GET_AITER : Op::GET_ITER);
  }
  ++depth;
  bind(start);
  int handler = -1;
  if (gen.is_async) {  // compile_async_for's loop: END_ASYNC_FOR at anchor ends it
    handler = push_handler(anchor, u_->depth);
    emit(Op::GET_ANEXT);
    emit_await();
    pop_handler();
  } else {
    emit_jump(Op::FOR_ITER, anchor);
  }
  visit_store(*gen.target);
  for (const auto& cond : gen.ifs) compile_jump_if(*cond, if_cleanup, false);
  if (index + 1 < generators.size()) {
    compile_comprehension_generator(generators, index + 1, depth, elt, value, kind);
  } else {
    switch (kind) {
      case CompKind::Generator:
        visit_expr(elt);
        if (u_->ste->coroutine) emit(Op::ASYNC_GEN_WRAP);
        emit(Op::YIELD_VALUE);
        emit(Op::POP_TOP);
        break;
      case CompKind::List:
        visit_expr(elt);
        emit(Op::LIST_APPEND, depth + 1);
        break;
      case CompKind::Set:
        visit_expr(elt);
        emit(Op::SET_ADD, depth + 1);
        break;
      case CompKind::Dict:
        visit_expr(elt);
        visit_expr(*value);
        emit(Op::MAP_ADD, depth + 1);
        break;
      case CompKind::None: break;
    }
  }
  bind(if_cleanup);
  emit_jump(Op::JUMP, start);
  if (gen.is_async) {
    bind_handler(handler);
    emit(Op::END_ASYNC_FOR);
  } else {
    bind(anchor);
  }
}

}  // namespace lockvm::detail
