// AST → CodeProto: driver, instruction emission, assembly and disassembly.
// Statements are in compiler_stmt.cpp, expressions in compiler_expr.cpp; the
// scope analysis is symtable.cpp. The design follows CPython 3.11's
// Python/compile.c, simplified (see compiler_impl.hpp).
#include "vm/compiler.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "vm/compiler_impl.hpp"

namespace lockvm {
namespace detail {

// ------------------------------------------------------------ opcode facts

int stack_effect(Op op, uint32_t arg, bool jump) {
  int n = static_cast<int>(arg);
  switch (op) {
    case Op::BUILD_SLICE: return 1 - n;
    case Op::BINARY_SLICE: return -n;
    case Op::STORE_SLICE: return -n - 2;
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_STRING: return 1 - n;
    case Op::BUILD_MAP: return 1 - 2 * n;
    case Op::FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case Op::UNPACK_SEQUENCE: return n - 1;
    case Op::UNPACK_EX: return static_cast<int>((arg & 0xff) + (arg >> 8));
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case Op::FOR_ITER: return jump ? -1 : 1;
    case Op::MAKE_FUNCTION: return -std::popcount(arg & 7u);
    case Op::CALL: return -n;
    case Op::CALL_KW: return -n - 1;
    case Op::CALL_METHOD: return -n - 1;
    case Op::CALL_EX: return -1 - static_cast<int>(arg & 1);
    case Op::BUILD_CLASS: return -n - 1;
    case Op::RAISE_VARARGS: return -n;
    default: return kOpStackEffect[static_cast<int>(op)];
  }
}

bool is_jump(Op op) {
  switch (op) {
    case Op::JUMP:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
    case Op::FOR_ITER: return true;
    default: return false;
  }
}

bool is_terminator(Op op) {
  switch (op) {
    case Op::JUMP:
    case Op::RETURN_VALUE:
    case Op::RAISE_VARARGS:
    case Op::RERAISE:
    case Op::POP_EXCEPT_RERAISE: return true;
    default: return false;
  }
}

// -------------------------------------------------------------- constants

std::string const_key(const Const& c) {
  std::string k;
  switch (c.type) {
    case Const::Type::None: return "N";
    case Const::Type::True: return "T";
    case Const::Type::False: return "F";
    case Const::Type::Ellipsis: return "E";
    case Const::Type::Int: return "i" + std::to_string(c.i);
    case Const::Type::BigInt: return "b" + c.s;
    case Const::Type::Float: {
      uint64_t bits;
      std::memcpy(&bits, &c.f, sizeof bits);
      return "f" + std::to_string(bits);
    }
    case Const::Type::Str: return "s" + std::to_string(c.s.size()) + ":" + c.s;
    case Const::Type::Bytes: return "y" + std::to_string(c.s.size()) + ":" + c.s;
    case Const::Type::Tuple:
      k = "t" + std::to_string(c.items.size()) + "(";
      for (const auto& item : c.items) k += const_key(item);
      return k + ")";
    case Const::Type::Code: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "c%p", static_cast<const void*>(c.code.get()));
      return buf;
    }
  }
  return "?";
}

static std::string quote(const std::string& s, bool bytes) {
  bool has_single = s.find('\'') != std::string::npos;
  bool has_double = s.find('"') != std::string::npos;
  char q = (has_single && !has_double) ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += q;
  for (unsigned char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (ch == static_cast<unsigned char>(q)) {
          out += '\\';
          out += static_cast<char>(ch);
        } else if (ch < 0x20 || ch == 0x7f || (bytes && ch >= 0x80)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", ch);
          out += buf;
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
  out += q;
  return out;
}

std::string const_repr(const Const& c) {
  switch (c.type) {
    case Const::Type::None: return "None";
    case Const::Type::True: return "True";
    case Const::Type::False: return "False";
    case Const::Type::Ellipsis: return "Ellipsis";
    case Const::Type::Int: return std::to_string(c.i);
    case Const::Type::BigInt: return c.s;
    case Const::Type::Float: {
      if (c.f != c.f) return "nan";
      if (c.f == 1.0 / 0.0) return "inf";
      if (c.f == -1.0 / 0.0) return "-inf";
      char buf[64];
      auto res = std::to_chars(buf, buf + sizeof buf, c.f);
      std::string s(buf, res.ptr);
      if (s.find_first_of(".e") == std::string::npos) s += ".0";
      return s;
    }
    case Const::Type::Str: return quote(c.s, false);
    case Const::Type::Bytes: return quote(c.s, true);
    case Const::Type::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < c.items.size(); ++i) {
        if (i) out += ", ";
        out += const_repr(c.items[i]);
      }
      if (c.items.size() == 1) out += ",";
      return out + ")";
    }
    case Const::Type::Code:
      return "<code " + (c.code ? c.code->qualname : std::string("?")) + ">";
  }
  return "?";
}

