// `import name`: sys.modules first, then the built-in modules compiled into
// lockvm (C++, then the frozen Python ones of runtime/lib), then `name.py`
// or the package `name/__init__.py` beside the main script (and the other
// entries of sys.path). `import a.b` imports the package `a` first, then
// looks for `b` in it (frozen `a.b`, or a/b.py in a's __path__) and sets it
// as a's attribute. Relative imports are not supported yet.
#pragma once

#include <fstream>
#include <sstream>

#include "runtime/frozen.hpp"
#include "runtime/core.hpp"
#include "vm/compiler.hpp"
#include "vm/parser.hpp"

namespace lockvm::rt {

template <LockPolicy P>
Value raise_syntax_error(Thread<P>& t, const SyntaxError& e);  // runtime/bootstrap.hpp

// Compiles source text into a code object of this interpreter; a syntax error
// becomes a pending SyntaxError exception.
template <LockPolicy P>
Value compile_source(Thread<P>& t, std::string_view source, std::string_view filename, CompileMode mode) {
  try {
    ParseMode pm = mode == CompileMode::Eval ? ParseMode::Eval
                   : mode == CompileMode::Interactive ? ParseMode::Interactive
                                                      : ParseMode::File;
    ast::Module m = parse(source, filename, pm);
    auto proto = compile(m, filename, mode);
    return code_from_proto(t, proto);
  } catch (const SyntaxError& e) {
    return raise_syntax_error(t, e);
  }
}

// Runs `source` as the body of a new module `name`, registered in
// sys.modules while it runs. `path` becomes __file__ (none for frozen modules).
// A package gets __path__ before its body runs: the directories its
// submodules are looked for in (one, or none for a frozen package).
template <LockPolicy P>
Value exec_module_source(Thread<P>& t, std::string_view name, std::string_view source, const std::string& path,
                         bool has_file, const std::vector<std::string>* package_path = nullptr) {
  Value mod = new_module(t, name);
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  if (has_file) {
    Value file = new_str(t, path);
    dict_set(t, d, Value::object(t.names().__file__), file);
    decref<P>(file);
  }
  if (package_path) {
    Ref<P> dirs(new_list(t));
    for (const std::string& dir : *package_path) {
      Ref<P> s(new_str(t, dir));
      as_list(*dirs)->items.push_back(s.release());
    }
    dict_set(t, d, Value::object(intern(t.interp, "__path__")), *dirs);
  }
  // Registered before running, so circular imports see the partial module.
  if (dict_set(t, t.interp.modules, Value::object(intern(t.interp, name)), mod) < 0) return Value();
  Value code = compile_source(t, source, path, CompileMode::Exec);
  if (code.is_null()) {
    dict_del(t, t.interp.modules, Value::object(intern(t.interp, name)));
    return code;
  }
  Value r = run_code(t, static_cast<CodeObject*>(code.o), d, nullptr);
  decref<P>(code);
  if (r.is_null()) {
    Value saved = fetch_exception(t);
    dict_del(t, t.interp.modules, Value::object(intern(t.interp, name)));
    t.exc = saved;
    return r;
  }
  decref<P>(r);
  return keep.release();
}

template <LockPolicy P>
Value exec_module_file(Thread<P>& t, std::string_view name, const std::string& path,
                       const std::vector<std::string>* package_path = nullptr) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return exec_module_source(t, name, ss.str(), path, true, package_path);
}

inline bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

