// repr() and str(): built into one std::string per top-level call, so
// printing a big nested container allocates one Python string, not one per
// element. Self-containing containers print as [...] / {...} like CPython.
#pragma once

#include <algorithm>

#include "runtime/operators.hpp"

namespace lockvm::rt {

template <LockPolicy P>
struct ReprGuard {
  // Containers being printed on this thread (for [...] on recursion).
  static inline thread_local std::vector<Object*> active;
  Object* o;
  bool recursive;
  explicit ReprGuard(Object* obj) : o(obj) {
    recursive = std::find(active.begin(), active.end(), o) != active.end();
    if (!recursive) active.push_back(o);
  }
  ~ReprGuard() {
    if (!recursive) active.pop_back();
  }
};

// What a __repr__ method returned (a new reference, or Null on error):
// appended to `out` if it is a str, else CPython's TypeError.
template <LockPolicy P>
bool append_repr_result(Thread<P>& t, Value r, std::string& out) {
  if (r.is_null()) return false;
  Ref<P> keep(r);
  if (!is_str(r)) {
    raisef(t, t.types().TypeError, "__repr__ returned non-string (type ", type_name(t, r), ")");
    return false;
  }
  out += as_str(r)->view();
  return true;
}

template <LockPolicy P>
bool repr_items(Thread<P>& t, const Value* items, size_t n, std::string& out) {
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    if (!repr_into(t, items[i], out)) return false;
  }
  return true;
}

// A class as its repr and its instances' default repr name it:
// "module.Qualname" (a nested class is "Outer.Inner"), no module for built-ins.
template <LockPolicy P>
void append_class_path(Thread<P>& t, TypeObject* tp, std::string& out) {
  if (tp->module_name && tp->module_name->view() != "builtins") {
    out += tp->module_name->view();
    out += '.';
  }
  Value qn = tp->builtin ? Value() : dict_get_str<P>(tp->dict, t.names().__qualname__);
  out += is_str(qn) ? as_str(qn)->view() : tp->name->view();
}

// object.__repr__: <module.Qualname object at 0x...>.
template <LockPolicy P>
void append_object_repr(Thread<P>& t, Object* o, std::string& out) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(o));
  out += '<';
  append_class_path(t, o->type, out);
  out += " object at ";
  out += buf;
  out += '>';
}