// --------------------------------------------------------------- errors

void Compiler::error(std::string_view msg, ast::Pos pos) {
  throw SyntaxError("SyntaxError", std::string(msg), filename_, pos.line, pos.col);
}

Compiler::NestGuard::NestGuard(Compiler& c_, ast::Pos pos) : c(c_) {
  if (++c.nesting_ > symtable::kMaxNesting) {
    --c.nesting_;
    c.error("too many nested expressions", pos);
  }
}

// ---------------------------------------------------------------- units

std::string Compiler::qualname_for(symtable::Scope* ste, const std::string& name) {
  // Called while the parent unit is still current (CPython's compiler_set_qualname).
  if (!u_ || units_.size() <= 1) return name;  // top level: just the name
  Unit* parent = u_;
  bool force_global = false;
  if ((ste->type == symtable::BlockType::Function && !ste->is_lambda && !ste->is_comprehension()) ||
      ste->type == symtable::BlockType::Class) {
    std::string mangled = symtable::mangle(parent->private_name, name);
    if (parent->ste->scope_of(mangled) == symtable::NameScope::GlobalExplicit) force_global = true;
  }
  if (force_global) return name;
  std::string base = parent->code->qualname;
  if (parent->ste->type == symtable::BlockType::Function && !parent->ste->is_comprehension())
    base += ".<locals>";
  return base + "." + name;
}

void Compiler::enter_unit(symtable::Scope* ste, std::string name, int firstlineno, uint32_t flags) {
  if (!ste) throw std::logic_error("compiler: no symbol table entry for a code block");
  auto unit = std::make_unique<Unit>();
  unit->ste = ste;
  unit->code = std::make_shared<CodeProto>();
  CodeProto& co = *unit->code;
  co.qualname = qualname_for(ste, name);
  co.name = std::move(name);
  co.filename = filename_;
  co.firstlineno = firstlineno > 0 ? firstlineno : 1;
  if (ste->varargs) flags |= kCodeVarargs;
  if (ste->varkeywords) flags |= kCodeVarkeywords;
  if (ste->generator) flags |= kCodeGenerator;
  // `yield` in a coroutine (an async def or an async comprehension) makes
  // an async generator: not a coroutine, not awaitable.
  if (ste->generator && ste->coroutine) flags = (flags & ~uint32_t{kCodeCoroutine}) | kCodeAsyncGenerator;
  if (ste->nested) flags |= kCodeNested;
  co.flags = flags;
  co.varnames = ste->varnames;
  co.cellvars = ste->cellvars;
  co.cell2arg = ste->cell2arg;
  co.freevars = ste->freevars;
  for (size_t i = 0; i < co.varnames.size(); ++i)
    unit->varname_index.emplace(co.varnames[i], static_cast<int>(i));
  for (size_t i = 0; i < co.cellvars.size(); ++i)
    unit->cellvar_index.emplace(co.cellvars[i], static_cast<int>(i));
  for (size_t i = 0; i < co.freevars.size(); ++i)
    unit->freevar_index.emplace(co.freevars[i], static_cast<int>(co.cellvars.size() + i));
  unit->private_name = u_ ? u_->private_name : std::string();
  unit->line = co.firstlineno;
  units_.push_back(std::move(unit));
  u_ = units_.back().get();
}

std::shared_ptr<CodeProto> Compiler::exit_unit() {
  assemble();
  auto code = u_->code;
  units_.pop_back();
  u_ = units_.empty() ? nullptr : units_.back().get();
  return code;
}

