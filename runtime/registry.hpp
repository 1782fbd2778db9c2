// Helpers for writing built-in functions and methods: registering a NativeFn
// on a type or module, and binding positional/keyword arguments by name.
//
//   template <LockPolicy P>
//   Value str_center(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
//     Value a[3];  // self, width, fillchar
//     if (!bind_args(t, "center", args, nargs, kw, {"self", "width", "fillchar"}, 2, a)) return {};
//     ...
//   }
//   add_method(t, t.types().str, "center", str_center<P>);
#pragma once

#include <initializer_list>
#include <span>

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/errors.hpp"

namespace lockvm::rt {

template <LockPolicy P>
void add_method(Thread<P>& t, TypeObject* type, const char* name, NativeFn<P> fn) {
  Value f = new_native(t, name, fn);
  dict_set(t, type->dict, Value::object(intern(t.interp, name)), f);
  decref<P>(f);
}

// A new built-in class `module.name` deriving from object, for C++-backed
// instances (Kind::HostData: random.Random, socket.socket, _thread.lock) or
// plain ones. Returns a new reference; the caller adds the methods.
template <LockPolicy P>
TypeObject* new_builtin_class(Thread<P>& t, const char* name, const char* module, Kind instance_kind) {
  auto* type = alloc_object<P, TypeObject>(t.types().type, Kind::Type);
  type->name = intern(t.interp, name);
  incref<P>(type->name);
  type->base = t.types().object;
  incref<P>(type->base);
  type->dict = as_dict(new_dict(t));
  type->mro.push_back(type);
  for (TypeObject* m : t.types().object->mro) type->mro.push_back(m);
  type->instance_kind = instance_kind;
  type->builtin = true;
  type->module_name = intern(t.interp, module);
  incref<P>(type->module_name);
  return type;
}

// A plain attribute or constant on a type (e.g. float.__name__ helpers).
template <LockPolicy P>
void add_attr(Thread<P>& t, TypeObject* type, const char* name, Value v) {
  dict_set(t, type->dict, Value::object(intern(t.interp, name)), v);
}

template <LockPolicy P>
void add_function(Thread<P>& t, DictObject* module_dict, const char* name, NativeFn<P> fn) {
  Value f = new_native(t, name, fn);
  dict_set(t, module_dict, Value::object(intern(t.interp, name)), f);
  decref<P>(f);
}

template <LockPolicy P>
void add_value(Thread<P>& t, DictObject* module_dict, const char* name, Value v) {
  dict_set(t, module_dict, Value::object(intern(t.interp, name)), v);
}

// Binds args to `names` (positional first, then by keyword). `required` is
// how many leading names must be given. out[i] is a BORROWED value, Null when
// not given. A name starting with '*' marks the rest as keyword-only (the
// '*' itself is not a slot: {"iterable", "*key", "*reverse"}). Returns false
// with a CPython-worded TypeError on a mismatch.
template <LockPolicy P>
bool bind_args(Thread<P>& t, const char* fname, const Value* args, size_t nargs, TupleObject* kwnames,
               std::span<const char* const> names, size_t required, Value* out) {
  size_t n = names.size();
  size_t max_pos = 0;
  for (const char* nm : names) {
    if (nm[0] == '*') break;
    ++max_pos;
  }
  for (size_t i = 0; i < n; ++i) out[i] = Value();
  if (nargs > max_pos) {
    if (max_pos == required)
      raisef(t, t.types().TypeError, fname, "() takes exactly ", max_pos, " argument", max_pos == 1 ? "" : "s",
             " (", nargs, " given)");
    else
      raisef(t, t.types().TypeError, fname, "() takes at most ", max_pos, " argument", max_pos == 1 ? "" : "s",
             " (", nargs, " given)");
    return false;
  }
  for (size_t i = 0; i < nargs; ++i) out[i] = args[i];
  size_t nkw = kwnames ? kwnames->size : 0;
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view key = as_str(kwnames->items[k])->view();
    size_t idx = 0;
    bool found = false;
    for (const char* nm : names) {
      std::string_view s = nm[0] == '*' ? std::string_view(nm + 1) : std::string_view(nm);
      if (s == key) { found = true; break; }
      ++idx;
    }
    if (!found) {
      raisef(t, t.types().TypeError, fname, "() got an unexpected keyword argument '", key, "'");
      return false;
    }
    if (!out[idx].is_null()) {
      raisef(t, t.types().TypeError, "argument for ", fname, "() given by name ('", key, "') and position (", idx + 1, ")");
      return false;
    }
    out[idx] = args[nargs + k];
  }
  for (size_t i = 0; i < required; ++i)
    if (out[i].is_null()) {
      const char* nm = names.begin()[i];
      if (nm[0] == '*') ++nm;
      raisef(t, t.types().TypeError, fname, "() missing required argument '", nm, "' (pos ", i + 1, ")");
      return false;
    }
  return true;
}

// The usual form, with the names written in place: {"self", "width", "fillchar"}.
template <LockPolicy P>
bool bind_args(Thread<P>& t, const char* fname, const Value* args, size_t nargs, TupleObject* kwnames,
               std::initializer_list<const char*> names, size_t required, Value* out) {
  return bind_args(t, fname, args, nargs, kwnames, std::span<const char* const>(names.begin(), names.size()), required, out);
}

// Functions that take no keywords and a fixed range of positional arguments.
template <LockPolicy P>
bool check_nargs(Thread<P>& t, const char* fname, size_t nargs, TupleObject* kwnames, size_t min, size_t max) {
  if (kwnames && kwnames->size) {
    raisef(t, t.types().TypeError, fname, "() takes no keyword arguments");
    return false;
  }
  if (nargs < min || nargs > max) {
    if (min == max)
      raisef(t, t.types().TypeError, fname, "() takes exactly ", min, " argument", min == 1 ? "" : "s", " (", nargs, " given)");
    else if (nargs < min)
      raisef(t, t.types().TypeError, fname, " expected at least ", min, " argument", min == 1 ? "" : "s", ", got ", nargs);
    else
      raisef(t, t.types().TypeError, fname, " expected at most ", max, " argument", max == 1 ? "" : "s", ", got ", nargs);
    return false;
  }
  return true;
}

}  // namespace lockvm::rt
