// Creating an interpreter's world: the built-in types (which must exist
// before the first string can be made, hence the careful order), interned
// names, the builtins module, and tearing it all down again.
#pragma once

#include "runtime/builtins_functions.hpp"
#include "runtime/format_spec.hpp"
#include "runtime/gc.hpp"
#include "runtime/methods_dict.hpp"
#include "runtime/methods_list.hpp"
#include "runtime/methods_numbers.hpp"
#include "runtime/methods_str.hpp"
#include "runtime/modules_interpreters.hpp"
#include "runtime/modules_mp.hpp"
#include "runtime/modules_random.hpp"
#include "runtime/modules_select.hpp"
#include "runtime/modules_socket.hpp"
#include "runtime/modules_std.hpp"
#include "runtime/modules_thread.hpp"
#include "runtime/serialize.hpp"
#include "vm/eval.hpp"

namespace lockvm::rt {

template <LockPolicy P>
Value raise_syntax_error(Thread<P>& t, const SyntaxError& e) {
  TypeObject* type = e.type == "IndentationError" ? t.types().IndentationError
                     : e.type == "TabError"       ? t.types().TabError
                                                  : t.types().SyntaxError;
  Value msg = new_str(t, e.msg);
  Value e_args = new_tuple(t, &msg, 1);
  decref<P>(msg);
  Value exc = new_exception(t, type, e_args);
  decref<P>(e_args);
  auto* ex = as_exc(exc);
  auto set = [&](const char* name, Value v) {
    dict_set(t, ex->dict, Value::object(intern(t.interp, name)), v);
    decref<P>(v);
  };
  set("msg", new_str(t, e.msg));
  set("filename", new_str(t, e.filename));
  set("lineno", Value::integer(e.line));
  set("offset", Value::integer(e.col));
  set("text", new_str(t, e.text));
  set_pending(t, exc);
  return Value();
}

template <LockPolicy P>
TypeObject* new_builtin_type(Interp<P>& in, TypeObject* base, Kind kind) {
  auto* tp = alloc_object<P, TypeObject>(nullptr, Kind::Type);
  tp->base = base;
  tp->instance_kind = kind;
  tp->builtin = true;
  P::make_immortal(Heap<P>::header(tp));
  tp->flags |= kObjImmortal;
  in.immortals.push_back(tp);
  return tp;
}

template <LockPolicy P>
void bootstrap(Thread<P>& t) {
  Interp<P>& in = t.interp;
  BuiltinTypes& ty = in.types;
  // 1. Type objects, without names or dicts yet (those need str and dict).
  std::vector<std::pair<TypeObject*, const char*>> named;
  ty.object = new_builtin_type(in, nullptr, Kind::Instance);
  named.push_back({ty.object, "object"});
  auto mk = [&](TypeObject*& slot, const char* name, Kind kind, TypeObject* base = nullptr) {
    slot = new_builtin_type(in, base ? base : ty.object, kind);
    named.push_back({slot, name});
  };
  mk(ty.type, "type", Kind::Type);
  mk(ty.none, "NoneType", Kind::Singleton);
  mk(ty.int_, "int", Kind::BigInt);
  mk(ty.bool_, "bool", Kind::BigInt, ty.int_);
  mk(ty.float_, "float", Kind::Singleton);
  mk(ty.str, "str", Kind::Str);
  mk(ty.bytes, "bytes", Kind::Bytes);
  mk(ty.tuple, "tuple", Kind::Tuple);
  mk(ty.list, "list", Kind::List);
  mk(ty.dict, "dict", Kind::Dict);
  mk(ty.set, "set", Kind::Set);
  mk(ty.frozenset, "frozenset", Kind::FrozenSet);
  mk(ty.range, "range", Kind::Range);
  mk(ty.slice, "slice", Kind::Slice);
  mk(ty.function, "function", Kind::Function);
  mk(ty.builtin_function, "builtin_function_or_method", Kind::Native);
  mk(ty.method, "method", Kind::BoundMethod);
  mk(ty.cell, "cell", Kind::Cell);
  mk(ty.code, "code", Kind::Code);
  mk(ty.module, "module", Kind::Module);
  mk(ty.property, "property", Kind::Property);
  mk(ty.staticmethod, "staticmethod", Kind::StaticMethod);
  mk(ty.classmethod, "classmethod", Kind::ClassMethod);
  mk(ty.generator, "generator", Kind::Generator);
  mk(ty.coroutine, "coroutine", Kind::Generator);
  mk(ty.iterator, "iterator", Kind::Iterator);
  mk(ty.dict_keys, "dict_keys", Kind::DictView);
  mk(ty.dict_values, "dict_values", Kind::DictView);
  mk(ty.dict_items, "dict_items", Kind::DictView);
  mk(ty.super, "super", Kind::Super);
  mk(ty.ellipsis, "ellipsis", Kind::Singleton);
  mk(ty.not_implemented, "NotImplementedType", Kind::Singleton);
  mk(ty.host_data, "host_object", Kind::HostData);
#define LOCKVM_MAKE_EXC(n, base)                      \
  mk(ty.n, #n, Kind::Exception, ty.base);             \
  ty.n->is_exception = true;
  ty.BaseException = nullptr;
  ty.BaseException = new_builtin_type(in, ty.object, Kind::Exception);
  ty.BaseException->is_exception = true;
  named.push_back({ty.BaseException, "BaseException"});
  {
    // BaseException is already made; the macro list starts with it.
    TypeObject* keep = ty.BaseException;
#define LOCKVM_MAKE_EXC_SKIP_BASE(n, base) \
    if (std::string_view(#n) != "BaseException") { LOCKVM_MAKE_EXC(n, base) }
    LOCKVM_EXCEPTION_TYPES(LOCKVM_MAKE_EXC_SKIP_BASE)
#undef LOCKVM_MAKE_EXC_SKIP_BASE
    ty.BaseException = keep;
  }
#undef LOCKVM_MAKE_EXC
  // 2. Now objects can be allocated: point every type at `type`, give it a dict.
  for (auto& [tp, name] : named) {
    tp->type = ty.type;
    tp->dict = as_dict(new_dict(t));
  }
  // 3. Strings: intern the type names and the names the VM uses.
  for (auto& [tp, name] : named) {
    tp->name = intern(in, name);
    incref<P>(tp->name);
    tp->mro.push_back(tp);
    for (TypeObject* b = tp->base; b; b = b->base) tp->mro.push_back(b);
  }
  StrObject* builtins_name = intern(in, "builtins");
  for (auto& [tp, name] : named) {
    tp->module_name = builtins_name;
    incref<P>(builtins_name);
  }
#define LOCKVM_INTERN_NAME(n) in.names.n = intern(in, #n);
  LOCKVM_INTERNED_NAMES(LOCKVM_INTERN_NAME)
#undef LOCKVM_INTERN_NAME
  in.names.dunder_func = intern(in, "__func__");
  in.names.throw_ = intern(in, "throw");
  static constexpr const char* binop_stems[13] = {"add", "sub", "mul", "matmul", "truediv", "floordiv", "mod",
                                                   "pow", "lshift", "rshift", "or", "xor", "and"};
  for (int i = 0; i < 13; ++i) {
    std::string s = binop_stems[i];
    in.names.binop[i][0] = intern(in, "__" + s + "__");
    in.names.binop[i][1] = intern(in, "__r" + s + "__");
    in.names.binop[i][2] = intern(in, "__i" + s + "__");
  }
  for (auto& [key, s] : in.interned) str_hash(s);
  StrObject* empty = intern(in, "");
  in.empty_str = Value::object(empty);
  for (int c = 0; c < 128; ++c) {
    char ch = static_cast<char>(c);
    in.single_chars[c] = intern(in, std::string_view(&ch, 1));
  }
  {
    TupleObject* et = alloc_tuple(t, 0);
    P::make_immortal(Heap<P>::header(et));
    et->flags |= kObjImmortal;
    in.immortals.push_back(et);
    in.empty_tuple = Value::object(et);
  }
  auto singleton = [&](TypeObject* type, const char* name) {
    auto* s = alloc_object<P, SingletonObject>(type, Kind::Singleton);
    s->name = name;
    P::make_immortal(Heap<P>::header(s));
    s->flags |= kObjImmortal;
    in.immortals.push_back(s);
    return Value::object(s);
  };
  in.ellipsis = singleton(ty.ellipsis, "Ellipsis");
  in.not_implemented = singleton(ty.not_implemented, "NotImplemented");

  // 4. Methods of the built-in types.
  register_class_natives(t);
  register_str_methods(t);
  register_bytes_methods(t);
  register_list_methods(t);
  register_dict_methods(t);
  register_number_methods(t);
  register_generator_methods(t);

  // 5. The builtins module's dict and sys.modules.
  in.builtins = as_dict(new_dict(t));
  in.modules = as_dict(new_dict(t));
  const char* exported[] = {"type", "object", "int", "bool", "float", "str", "bytes", "tuple", "list", "dict",
                            "set", "frozenset", "range", "slice", "property", "staticmethod", "classmethod",
                            "super"};
  for (auto& [tp, name] : named) {
    bool exp = tp->is_exception;
    for (const char* e : exported) exp |= std::string_view(e) == name;
    if (exp) dict_set(t, in.builtins, Value::object(tp->name), Value::object(tp));
  }
  add_value(t, in.builtins, "NotImplemented", in.not_implemented);
  add_value(t, in.builtins, "Ellipsis", in.ellipsis);
  {
    Value n = new_str(t, "builtins");
    add_value(t, in.builtins, "__name__", n);
    decref<P>(n);
  }
  register_builtin_functions(t, in.builtins);
  in.builtin_modules.push_back({"math", &make_math_module<P>});
  in.builtin_modules.push_back({"random", &make_random_module<P>});
  in.builtin_modules.push_back({"time", &make_time_module<P>});
  in.builtin_modules.push_back({"sys", &make_sys_module<P>});
  in.builtin_modules.push_back({"gc", &make_gc_module<P>});
  in.builtin_modules.push_back({"_thread", &make_thread_module<P>});
  in.builtin_modules.push_back({"socket", &make_socket_module<P>});
  in.builtin_modules.push_back({"select", &make_select_module<P>});
  in.builtin_modules.push_back({"_multiprocessing", &make_mp_module<P>});
  in.builtin_modules.push_back({"_serialize", &make_serialize_module<P>});
  in.builtin_modules.push_back({"_interpreters", &make_interpreters_module<P>});
  in.lock.acquire();
}

// Breaks the reference cycles every program has (module globals ↔ their
// functions and classes) and frees the built-in world. Objects still alive
// afterwards are leaks, counted by LiveObjects.
template <LockPolicy P>
void teardown(Thread<P>& t) {
  Interp<P>& in = t.interp;
  clear_exception(t);
  decref<P>(std::exchange(t.handled, Value()));
  // Biased RC: what the finished threads queued to this one (objects it
  // owns that they let go of) is merged now, or it would never be freed.
  if constexpr (requires { P::any_pending(); })
    P::merge_queued([](typename P::Header& h) { release<P>(Heap<P>::object_of(h)); });
  // Generators abandoned by the program's last statements, then those its
  // __main__ still holds, are closed while code can still run (CPython
  // clears __main__ at exit too); later deaths here are not closed.
  if (in.modules) {
    run_finalizers(t);
    Value main_mod = dict_get_str<P>(in.modules, in.names.__main__);
    if (is_kind(main_mod, Kind::Module)) {
      // As CPython's _PyModule_ClearDict: each global becomes None in turn,
      // `_names` first, so a closing generator still finds the later ones.
      Ref<P> keep(share<P>(main_mod));
      DictObject* d = static_cast<ModuleObject*>(main_mod.o)->dict;
      for (int pass = 0; pass < 2; ++pass) {
        for (size_t i = 0; i < d->table.entries.size(); ++i) {
          Value key = d->table.entries[i].key;
          if (!is_str(key) || key.o == in.names.__builtins__) continue;
          std::string_view name = as_str(key)->view();
          if (pass == 0 && !(name.size() > 1 && name[0] == '_' && name[1] != '_')) continue;
          Ref<P> k(share<P>(key));
          dict_set(t, d, key, Value::none());
          run_finalizers(t);
        }
      }
    }
    clear_exception(t);
  }
  in.gc.stop_finalizers();
  // Module dicts first: most cycles run through a module's globals.
  if (in.modules) {
    std::vector<Value> mods;
    for (const HashEntry& e : in.modules->table.entries)
      if (!e.key.is_null()) mods.push_back(share<P>(e.value));
    for (Value& m : mods) {
      if (is_kind(m, Kind::Module)) ht::clear<P>(static_cast<ModuleObject*>(m.o)->dict->table);
      decref<P>(m);
    }
    ht::clear<P>(in.modules->table);
  }
  if (in.builtins) ht::clear<P>(in.builtins->table);
  decref<P>(in.builtins);
  decref<P>(in.modules);
  in.builtins = in.modules = nullptr;
  // What the program left behind is now unreachable cycles (class ↔ its
  // methods, recursive closures, ...): collect until nothing more is freed.
  while (gc_collect(in) > 0) {
  }
  // The immortals: types (reverse creation order, so a base outlives its
  // subclasses), then the interned strings everything else pointed to (set
  // aside on the way: a destroyed object's kind can no longer be read).
  std::vector<Object*> strings;
  for (auto it = in.immortals.rbegin(); it != in.immortals.rend(); ++it) {
    if ((*it)->kind == Kind::Str) strings.push_back(*it);
    else destroy<P>(*it);
  }
  drain<P>();
  for (Object* o : strings) Heap<P>::deallocate(o);
  in.immortals.clear();
  in.interned.clear();
}

}  // namespace lockvm::rt