void Compiler::assemble() {
  Unit& u = *u_;
  CodeProto& co = *u.code;
  // Patch jumps.
  for (const auto& [pc, label] : u.fixups) {
    const LabelInfo& l = u.labels[label];
    if (l.pc < 0) throw std::logic_error("compiler: jump to an unbound label");
    co.code[pc] = make_instr(instr_op(co.code[pc]), static_cast<uint32_t>(l.pc));
  }
  // Exception table: run-length encode the per-instruction handler.
  co.exception_table.clear();
  for (size_t pc = 0; pc < co.code.size();) {
    int h = u.instr_handler[pc];
    size_t end = pc + 1;
    while (end < co.code.size() && u.instr_handler[end] == h) ++end;
    if (h >= 0) {
      const HandlerInfo& hi = u.handlers[h];
      uint32_t target = static_cast<uint32_t>(u.labels[hi.label].pc);
      if (u.labels[hi.label].pc < 0) throw std::logic_error("compiler: unbound exception handler");
      auto& tab = co.exception_table;
      if (!tab.empty() && tab.back().end == pc && tab.back().handler == target &&
          tab.back().depth == static_cast<uint32_t>(hi.depth)) {
        tab.back().end = static_cast<uint32_t>(end);
      } else {
        tab.push_back({static_cast<uint32_t>(pc), static_cast<uint32_t>(end), target,
                       static_cast<uint32_t>(hi.depth)});
      }
    }
    pc = end;
  }
  co.stacksize = u.max_depth;
}

// -------------------------------------------------------------- emission

int Compiler::new_label() {
  u_->labels.push_back({});
  return static_cast<int>(u_->labels.size() - 1);
}

void Compiler::bind(int label) {
  Unit& u = *u_;
  LabelInfo& l = u.labels[label];
  if (l.pc >= 0) throw std::logic_error("compiler: label bound twice");
  // Drop an unconditional jump to the next instruction: control falls
  // through instead (labels bound at the jump now name the same target).
  if (!u.reachable && !u.fixups.empty() && u.fixups.back().second == label &&
      u.fixups.back().first == static_cast<int>(u.code->code.size()) - 1 &&
      instr_op(u.code->code.back()) == Op::JUMP) {
    u.fixups.pop_back();
    u.code->code.pop_back();
    u.code->lines.pop_back();
    u.instr_handler.pop_back();
    u.reachable = true;
    u.depth = l.depth;
    if (--l.njumps == 0) {
      l.live = false;
      l.depth = -1;
    }
  }
  l.pc = static_cast<int>(u.code->code.size());
  if (l.live) {
    if (u.reachable && u.depth != l.depth)
      throw std::logic_error("compiler: inconsistent stack depth at label");
    u.depth = l.depth;
    u.reachable = true;
  } else if (u.reachable) {
    l.depth = u.depth;
  }
}

void Compiler::emit(Op op, int64_t arg) {
  Unit& u = *u_;
  if (!u.reachable) return;
  uint32_t enc;
  if (op == Op::LOAD_SMALL_INT) {
    if (arg < -(int64_t{1} << 23) || arg >= (int64_t{1} << 23))
      throw std::logic_error("compiler: LOAD_SMALL_INT out of range");
    enc = static_cast<uint32_t>(arg) & 0xffffffu;
  } else {
    if (arg < 0 || arg > static_cast<int64_t>(kMaxArg)) {
      switch (op) {
        case Op::LOAD_CONST: error("too many constants");
        case Op::LOAD_FAST:
        case Op::STORE_FAST:
        case Op::DELETE_FAST: error("too many local variables");
        case Op::LOAD_DEREF:
        case Op::STORE_DEREF:
        case Op::DELETE_DEREF:
        case Op::LOAD_CLOSURE: error("too many free variables");
        case Op::LOAD_GLOBAL:
        case Op::STORE_GLOBAL:
        case Op::DELETE_GLOBAL:
        case Op::LOAD_NAME:
        case Op::STORE_NAME:
        case Op::DELETE_NAME:
        case Op::LOAD_ATTR:
        case Op::STORE_ATTR:
        case Op::DELETE_ATTR:
        case Op::LOAD_METHOD:
        case Op::IMPORT_NAME:
        case Op::IMPORT_FROM: error("too many names");
        case Op::CALL:
        case Op::CALL_KW:
        case Op::CALL_METHOD: error("too many arguments");
        default: error("too many items in expression");
      }
    }
    enc = static_cast<uint32_t>(arg);
  }
  // Jump targets are 24-bit instruction indexes. (Also bounds the code
  // growth from finally bodies, which are copied for each way out.)
  if (u.code->code.size() >= kMaxArg) error("code object too large");
  u.code->code.push_back(make_instr(op, enc));
  u.code->lines.push_back(u.line);
  int h = u.handler_stack.empty() ? -1 : u.handler_stack.back();
  u.instr_handler.push_back(h);
  if (h >= 0) u.handlers[h].used = true;
  u.depth += stack_effect(op, enc, false);
  if (u.depth < 0) throw std::logic_error(std::string("compiler: stack underflow at ") + kOpNames[static_cast<int>(op)]);
  u.max_depth = std::max(u.max_depth, u.depth);
  if (is_terminator(op)) u.reachable = false;
}