// Appends repr(v) to out; false with an exception set on failure.
template <LockPolicy P>
bool repr_into(Thread<P>& t, const Value& v, std::string& out) {
  switch (v.tag) {
    case Tag::Null: out += "<NULL>"; return true;
    case Tag::None: out += "None"; return true;
    case Tag::Bool: out += v.b ? "True" : "False"; return true;
    case Tag::Int: out += std::to_string(v.i); return true;
    case Tag::Float: out += float_repr(v.f); return true;
    case Tag::Obj: break;
  }
  if (t.native_depth > t.interp.recursion_limit + 50) {
    raise(t, t.types().RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    return false;
  }
  Object* o = v.o;
  switch (o->kind) {
    case Kind::Str: out += str_repr_text(as_str(v)->view()); return true;
    case Kind::Bytes: out += bytes_repr_text(static_cast<BytesObject*>(o)->view()); return true;
    case Kind::BigInt: out += as_bigint(v)->value.str(); return true;
    case Kind::Tuple: {
      TupleObject* tup = as_tuple(v);
      ReprGuard<P> g(o);
      if (g.recursive) { out += "(...)"; return true; }
      ++t.native_depth;
      out += '(';
      bool ok = repr_items(t, tup->items, tup->size, out);
      if (tup->size == 1) out += ',';
      out += ')';
      --t.native_depth;
      return ok;
    }
    case Kind::List: {
      ReprGuard<P> g(o);
      if (g.recursive) { out += "[...]"; return true; }
      std::vector<Value> items;
      {
        ObjectGuard<P> lg(o);
        for (const Value& x : as_list(v)->items) items.push_back(share<P>(x));
      }
      ++t.native_depth;
      out += '[';
      bool ok = repr_items(t, items.data(), items.size(), out);
      out += ']';
      --t.native_depth;
      for (Value& x : items) decref<P>(x);
      return ok;
    }
    case Kind::Dict: {
      ReprGuard<P> g(o);
      if (g.recursive) { out += "{...}"; return true; }
      std::vector<Value> kv;
      {
        ObjectGuard<P> lg(o);
        for (const HashEntry& e : as_dict(v)->table.entries)
          if (!e.key.is_null()) { kv.push_back(share<P>(e.key)); kv.push_back(share<P>(e.value)); }
      }
      ++t.native_depth;
      out += '{';
      bool ok = true;
      for (size_t i = 0; ok && i < kv.size(); i += 2) {
        if (i) out += ", ";
        ok = repr_into(t, kv[i], out);
        if (ok) { out += ": "; ok = repr_into(t, kv[i + 1], out); }
      }
      out += '}';
      --t.native_depth;
      for (Value& x : kv) decref<P>(x);
      return ok;
    }
    case Kind::Set:
    case Kind::FrozenSet: {
      ReprGuard<P> g(o);
      bool frozen = o->kind == Kind::FrozenSet;
      std::string_view tn = o->type->name->view();
      if (g.recursive) { out += tn; out += "(...)"; return true; }
      std::vector<Value> items;
      {
        ObjectGuard<P> lg(o);
        for (const HashEntry& e : as_set(v)->table.entries)
          if (!e.key.is_null()) items.push_back(share<P>(e.key));
      }
      if (items.empty()) { out += tn; out += "()"; return true; }
      ++t.native_depth;
      if (frozen || o->type != t.types().set) { out += tn; out += "({"; } else out += '{';
      bool ok = repr_items(t, items.data(), items.size(), out);
      out += (frozen || o->type != t.types().set) ? "})" : "}";
      --t.native_depth;
      for (Value& x : items) decref<P>(x);
      return ok;
    }
    case Kind::Range: {
      auto* r = static_cast<RangeObject*>(o);
      out += "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
      if (r->step != 1) out += ", " + std::to_string(r->step);
      out += ')';
      return true;
    }
    case Kind::Slice: {
      auto* s = static_cast<SliceObject*>(o);
      out += "slice(";
      bool ok = repr_into(t, s->start, out);
      out += ", ";
      ok = ok && repr_into(t, s->stop, out);
      out += ", ";
      ok = ok && repr_into(t, s->step, out);
      out += ')';
      return ok;
    }
    case Kind::DictView: {
      auto* dv = static_cast<DictViewObject*>(o);
      out += o->type->name->view();
      out += "([";
      bool first = true;
      std::vector<Value> items;
      for (const HashEntry& e : dv->dict->table.entries) {
        if (e.key.is_null()) continue;
        if (dv->aux16 == 2) {
          Value kv[2] = {e.key, e.value};
          items.push_back(new_tuple(t, kv, 2));
        } else {
          items.push_back(share<P>(dv->aux16 == 0 ? e.key : e.value));
        }
      }
      bool ok = true;
      for (Value& x : items) {
        if (!first) out += ", ";
        first = false;
        if (ok) ok = repr_into(t, x, out);
      }
      for (Value& x : items) decref<P>(x);
      out += "])";
      return ok;
    }
    case Kind::Type: {
      auto* tp = as_type(v);
      out += "<class '";
      append_class_path(t, tp, out);
      out += "'>";
      return true;
    }
    case Kind::Function: {
      auto* f = static_cast<FunctionObject*>(o);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(o));
      out += "<function ";
      out += f->qualname->view();
      out += " at ";
      out += buf;
      out += '>';
      return true;
    }
    case Kind::Native: {
      auto* n = static_cast<NativeObject*>(o);
      if (n->self.is_null() || is_kind(n->self, Kind::Module)) {
        out += "<built-in function ";
        out += n->name;
        out += '>';
      } else {
        out += "<built-in method ";
        out += n->name;
        out += " of ";
        out += type_name(t, n->self);
        out += " object>";
      }
      return true;
    }
    case Kind::BoundMethod: {
      auto* m = static_cast<BoundMethodObject*>(o);
      out += "<bound method ";
      if (is_kind(m->func, Kind::Function)) out += static_cast<FunctionObject*>(m->func.o)->qualname->view();
      out += " of ";
      bool ok = repr_into(t, m->self, out);
      out += '>';
      return ok;
    }
    case Kind::Module: {
      out += "<module '";
      out += static_cast<ModuleObject*>(o)->name->view();
      out += "'>";
      return true;
    }
    case Kind::Singleton: out += static_cast<SingletonObject*>(o)->name; return true;
    case Kind::Cell: out += "<cell>"; return true;
    case Kind::Code: out += "<code object "; out += static_cast<CodeObject*>(o)->name->view(); out += '>'; return true;
    case Kind::Generator: {
      auto* g = static_cast<GeneratorObject*>(o);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(o));
      out += g->is_coroutine ? "<coroutine object " : "<generator object ";
      out += g->qualname->view();
      out += " at ";
      out += buf;
      out += '>';
      return true;
    }
    case Kind::Exception:
    case Kind::Instance: {
      Value m = type_lookup<P>(o->type, t.names().__repr__);
      if (!m.is_null() && !is_kind(m, Kind::Native)) {
        ++t.native_depth;
        bool ok = append_repr_result(t, call(t, m, &v, 1), out);
        --t.native_depth;
        return ok;
      }
      if (o->kind == Kind::Exception) {
        ExceptionObject* e = static_cast<ExceptionObject*>(o);
        out += o->type->name->view();
        out += '(';
        bool ok = repr_items(t, e->args->items, e->args->size, out);
        out += ')';
        return ok;
      }
      append_object_repr(t, o, out);
      return true;
    }
    case Kind::HostData:
      // A host type may define __repr__ natively (socket.socket, _thread.lock).
      for (TypeObject* tp : o->type->mro) {
        if (tp == t.types().object) break;
        Value m = dict_get_str<P>(tp->dict, t.names().__repr__);
        if (m.is_null()) continue;
        return append_repr_result(t, call(t, m, &v, 1), out);
      }
      [[fallthrough]];
    default:
      append_object_repr(t, o, out);
      return true;
  }
}