// Finds and runs the module `name` (dotted; its parent package, if any, is
// imported already and `search` holds the parent's __path__, else sys.path).
template <LockPolicy P>
Value load_module(Thread<P>& t, std::string_view name, const std::vector<std::string>& search) {
  StrObject* key = intern(t.interp, name);
  for (const std::string& blocked : t.interp.blocked_modules)
    if (blocked == name) return raisef(t, t.types().ModuleNotFoundError, "No module named '", name, "' (not enabled by the host)");
  for (auto& [mname, init] : t.interp.builtin_modules) {
    if (mname == name) {
      Value mod = init(t);
      if (mod.is_null()) return mod;
      dict_set(t, t.interp.modules, Value::object(key), mod);
      return mod;
    }
  }
  for (size_t i = 0; i < frozen::kModuleCount; ++i) {
    const frozen::Module& fm = frozen::kModules[i];
    if (name != fm.name) continue;
    std::vector<std::string> none;
    return exec_module_source(t, name, fm.source, "<frozen " + std::string(name) + ">", false,
                              fm.package ? &none : nullptr);
  }
  std::string_view last = name.substr(name.rfind('.') + 1);
  for (const std::string& d : search) {
    std::string dir = (d.empty() ? std::string(".") : d) + "/" + std::string(last);
    if (file_exists(dir + ".py")) return exec_module_file(t, name, dir + ".py");
    if (file_exists(dir + "/__init__.py")) {
      std::vector<std::string> path{dir};
      return exec_module_file(t, name, dir + "/__init__.py", &path);
    }
  }
  return raisef(t, t.types().ModuleNotFoundError, "No module named '", name, "'");
}

template <LockPolicy P>
Value import_module(Thread<P>& t, std::string_view name, DictObject* globals) {
  if (!name.empty() && name[0] == '.')
    return raise(t, t.types().ImportError, "attempted relative import with no known parent package");
  StrObject* key = intern(t.interp, name);
  Value m = dict_get_str_ref<P>(t.interp.modules, key);
  if (!m.is_null()) return m;
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return load_module(t, name, t.interp.module_path);
  Ref<P> parent(import_module(t, name.substr(0, dot), globals));
  if (parent->is_null()) return Value();
  // Importing the parent may have imported this one too.
  m = dict_get_str_ref<P>(t.interp.modules, key);
  if (!m.is_null()) return m;
  Ref<P> path(getattr_opt(t, *parent, intern(t.interp, "__path__")));
  if (path->is_null() || !is_kind(*path, Kind::List)) {
    if (!t.exc.is_null()) return Value();
    return raisef(t, t.types().ModuleNotFoundError, "No module named '", name, "'; '", name.substr(0, dot),
                  "' is not a package");
  }
  std::vector<std::string> search;
  for (const Value& v : as_list(*path)->items)
    if (is_str(v)) search.emplace_back(as_str(v)->view());
  Value mod = load_module(t, name, search);
  if (mod.is_null()) return mod;
  if (setattr(t, *parent, intern(t.interp, name.substr(dot + 1)), mod) < 0) {
    decref<P>(mod);
    return Value();
  }
  return mod;
}

// `from m import *` into dst: the names m.__all__ lists (each must exist;
// those before a missing one are bound, as in CPython), or without one every
// name that does not start with '_'.
template <LockPolicy P>
bool import_star(Thread<P>& t, const Value& mod, DictObject* dst) {
  if (!is_kind(mod, Kind::Module)) return true;
  auto* m = static_cast<ModuleObject*>(mod.o);
  Ref<P> all(dict_get_str_ref<P>(m->dict, intern(t.interp, "__all__")));
  if (all->is_null()) {
    TableSnapshot<P> snap(m->dict, m->dict->table);
    for (const HashEntry& e : snap.entries)
      if (is_str(e.key) && as_str(e.key)->size && as_str(e.key)->data[0] != '_' &&
          dict_set(t, dst, e.key, e.value) < 0)
        return false;
    return true;
  }
  Ref<P> names(to_list(t, *all));
  if (names->is_null()) return false;
  for (const Value& name : as_list(*names)->items) {
    if (!is_str(name))
      return raisef(t, t.types().TypeError, "Item in ", m->name->view(), ".__all__ must be str, not ",
                    type_name(t, name)),
             false;
    Ref<P> v(getattr(t, mod, intern(t.interp, as_str(name)->view())));
    if (v->is_null() || dict_set(t, dst, name, *v) < 0) return false;
  }
  return true;
}

}  // namespace lockvm::rt