void Compiler::emit_jump(Op op, int label) {
  Unit& u = *u_;
  if (!u.reachable) return;
  int target_depth = u.depth + stack_effect(op, 0, true);
  u.fixups.emplace_back(static_cast<int>(u.code->code.size()), label);
  emit(op, 0);
  LabelInfo& l = u.labels[label];
  if (l.pc >= 0 && l.depth < 0) throw std::logic_error("compiler: backward jump into dead code");
  if (l.depth >= 0 && (l.live || l.pc >= 0)) {
    if (l.depth != target_depth) throw std::logic_error("compiler: inconsistent stack depth at jump");
  }
  l.depth = target_depth;
  l.live = true;
  ++l.njumps;
  u.max_depth = std::max(u.max_depth, target_depth);
}

int Compiler::push_handler(int label, int depth) {
  Unit& u = *u_;
  u.handlers.push_back({label, depth, false});
  int h = static_cast<int>(u.handlers.size() - 1);
  u.handler_stack.push_back(h);
  return h;
}

void Compiler::pop_handler() { u_->handler_stack.pop_back(); }

void Compiler::bind_handler(int handler) {
  Unit& u = *u_;
  const HandlerInfo& h = u.handlers[handler];
  LabelInfo& l = u.labels[h.label];
  if (h.used) {
    if (u.reachable) throw std::logic_error("compiler: fall-through into an exception handler");
    l.live = true;
    l.depth = h.depth + 1;
    u.max_depth = std::max(u.max_depth, l.depth);
  }
  bind(h.label);
}

void Compiler::push_fblock(FBlockType type, int block, int exit, const ast::StmtList* finalbody,
                           const std::string* name, size_t handler_level) {
  // CPython's CO_MAXBLOCKS.
  if (u_->fblocks.size() >= 20) error("too many statically nested blocks");
  FBlock fb;
  fb.type = type;
  fb.block = block;
  fb.exit = exit;
  fb.finalbody = finalbody;
  fb.name = name;
  fb.handler_level = handler_level == SIZE_MAX ? u_->handler_stack.size() : handler_level;
  u_->fblocks.push_back(fb);
}

void Compiler::pop_fblock(FBlockType type) {
  if (u_->fblocks.empty() || u_->fblocks.back().type != type)
    throw std::logic_error("compiler: fblock mismatch");
  u_->fblocks.pop_back();
}

// ---------------------------------------------------------------- tables

int Compiler::add_const(Const c) {
  if (c.type == Const::Type::Code) {
    u_->code->consts.push_back(std::move(c));
    return static_cast<int>(u_->code->consts.size() - 1);
  }
  std::string key = const_key(c);
  auto it = u_->const_index.find(key);
  if (it != u_->const_index.end()) return it->second;
  int idx = static_cast<int>(u_->code->consts.size());
  u_->code->consts.push_back(std::move(c));
  u_->const_index.emplace(std::move(key), idx);
  return idx;
}

void Compiler::emit_attr(Op op, const std::string& attr) { emit(op, add_name(mangle(attr))); }

int Compiler::add_name(const std::string& name) {
  auto it = u_->name_index.find(name);
  if (it != u_->name_index.end()) return it->second;
  int idx = static_cast<int>(u_->code->names.size());
  u_->code->names.push_back(name);
  u_->name_index.emplace(name, idx);
  return idx;
}

void Compiler::load_const(Const c) {
  if (c.type == Const::Type::None) {
    emit(Op::LOAD_NONE);
  } else if (c.type == Const::Type::Int && c.i >= -(int64_t{1} << 23) && c.i < (int64_t{1} << 23)) {
    emit(Op::LOAD_SMALL_INT, c.i);
  } else {
    if (!u_->reachable) return;  // do not grow the constant table for dead code
    emit(Op::LOAD_CONST, add_const(std::move(c)));
  }
}

// ---------------------------------------------------------------- module

