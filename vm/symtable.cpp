// Scope analysis; see symtable.hpp. The structure and the error messages
// follow CPython 3.11's Python/symtable.c.
#include "vm/symtable.hpp"

#include <algorithm>
#include <unordered_set>

#include "vm/code.hpp"

namespace lockvm::symtable {

using NameSet = std::unordered_set<std::string>;

std::string mangle(std::string_view private_name, const std::string& name) {
  if (private_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
  if (name.ends_with("__") || name.find('.') != std::string::npos) return name;
  size_t i = 0;
  while (i < private_name.size() && private_name[i] == '_') ++i;
  if (i == private_name.size()) return name;
  std::string out;
  out.reserve(1 + private_name.size() - i + name.size());
  out += '_';
  out.append(private_name.substr(i));
  out += name;
  return out;
}

class Builder {
 public:
  Builder(SymbolTable& table, std::string_view filename) : table_(table), filename_(filename) {}

  void run(const ast::Module& module) {
    auto top = std::make_unique<Scope>();
    top->type = BlockType::Module;
    top->name = "<module>";
    top->node = &module;
    top->pos = {1, 1};
    table_.by_node_[&module] = top.get();
    cur_ = top.get();
    table_.top_ = std::move(top);
    for (const auto& s : module.body) visit_stmt(*s);
    NameSet free, global;
    analyze_block(table_.top_.get(), nullptr, free, global);
    finalize(table_.top_.get());
  }

 private:
  SymbolTable& table_;
  std::string filename_;
  Scope* cur_ = nullptr;
  int depth_ = 0;

  [[noreturn]] void error(std::string_view msg, ast::Pos pos) {
    throw SyntaxError("SyntaxError", std::string(msg), filename_, pos.line, pos.col);
  }

  struct DepthGuard {
    Builder& b;
    DepthGuard(Builder& b_, ast::Pos pos) : b(b_) {
      if (++b.depth_ > kMaxNesting) {
        --b.depth_;
        b.error("too many nested expressions", pos);
      }
    }
    ~DepthGuard() { --b.depth_; }
  };

  // ---------------------------------------------------------------- blocks

  void enter_block(std::string name, BlockType type, const void* node, ast::Pos pos) {
    auto s = std::make_unique<Scope>();
    s->type = type;
    s->name = std::move(name);
    s->node = node;
    s->pos = pos;
    s->parent = cur_;
    s->nested = cur_->nested || cur_->type == BlockType::Function;
    s->private_name = cur_->private_name;
    table_.by_node_[node] = s.get();
    Scope* raw = s.get();
    cur_->children.push_back(std::move(s));
    cur_ = raw;
  }
  void exit_block() { cur_ = cur_->parent; }

  // ------------------------------------------------------------ definitions

  Symbol& symbol(Scope* ste, const std::string& mangled) {
    auto [it, inserted] = ste->symbols.try_emplace(mangled);
    if (inserted) ste->symbol_order.push_back(mangled);
    return it->second;
  }

  void add_def_helper(const std::string& name, uint32_t flag, Scope* ste, ast::Pos pos) {
    std::string mangled = mangle(cur_->private_name, name);
    Symbol& sym = symbol(ste, mangled);
    if ((flag & kDefParam) && (sym.flags & kDefParam))
      error("duplicate argument '" + mangled + "' in function definition", pos);
    sym.flags |= flag;
    if (flag & kDefParam) {
      ste->params.push_back(mangled);
    } else if (flag & kDefGlobal) {
      // A global declaration anywhere also marks the module-level name.
      symbol(table_.top_.get(), mangled).flags |= flag;
    }
    if (ste->comp_iter_target) {
      if (sym.flags & (kDefGlobal | kDefNonlocal))
        error("comprehension inner loop cannot rebind assignment expression target '" + mangled + "'",
              pos);
      sym.flags |= kDefCompIter;
    }
  }

  void add_def(const std::string& name, uint32_t flag, ast::Pos pos) {
    add_def_helper(name, flag, cur_, pos);
  }

  uint32_t lookup(const std::string& name) {
    return cur_->flags_of(mangle(cur_->private_name, name));
  }

  void record_directive(const std::string& name, ast::Pos pos) {
    cur_->directives.try_emplace(mangle(cur_->private_name, name), pos);
  }

  // ------------------------------------------------------------- statements

  void visit_body(const ast::StmtList& body) {
    for (const auto& s : body) visit_stmt(*s);
  }

  void visit_opt(const ast::ExprPtr& e) {
    if (e) visit_expr(*e);
  }

  void visit_exprs(const ast::ExprList& list) {
    for (const auto& e : list) visit_opt(e);
  }

  void visit_params(const ast::Arguments& a) {
    for (const auto& p : a.posonlyargs) add_def(p.name, kDefParam, p.pos);
    for (const auto& p : a.args) add_def(p.name, kDefParam, p.pos);
    for (const auto& p : a.kwonlyargs) add_def(p.name, kDefParam, p.pos);
    if (a.vararg) {
      add_def(a.vararg->name, kDefParam, a.vararg->pos);
      cur_->varargs = true;
    }
    if (a.kwarg) {
      add_def(a.kwarg->name, kDefParam, a.kwarg->pos);
      cur_->varkeywords = true;
    }
  }

  void visit_stmt(const ast::Stmt& s) {
    DepthGuard guard(*this, s.pos);
    using K = ast::StmtKind;
    switch (s.kind) {
      case K::FunctionDef: {
        auto& f = ast::as<ast::FunctionDef>(s);
        add_def(f.name, kDefLocal, s.pos);
        visit_exprs(f.args.defaults);
        visit_exprs(f.args.kw_defaults);
        visit_exprs(f.decorator_list);
        enter_block(f.name, BlockType::Function, &f, s.pos);
        cur_->coroutine = f.is_async;
        visit_params(f.args);
        visit_body(f.body);
        exit_block();
        break;
      }
      case K::ClassDef: {
        auto& c = ast::as<ast::ClassDef>(s);
        add_def(c.name, kDefLocal, s.pos);
        visit_exprs(c.bases);
        for (const auto& kw : c.keywords) visit_opt(kw.value);
        visit_exprs(c.decorator_list);
        enter_block(c.name, BlockType::Class, &c, s.pos);
        cur_->private_name = c.name;
        visit_body(c.body);
        exit_block();
        break;
      }
      case K::Return:
        visit_opt(ast::as<ast::Return>(s).value);
        break;
      case K::Delete:
        visit_exprs(ast::as<ast::Delete>(s).targets);
        break;
      case K::Assign: {
        auto& a = ast::as<ast::Assign>(s);
        visit_exprs(a.targets);
        visit_expr(*a.value);
        break;
      }
      case K::AnnAssign: {
        auto& a = ast::as<ast::AnnAssign>(s);
        if (a.target->kind == ast::ExprKind::Name)
          annotated_name(ast::as<ast::Name>(*a.target), s.pos);
        else
          visit_expr(*a.target);
        // The annotation itself is never evaluated by lockvm.
        visit_opt(a.value);
        break;
      }
      case K::AugAssign: {
        auto& a = ast::as<ast::AugAssign>(s);
        visit_expr(*a.target);
        visit_expr(*a.value);
        break;
      }
      case K::For: {
        auto& f = ast::as<ast::For>(s);
        visit_expr(*f.target);
        visit_expr(*f.iter);
        visit_body(f.body);
        visit_body(f.orelse);
        break;
      }
      case K::While: {
        auto& w = ast::as<ast::While>(s);
        visit_expr(*w.test);
        visit_body(w.body);
        visit_body(w.orelse);
        break;
      }
      case K::If: {
        auto& i = ast::as<ast::If>(s);
        visit_expr(*i.test);
        visit_body(i.body);
        visit_body(i.orelse);
        break;
      }
      case K::Raise: {
        auto& r = ast::as<ast::Raise>(s);
        visit_opt(r.exc);
        visit_opt(r.cause);
        break;
      }
      case K::Try: {
        auto& t = ast::as<ast::Try>(s);
        visit_body(t.body);
        visit_body(t.orelse);
        for (const auto& h : t.handlers) {
          visit_opt(h.type);
          if (!h.name.empty()) add_def(h.name, kDefLocal, h.pos);
          visit_body(h.body);
        }
        visit_body(t.finalbody);
        break;
      }
      case K::Assert: {
        auto& a = ast::as<ast::Assert>(s);
        visit_expr(*a.test);
        visit_opt(a.msg);
        break;
      }
      case K::Import:
        for (const auto& al : ast::as<ast::Import>(s).names) visit_alias(al);
        break;
      case K::ImportFrom:
        for (const auto& al : ast::as<ast::ImportFrom>(s).names) visit_alias(al);
        break;
      case K::Global:
        visit_declaration(ast::as<ast::Global>(s).names, true, s.pos);
        break;
      case K::Nonlocal:
        visit_declaration(ast::as<ast::Nonlocal>(s).names, false, s.pos);
        break;
      case K::Expr:
        visit_expr(*ast::as<ast::ExprStmt>(s).value);
        break;
      case K::With: {
        auto& w = ast::as<ast::With>(s);
        for (const auto& item : w.items) {
          visit_expr(*item.context_expr);
          visit_opt(item.optional_vars);
        }
        visit_body(w.body);
        break;
      }
      case K::Pass:
      case K::Break:
      case K::Continue:
        break;
    }
  }

  [[gnu::noinline]] void visit_declaration(const std::vector<std::string>& names, bool global, ast::Pos pos) {
    const char* kind = global ? "global" : "nonlocal";
    for (const auto& name : names) {
      uint32_t cur = lookup(name);
      if (cur & (kDefParam | kDefLocal | kUse | kDefAnnot)) {
        std::string msg;
        if (cur & kDefParam)
          msg = "name '" + name + "' is parameter and " + kind;
        else if (cur & kUse)
          msg = "name '" + name + "' is used prior to " + kind + " declaration";
        else if (cur & kDefAnnot)
          msg = "annotated name '" + name + "' can't be " + kind;
        else
          msg = "name '" + name + "' is assigned to before " + kind + " declaration";
        error(msg, pos);
      }
      add_def(name, global ? kDefGlobal : kDefNonlocal, pos);
      record_directive(name, pos);
    }
  }

  [[gnu::noinline]] void annotated_name(const ast::Name& n, ast::Pos stmt_pos) {
    uint32_t cur = lookup(n.id);
    if ((cur & (kDefGlobal | kDefNonlocal)) && cur_->type != BlockType::Module)
      error("annotated name '" + n.id + "' can't be " + ((cur & kDefGlobal) ? "global" : "nonlocal"),
            stmt_pos);
    add_def(n.id, kDefAnnot | kDefLocal, n.pos);
  }

  void visit_alias(const ast::Alias& a) {
    if (a.name == "*") {
      if (cur_->type != BlockType::Module) error("import * only allowed at module level", a.pos);
      return;
    }
    std::string store = a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname;
    add_def(store, kDefImport, a.pos);
  }

  // ------------------------------------------------------------ expressions

  static const char* comp_desc(CompKind k) {
    switch (k) {
      case CompKind::List: return "list comprehension";
      case CompKind::Set: return "set comprehension";
      case CompKind::Dict: return "dict comprehension";
      case CompKind::Generator: return "generator expression";
      case CompKind::None: break;
    }
    return "comprehension";
  }

  // The nearest enclosing scope that is not a comprehension.
  Scope* non_comprehension_scope() {
    Scope* s = cur_;
    while (s->is_comprehension()) s = s->parent;
    return s;
  }

  void visit_expr(const ast::Expr& e) {
    DepthGuard guard(*this, e.pos);
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::NamedExpr: {
        auto& n = ast::as<ast::NamedExpr>(e);
        if (cur_->comp_iter_expr > 0)
          error("assignment expression cannot be used in a comprehension iterable expression", e.pos);
        if (cur_->is_comprehension()) extend_namedexpr_scope(n);
        visit_expr(*n.value);
        visit_expr(*n.target);
        // The compiler reads a local twice only where no `:=` can rebind it
        // in between (compile_aug_assign).
        if (n.target->kind == ast::ExprKind::Name) {
          std::string mangled = mangle(cur_->private_name, ast::as<ast::Name>(*n.target).id);
          symbol(cur_, mangled).flags |= kDefNamedExpr;
          symbol(non_comprehension_scope(), mangled).flags |= kDefNamedExpr;
        }
        break;
      }
      case K::BoolOp:
        visit_exprs(ast::as<ast::BoolOp>(e).values);
        break;
      case K::BinOp: {
        auto& b = ast::as<ast::BinOp>(e);
        visit_expr(*b.left);
        visit_expr(*b.right);
        break;
      }
      case K::UnaryOp:
        visit_expr(*ast::as<ast::UnaryOp>(e).operand);
        break;
      case K::Lambda: {
        auto& l = ast::as<ast::Lambda>(e);
        visit_exprs(l.args.defaults);
        visit_exprs(l.args.kw_defaults);
        enter_block("<lambda>", BlockType::Function, &l, e.pos);
        cur_->is_lambda = true;
        visit_params(l.args);
        visit_expr(*l.body);
        exit_block();
        break;
      }
      case K::IfExp: {
        auto& i = ast::as<ast::IfExp>(e);
        visit_expr(*i.test);
        visit_expr(*i.body);
        visit_expr(*i.orelse);
        break;
      }
      case K::Dict: {
        auto& d = ast::as<ast::Dict>(e);
        visit_exprs(d.keys);
        visit_exprs(d.values);
        break;
      }
      case K::Set:
        visit_exprs(ast::as<ast::Set>(e).elts);
        break;
      case K::ListComp: {
        auto& c = ast::as<ast::ListComp>(e);
        handle_comprehension(e, CompKind::List, c.generators, *c.elt, nullptr);
        break;
      }
      case K::SetComp: {
        auto& c = ast::as<ast::SetComp>(e);
        handle_comprehension(e, CompKind::Set, c.generators, *c.elt, nullptr);
        break;
      }
      case K::DictComp: {
        auto& c = ast::as<ast::DictComp>(e);
        handle_comprehension(e, CompKind::Dict, c.generators, *c.key, c.value.get());
        break;
      }
      case K::GeneratorExp: {
        auto& c = ast::as<ast::GeneratorExp>(e);
        handle_comprehension(e, CompKind::Generator, c.generators, *c.elt, nullptr);
        break;
      }
      case K::Yield:
        visit_opt(ast::as<ast::Yield>(e).value);
        check_yield(e);
        break;
      case K::YieldFrom:
        visit_expr(*ast::as<ast::YieldFrom>(e).value);
        check_yield(e);
        break;
      case K::Await:
        visit_expr(*ast::as<ast::Await>(e).value);
        check_await(e);
        break;
      case K::Compare: {
        auto& c = ast::as<ast::Compare>(e);
        visit_expr(*c.left);
        visit_exprs(c.comparators);
        break;
      }
      case K::Call: {
        auto& c = ast::as<ast::Call>(e);
        visit_expr(*c.func);
        visit_exprs(c.args);
        for (const auto& kw : c.keywords) visit_opt(kw.value);
        break;
      }
      case K::FormattedValue: {
        auto& f = ast::as<ast::FormattedValue>(e);
        visit_expr(*f.value);
        visit_opt(f.format_spec);
        break;
      }
      case K::JoinedStr:
        visit_exprs(ast::as<ast::JoinedStr>(e).values);
        break;
      case K::Constant:
        break;
      case K::Attribute:
        visit_expr(*ast::as<ast::Attribute>(e).value);
        break;
      case K::Subscript: {
        auto& s = ast::as<ast::Subscript>(e);
        visit_expr(*s.value);
        visit_expr(*s.slice);
        break;
      }
      case K::Starred:
        visit_expr(*ast::as<ast::Starred>(e).value);
        break;
      case K::Slice: {
        auto& s = ast::as<ast::Slice>(e);
        visit_opt(s.lower);
        visit_opt(s.upper);
        visit_opt(s.step);
        break;
      }
      case K::Name: {
        auto& n = ast::as<ast::Name>(e);
        add_def(n.id, n.ctx == ast::Ctx::Load ? kUse : kDefLocal, e.pos);
        // Zero-argument super() needs the __class__ cell.
        if (n.ctx == ast::Ctx::Load && cur_->type == BlockType::Function && n.id == "super")
          add_def("__class__", kUse, e.pos);
        break;
      }
      case K::List:
        visit_exprs(ast::as<ast::List>(e).elts);
        break;
      case K::Tuple:
        visit_exprs(ast::as<ast::Tuple>(e).elts);
        break;
    }
  }

  [[gnu::noinline]] void check_yield(const ast::Expr& e) {
    bool from = e.kind == ast::ExprKind::YieldFrom;
    if (cur_->is_comprehension())
      error(std::string("'yield' inside ") + comp_desc(cur_->comprehension), e.pos);
    if (cur_->type != BlockType::Function)
      error(from ? "'yield from' outside function" : "'yield' outside function", e.pos);
    if (cur_->coroutine && from) error("'yield from' inside async function", e.pos);
    cur_->generator = true;  // in a coroutine: an async generator
  }

  [[gnu::noinline]] void check_await(const ast::Expr& e) {
    if (cur_->is_comprehension()) {
      make_async_comprehension(cur_);
      return;
    }
    if (cur_->type != BlockType::Function) error("'await' outside function", e.pos);
    if (!cur_->coroutine) error("'await' outside async function", e.pos);
  }

  // A comprehension with `async for` or `await` in it is a coroutine that
  // its enclosing code awaits, and so is every comprehension around it, up
  // to the async function they are in, which the error names otherwise (at
  // the outermost comprehension, as CPython does). A generator expression
  // is the exception: with them it is an async generator, which is not
  // awaited where it is made and may be made anywhere.
  void make_async_comprehension(Scope* comp) {
    for (Scope* c = comp;; c = c->parent) {
      c->coroutine = true;
      if (c->comprehension == CompKind::Generator) return;
      if (!c->parent->is_comprehension()) {
        Scope* s = c->parent;
        if (s->type != BlockType::Function || !s->coroutine)
          error("asynchronous comprehension outside of an asynchronous function", c->pos);
        return;
      }
    }
  }

  void handle_comprehension(const ast::Expr& e, CompKind kind,
                            const std::vector<ast::Comprehension>& generators,
                            const ast::Expr& elt, const ast::Expr* value) {
    static const char* const names[] = {"", "<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    if (generators.empty()) error("comprehension without 'for'", e.pos);
    bool has_async_for = false;
    for (const auto& g : generators) has_async_for |= g.is_async;
    const auto& outermost = generators[0];
    // The outermost iterable is evaluated in the enclosing scope.
    cur_->comp_iter_expr++;
    visit_expr(*outermost.iter);
    cur_->comp_iter_expr--;
    enter_block(names[static_cast<int>(kind)], BlockType::Function, &e, e.pos);
    cur_->comprehension = kind;
    if (has_async_for) make_async_comprehension(cur_);
    // The outermost iterator is received as the implicit argument `.0`.
    add_def(".0", kDefParam, e.pos);
    cur_->comp_iter_target = true;
    visit_expr(*outermost.target);
    cur_->comp_iter_target = false;
    visit_exprs(outermost.ifs);
    for (size_t i = 1; i < generators.size(); ++i) {
      const auto& g = generators[i];
      cur_->comp_iter_target = true;
      visit_expr(*g.target);
      cur_->comp_iter_target = false;
      cur_->comp_iter_expr++;
      visit_expr(*g.iter);
      cur_->comp_iter_expr--;
      visit_exprs(g.ifs);
    }
    if (value) visit_expr(*value);
    visit_expr(elt);
    if (kind == CompKind::Generator) cur_->generator = true;
    exit_block();
  }

  // `(x := v)` inside a comprehension binds x in the nearest enclosing
  // function (or module); the comprehension sees it as nonlocal/global.
  void extend_namedexpr_scope(const ast::NamedExpr& ne) {
    const ast::Expr& target = *ne.target;
    if (target.kind != ast::ExprKind::Name) error("cannot use assignment expressions with this target", target.pos);
    const std::string& name = ast::as<ast::Name>(target).id;
    std::string mangled = mangle(cur_->private_name, name);
    for (Scope* ste = cur_; ste; ste = ste->parent) {
      if (ste->is_comprehension()) {
        if (ste->flags_of(mangled) & kDefCompIter)
          error("assignment expression cannot rebind comprehension iteration variable '" + name + "'",
                ne.pos);
        continue;
      }
      if (ste->type == BlockType::Function) {
        if (ste->flags_of(mangled) & kDefGlobal)
          add_def(name, kDefGlobal, ne.pos);
        else
          add_def(name, kDefNonlocal, ne.pos);
        record_directive(name, ne.pos);
        add_def_helper(name, kDefLocal, ste, ne.pos);
        return;
      }
      if (ste->type == BlockType::Module) {
        add_def(name, kDefGlobal, ne.pos);
        record_directive(name, ne.pos);
        add_def_helper(name, kDefGlobal, ste, ne.pos);
        return;
      }
      error("assignment expression within a comprehension cannot be used in a class body", ne.pos);
    }
  }

  // --------------------------------------------------------------- analysis

  ast::Pos directive_pos(Scope* ste, const std::string& name) {
    auto it = ste->directives.find(name);
    return it == ste->directives.end() ? ste->pos : it->second;
  }

  void analyze_name(Scope* ste, std::unordered_map<std::string, NameScope>& scopes,
                    const std::string& name, uint32_t flags, NameSet* bound, NameSet& local,
                    NameSet& free, NameSet& global) {
    if (flags & kDefGlobal) {
      if (flags & kDefNonlocal)
        error("name '" + name + "' is nonlocal and global", directive_pos(ste, name));
      scopes[name] = NameScope::GlobalExplicit;
      global.insert(name);
      if (bound) bound->erase(name);
      return;
    }
    if (flags & kDefNonlocal) {
      if (!bound)
        error("nonlocal declaration not allowed at module level", directive_pos(ste, name));
      if (!bound->count(name))
        error("no binding for nonlocal '" + name + "' found", directive_pos(ste, name));
      scopes[name] = NameScope::Free;
      ste->has_free = true;
      free.insert(name);
      return;
    }
    if (flags & kDefBound) {
      scopes[name] = NameScope::Local;
      local.insert(name);
      global.erase(name);
      return;
    }
    if (bound && bound->count(name)) {
      scopes[name] = NameScope::Free;
      ste->has_free = true;
      free.insert(name);
      return;
    }
    if (global.count(name)) {
      scopes[name] = NameScope::GlobalImplicit;
      return;
    }
    if (ste->nested) ste->has_free = true;
    scopes[name] = NameScope::GlobalImplicit;
  }

  void analyze_block(Scope* ste, NameSet* bound, NameSet& free, NameSet& global) {
    NameSet local, newglobal, newfree, newbound;
    std::unordered_map<std::string, NameScope> scopes;
    if (ste->type == BlockType::Class) {
      // Class bindings are not visible in methods.
      newglobal.insert(global.begin(), global.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
    }
    for (const auto& name : ste->symbol_order)
      analyze_name(ste, scopes, name, ste->symbols[name].flags, bound, local, free, global);
    if (ste->type != BlockType::Class) {
      if (ste->type == BlockType::Function) newbound.insert(local.begin(), local.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
      newglobal.insert(global.begin(), global.end());
    } else {
      newbound.insert("__class__");
    }
    NameSet allfree;
    for (auto& child : ste->children) {
      NameSet child_bound = newbound, child_global = newglobal, child_free = newfree;
      analyze_block(child.get(), &child_bound, child_free, child_global);
      allfree.insert(child_free.begin(), child_free.end());
      if (child->has_free || child->child_free) ste->child_free = true;
    }
    newfree.insert(allfree.begin(), allfree.end());
    if (ste->type == BlockType::Function) {
      // Locals captured by nested blocks become cells.
      for (auto& [name, sc] : scopes) {
        if (sc == NameScope::Local && newfree.count(name)) {
          sc = NameScope::Cell;
          newfree.erase(name);
        }
      }
    } else if (ste->type == BlockType::Class) {
      if (newfree.erase("__class__")) ste->needs_class_closure = true;
    }
    // Record the results.
    for (auto& [name, sym] : ste->symbols) {
      auto it = scopes.find(name);
      if (it != scopes.end()) sym.scope = it->second;
    }
    // Free variables of children not resolved here pass through this block.
    std::vector<std::string> pass(newfree.begin(), newfree.end());
    std::sort(pass.begin(), pass.end());
    for (const auto& name : pass) {
      auto it = ste->symbols.find(name);
      if (it != ste->symbols.end()) {
        if (ste->type == BlockType::Class && (it->second.flags & (kDefBound | kDefGlobal)))
          it->second.flags |= kDefFreeClass;
        continue;  // a cell, or already free here
      }
      if (bound && !bound->count(name)) continue;  // a global
      Symbol& sym = symbol(ste, name);
      sym.scope = NameScope::Free;
    }
    free.insert(newfree.begin(), newfree.end());
  }

  void finalize(Scope* ste) {
    if (ste->type == BlockType::Function) {
      ste->varnames = ste->params;
      NameSet seen(ste->params.begin(), ste->params.end());
      for (const auto& name : ste->symbol_order) {
        const Symbol& sym = ste->symbols[name];
        if (sym.scope == NameScope::Local && !seen.count(name)) {
          ste->varnames.push_back(name);
          seen.insert(name);
        }
      }
    }
    for (const auto& name : ste->symbol_order) {
      const Symbol& sym = ste->symbols[name];
      if (sym.scope == NameScope::Cell) ste->cellvars.push_back(name);
      if (sym.scope == NameScope::Free ||
          (ste->type == BlockType::Class && (sym.flags & kDefFreeClass)))
        ste->freevars.push_back(name);
    }
    if (ste->type == BlockType::Class && ste->needs_class_closure) ste->cellvars.push_back("__class__");
    std::sort(ste->cellvars.begin(), ste->cellvars.end());
    std::sort(ste->freevars.begin(), ste->freevars.end());
    for (const auto& c : ste->cellvars) {
      int idx = -1;
      for (size_t i = 0; i < ste->params.size(); ++i)
        if (ste->params[i] == c) idx = static_cast<int>(i);
      ste->cell2arg.push_back(idx);
    }
    for (auto& child : ste->children) finalize(child.get());
  }
};

std::unique_ptr<SymbolTable> SymbolTable::build(const ast::Module& module, std::string_view filename) {
  auto table = std::unique_ptr<SymbolTable>(new SymbolTable());
  Builder b(*table, filename);
  b.run(module);
  return table;
}

}  // namespace lockvm::symtable
