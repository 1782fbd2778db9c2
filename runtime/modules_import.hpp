// `import name`: sys.modules first, then the built-in modules compiled into
// lockvm (C++, then the frozen Python ones of runtime/lib), then `name.py`
// beside the main script (and the other entries of sys.path). Packages and relative imports are not supported yet.
#pragma once

#include <fstream>
#include <sstream>

#include "frozen_modules.hpp"  // generated from runtime/lib/*.py by CMake
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
template <LockPolicy P>
Value exec_module_source(Thread<P>& t, std::string_view name, std::string_view source, const std::string& path,
                         bool has_file) {
  Value mod = new_module(t, name);
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  if (has_file) {
    Value file = new_str(t, path);
    dict_set(t, d, Value::object(t.names().__file__), file);
    decref<P>(file);
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
Value exec_module_file(Thread<P>& t, std::string_view name, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return exec_module_source(t, name, ss.str(), path, true);
}

template <LockPolicy P>
Value import_module(Thread<P>& t, std::string_view name, DictObject* globals) {
  if (!name.empty() && name[0] == '.')
    return raise(t, t.types().ImportError, "attempted relative import with no known parent package");
  if (name.find('.') != std::string_view::npos)
    return raisef(t, t.types().ModuleNotFoundError, "No module named '", name, "' (packages are not supported yet)");
  StrObject* key = intern(t.interp, name);
  Value m = dict_get_str<P>(t.interp.modules, key);
  if (!m.is_null()) return share<P>(m);
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
  for (const frozen::Module& fm : frozen::kModules) {
    if (name == fm.name) return exec_module_source(t, name, fm.source, "<frozen " + std::string(name) + ">", false);
  }
  for (const std::string& dir : t.interp.module_path) {
    std::string path = (dir.empty() ? std::string(".") : dir) + "/" + std::string(name) + ".py";
    std::ifstream probe(path);
    if (probe.good()) return exec_module_file(t, name, path);
  }
  return raisef(t, t.types().ModuleNotFoundError, "No module named '", name, "'");
}

}  // namespace lockvm::rt