std::shared_ptr<const CodeProto> Compiler::compile_module(const ast::Module& module) {
  st_ = symtable::SymbolTable::build(module, filename_);
  enter_unit(st_->top(), "<module>", 1, kCodeModule);
  if (mode_ == CompileMode::Eval) {
    if (module.body.size() != 1 || module.body[0]->kind != ast::StmtKind::Expr)
      error("eval mode requires a single expression",
            module.body.empty() ? ast::Pos{1, 1} : module.body[0]->pos);
    const auto& s = *module.body[0];
    set_line(s.pos);
    visit_expr(*ast::as<ast::ExprStmt>(s).value);
    emit(Op::RETURN_VALUE);
  } else {
    size_t start = 0;
    if (mode_ == CompileMode::Exec) {
      if (const ast::Constant* doc = docstring(module.body)) {
        set_line(module.body[0]->pos);
        Const c;
        c.type = Const::Type::Str;
        c.s = doc->text;
        load_const(std::move(c));
        compile_name("__doc__", ast::Ctx::Store);
        start = 1;
      }
    }
    for (size_t i = start; i < module.body.size(); ++i) visit_stmt(*module.body[i]);
    emit(Op::LOAD_NONE);
    emit(Op::RETURN_VALUE);
  }
  return exit_unit();
}

}  // namespace detail

std::shared_ptr<const CodeProto> compile(const ast::Module& module, std::string_view filename,
                                         CompileMode mode) {
  detail::Compiler c(filename, mode);
  return c.compile_module(module);
}

// ------------------------------------------------------------- disassembly

namespace {

std::string flag_names(uint32_t flags) {
  static const char* const names[] = {"VARARGS", "VARKEYWORDS", "GENERATOR", "COROUTINE",
                                      "NESTED",  "CLASS_BODY",  "MODULE",    "ASYNC_GENERATOR"};
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (flags & (1u << i)) {
      if (!out.empty()) out += "|";
      out += names[i];
    }
  }
  return out.empty() ? "0" : out;
}

std::string list_names(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    out += v[i];
  }
  return out;
}

std::string arg_detail(const CodeProto& co, Op op, uint32_t arg, int32_t sarg) {
  auto name_at = [](const std::vector<std::string>& v, size_t i) -> std::string {
    return i < v.size() ? v[i] : std::string("<bad index>");
  };
  switch (op) {
    case Op::LOAD_CONST:
      return arg < co.consts.size() ? detail::const_repr(co.consts[arg]) : "<bad const>";
    case Op::LOAD_GLOBAL:
    case Op::STORE_GLOBAL:
    case Op::DELETE_GLOBAL:
    case Op::LOAD_NAME:
    case Op::STORE_NAME:
    case Op::DELETE_NAME:
    case Op::LOAD_ATTR:
    case Op::STORE_ATTR:
    case Op::DELETE_ATTR:
    case Op::LOAD_METHOD:
    case Op::IMPORT_NAME:
    case Op::IMPORT_FROM: return name_at(co.names, arg);
    case Op::LOAD_FAST:
    case Op::STORE_FAST:
    case Op::DELETE_FAST: return name_at(co.varnames, arg);
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::DELETE_DEREF:
    case Op::LOAD_CLOSURE:
      return arg < co.cellvars.size() ? co.cellvars[arg]
                                      : name_at(co.freevars, arg - co.cellvars.size());
    case Op::JUMP:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
    case Op::FOR_ITER: return "to " + std::to_string(arg);
    case Op::IS_OP: return arg ? "is not" : "is";
    case Op::CONTAINS_OP: return arg ? "not in" : "in";
    case Op::FORMAT_VALUE: {
      static const char* const conv[] = {"", "str", "repr", "ascii"};
      std::string out = conv[arg & 3];
      if (arg & 4) out += out.empty() ? "with format" : ", with format";
      return out;
    }
    case Op::MAKE_FUNCTION: {
      std::string out;
      if (arg & 1) out += "defaults";
      if (arg & 2) out += out.empty() ? "kwdefaults" : ", kwdefaults";
      if (arg & 4) out += out.empty() ? "closure" : ", closure";
      return out;
    }
    case Op::UNPACK_EX: return std::to_string(arg & 0xff) + ", " + std::to_string(arg >> 8);
    case Op::CALL_EX: return (arg & 1) ? "kwargs" : "";
    case Op::RAISE_VARARGS:
    case Op::LOAD_SMALL_INT:
    default: (void)sarg; return "";
  }
}