template <LockPolicy P>
bool str_into(Thread<P>& t, const Value& v, std::string& out) {
  if (is_str(v)) {
    out += as_str(v)->view();
    return true;
  }
  if (has_user_type(v)) {
    Value m = type_lookup<P>(v.o->type, t.names().__str__);
    if (!m.is_null() && !is_kind(m, Kind::Native)) {
      ++t.native_depth;
      Value r = call(t, m, &v, 1);
      --t.native_depth;
      if (r.is_null()) return false;
      if (!is_str(r)) {
        raisef(t, t.types().TypeError, "__str__ returned non-string (type ", type_name(t, r), ")");
        decref<P>(r);
        return false;
      }
      out += as_str(r)->view();
      decref<P>(r);
      return true;
    }
    if (v.o->kind == Kind::Exception) {
      Value rm = type_lookup<P>(v.o->type, t.names().__repr__);
      if (rm.is_null() || is_kind(rm, Kind::Native)) {
        // str(exception): '' for no args, the arg for one, the args tuple otherwise.
        TupleObject* args = static_cast<ExceptionObject*>(v.o)->args;
        if (args->size == 0) return true;
        // OSError(errno, strerror[, filename[, winerror[, filename2]]]):
        // "[Errno 9] Bad file descriptor", with ": 'name'" (-> 'name2').
        if (args->size >= 2 && args->size <= 5 && is_subtype<P>(v.o->type, t.types().OSError)) {
          out += "[Errno ";
          if (!str_into(t, args->items[0], out)) return false;
          out += "] ";
          if (!str_into(t, args->items[1], out)) return false;
          if (args->size >= 3 && !args->items[2].is_none()) {
            out += ": ";
            if (!repr_into(t, args->items[2], out)) return false;
            if (args->size == 5 && !args->items[4].is_none()) {
              out += " -> ";
              if (!repr_into(t, args->items[4], out)) return false;
            }
          }
          return true;
        }
        if (args->size == 1) {
          if (is_subtype<P>(v.o->type, t.types().KeyError)) return repr_into(t, args->items[0], out);
          return str_into(t, args->items[0], out);
        }
        return repr_into(t, Value::object(args), out);
      }
    }
  }
  return repr_into(t, v, out);
}

template <LockPolicy P>
Value repr(Thread<P>& t, const Value& v) {
  if (is_str(v) && as_str(v)->ascii() && as_str(v)->size < 64) {
    // Common case: short ASCII strings.
    return new_str(t, str_repr_text(as_str(v)->view()));
  }
  std::string out;
  if (!repr_into(t, v, out)) return Value();
  return new_str(t, out);
}

template <LockPolicy P>
Value to_str(Thread<P>& t, const Value& v) {
  if (is_str(v)) return share<P>(v);
  std::string out;
  if (!str_into(t, v, out)) return Value();
  return new_str(t, out);
}

template <LockPolicy P>
Value format(Thread<P>& t, const Value& v, std::string_view spec) {
  if (has_user_type(v)) {
    Value m = type_lookup<P>(v.o->type, t.names().__format__);
    if (!m.is_null() && !is_kind(m, Kind::Native)) {
      Value s = new_str(t, spec);
      Value args[2] = {v, s};
      Value r = call(t, m, args, 2);
      decref<P>(s);
      if (!r.is_null() && !is_str(r)) {
        decref<P>(r);
        return raisef(t, t.types().TypeError, "__format__ must return a str, not ", type_name(t, r));
      }
      return r;
    }
  }
  if (spec.empty()) return to_str(t, v);
  bool builtin_formattable = v.tag == Tag::Int || v.tag == Tag::Bool || v.tag == Tag::Float ||
                             is_kind(v, Kind::BigInt) || is_str(v);
  if (builtin_formattable) return format_builtin(t, v, spec);
  return raisef(t, t.types().TypeError, "unsupported format string passed to ", type_name(t, v), ".__format__");
}

}  // namespace lockvm::rt