bool has_arg(Op op) {
  switch (op) {
    case Op::NOP:
    case Op::POP_TOP:
    case Op::LOAD_NONE:
    case Op::BINARY_SUBSCR:
    case Op::STORE_SUBSCR:
    case Op::DELETE_SUBSCR:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_POSITIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::LIST_TO_TUPLE:
    case Op::GET_ITER:
    case Op::RETURN_VALUE:
    case Op::YIELD_VALUE:
    case Op::GET_YIELD_FROM_ITER:
    case Op::YIELD_FROM:
    case Op::GET_AWAITABLE:
    case Op::GET_AITER:
    case Op::GET_ANEXT:
    case Op::END_ASYNC_FOR:
    case Op::BEFORE_ASYNC_WITH:
    case Op::ASYNC_GEN_WRAP:
    case Op::PUSH_EXC_INFO:
    case Op::POP_EXCEPT:
    case Op::POP_EXCEPT_RERAISE:
    case Op::RERAISE:
    case Op::CHECK_EXC_MATCH:
    case Op::LOAD_ASSERTION_ERROR:
    case Op::BEFORE_WITH:
    case Op::WITH_EXIT:
    case Op::WITH_EXCEPT_START:
    case Op::IMPORT_STAR:
    case Op::PRINT_EXPR:
    case Op::SETUP_ANNOTATIONS: return false;
    default:
      if (op >= Op::BINARY_ADD && op <= Op::COMPARE_GE) return false;
      return true;
  }
}

void disassemble_into(const CodeProto& co, std::ostringstream& out, int depth) {
  if (depth > symtable::kMaxNesting) return;
  out << "Disassembly of " << co.qualname << " (" << co.name << "), line " << co.firstlineno
      << ":\n";
  out << "  flags=" << flag_names(co.flags) << " argcount=" << co.argcount
      << " posonly=" << co.posonlyargcount << " kwonly=" << co.kwonlyargcount
      << " stacksize=" << co.stacksize << "\n";
  if (!co.varnames.empty()) out << "  varnames: " << list_names(co.varnames) << "\n";
  if (!co.cellvars.empty()) {
    out << "  cellvars: " << list_names(co.cellvars);
    bool any = false;
    for (int a : co.cell2arg) any |= a >= 0;
    if (any) {
      out << " (cell2arg:";
      for (int a : co.cell2arg) out << " " << a;
      out << ")";
    }
    out << "\n";
  }
  if (!co.freevars.empty()) out << "  freevars: " << list_names(co.freevars) << "\n";
  std::vector<bool> targets(co.code.size() + 1, false);
  for (Instr ins : co.code)
    if (detail::is_jump(instr_op(ins)) && instr_arg(ins) < targets.size()) targets[instr_arg(ins)] = true;
  for (const auto& e : co.exception_table)
    if (e.handler < targets.size()) targets[e.handler] = true;
  int last_line = -1;
  for (size_t pc = 0; pc < co.code.size(); ++pc) {
    Instr ins = co.code[pc];
    Op op = instr_op(ins);
    int line = pc < co.lines.size() ? co.lines[pc] : 0;
    char buf[96];
    if (line != last_line) {
      std::snprintf(buf, sizeof buf, "%4d", line);
      last_line = line;
    } else {
      std::snprintf(buf, sizeof buf, "    ");
    }
    out << buf << (targets[pc] ? " >> " : "    ");
    const char* name = static_cast<size_t>(op) < static_cast<size_t>(Op::kCount)
                           ? kOpNames[static_cast<int>(op)]
                           : "<bad opcode>";
    std::snprintf(buf, sizeof buf, "%4zu %s", pc, name);
    std::string text = buf;
    if (has_arg(op)) {
      while (text.size() < 27) text += ' ';
      text += op == Op::LOAD_SMALL_INT ? std::to_string(instr_sarg(ins)) : std::to_string(instr_arg(ins));
      std::string detail = arg_detail(co, op, instr_arg(ins), instr_sarg(ins));
      if (!detail.empty()) text += " (" + detail + ")";
    }
    out << text << "\n";
  }
  if (!co.exception_table.empty()) {
    out << "  ExceptionTable:\n";
    for (const auto& e : co.exception_table)
      out << "    " << e.start << " to " << e.end << " -> " << e.handler << " [" << e.depth << "]\n";
  }
  for (const auto& c : co.consts) {
    if (c.type == Const::Type::Code && c.code) {
      out << "\n";
      disassemble_into(*c.code, out, depth + 1);
    }
  }
}

}  // namespace

std::string disassemble(const CodeProto& code) {
  std::ostringstream out;
  disassemble_into(code, out, 0);
  return out.str();
}

}  // namespace lockvm
