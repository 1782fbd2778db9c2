// Serialization of values, for what crosses a process (multiprocessing's
// queues, pipes and pools) or an interpreter (the interpreters module): a
// small pickle of lockvm's own. The bytes are only ever read by lockvm.
//
//   serialize(t, v, out)   appends v's encoding to `out` (false: exception set)
//   deserialize(t, data)   the value back, made in t's interpreter
//
// Encoded: None, bool, int (big ints too), float, str, bytes, tuple, list,
// dict, set, frozenset; classes, functions and built-in functions by
// reference (module + qualified name, looked up again on the other side, as
// pickle does: a lambda or a nested function cannot be found that way and is
// refused); instances of user classes as their class + __dict__, created on
// the other side without calling __init__ (pickle's default reduce);
// exceptions as their class + args (re-created by calling the class) +
// __dict__; an instance whose class defines __reduce__ (pickle's protocol,
// returning (callable, args)) as that callable, sent by reference, and its
// args, called on the other side (interpreters.Queue travels as its id this
// way). Anything else (a lock, a generator, a socket, a module) raises
// TypeError("cannot pickle 'generator' object"), CPython's wording. Shared
// references are copied, not preserved; cycles are refused by the depth limit.
//
// Format: one tag byte, then the payload; lengths and counts are 4 bytes,
// little-endian, ints 8 bytes.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "runtime/core.hpp"
#include "runtime/instance_attrs.hpp"
#include "runtime/registry.hpp"

namespace lockvm::rt {

template <LockPolicy P> Value alloc_instance(Thread<P>& t, TypeObject* type);  // classes.hpp
template <LockPolicy P> Value import_module(Thread<P>& t, std::string_view name, DictObject* globals);

namespace ser {

enum Code : char {
  kNone = 'N', kTrue = 'T', kFalse = 'F', kInt = 'i', kBigInt = 'I', kFloat = 'f', kStr = 's',
  kBytes = 'b', kTuple = 't', kList = 'l', kDict = 'd', kSet = 'S', kFrozenSet = 'z',
  kGlobal = 'g',     // module, qualname
  kInstance = 'o',   // module, qualname, then a dict
  kException = 'e',  // module, qualname, args tuple, dict
  kReduce = 'r',     // a callable (a global), then its args tuple
};

inline constexpr int kMaxDepth = 200;

inline void put_u32(std::string& out, uint32_t n) {
  char b[4];
  std::memcpy(b, &n, 4);
  out.append(b, 4);
}
inline void put_u64(std::string& out, uint64_t n) {
  char b[8];
  std::memcpy(b, &n, 8);
  out.append(b, 8);
}
inline void put_text(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

template <LockPolicy P>
bool refuse(Thread<P>& t, const Value& v) {
  TypeObject* type = type_of(t, v);
  std::string name(type->name->view());
  if (type->module_name && type->module_name->view() != "builtins")
    name = std::string(type->module_name->view()) + "." + name;
  raisef(t, t.types().TypeError, "cannot pickle '", name, "' object");
  return false;
}

// The (module, qualname) a class, function or built-in function is found
// by; false if v is not something that is sent by reference.
template <LockPolicy P>
bool global_name(Thread<P>& t, const Value& v, std::string& module, std::string& qualname) {
  if (!v.is_obj()) return false;
  switch (v.o->kind) {
    case Kind::Type: {
      auto* tp = as_type(v);
      module = tp->module_name ? std::string(tp->module_name->view()) : "builtins";
      qualname = tp->name->view();
      return true;
    }
    case Kind::Function: {
      auto* f = static_cast<FunctionObject*>(v.o);
      module = f->module_name ? std::string(f->module_name->view()) : "__main__";
      qualname = f->qualname->view();
      return true;
    }
    case Kind::Native: {
      auto* n = static_cast<NativeObject*>(v.o);
      if (!n->self.is_null()) return false;  // a bound built-in method
      module = "builtins";
      qualname = n->name;
      return true;
    }
    default: return false;
  }
}

// Looks `module`.`qualname` up (importing the module if needed); a new reference.
template <LockPolicy P>
Value find_global(Thread<P>& t, std::string_view module, std::string_view qualname) {
  Value cur;
  if (module == "builtins") {
    cur = share<P>(Value::object(t.interp.builtins));
    size_t dot = qualname.find('.');
    std::string_view first = qualname.substr(0, dot);
    Value v = dict_get_str_ref<P>(t.interp.builtins, intern(t.interp, first));
    decref<P>(cur);
    if (v.is_null()) return raisef(t, t.types().AttributeError, "module 'builtins' has no attribute '", first, "'");
    cur = v;
    qualname = dot == std::string_view::npos ? std::string_view() : qualname.substr(dot + 1);
  } else {
    cur = import_module(t, module, nullptr);
    if (cur.is_null()) return cur;
  }
  while (!qualname.empty()) {
    size_t dot = qualname.find('.');
    std::string_view part = qualname.substr(0, dot);
    Value next = getattr(t, cur, intern(t.interp, part));
    decref<P>(cur);
    if (next.is_null()) return next;
    cur = next;
    qualname = dot == std::string_view::npos ? std::string_view() : qualname.substr(dot + 1);
  }
  return cur;
}

template <LockPolicy P>
bool write(Thread<P>& t, const Value& v, std::string& out, int depth);

template <LockPolicy P>
bool write_table(Thread<P>& t, const HashTable& tab, bool with_values, std::string& out, int depth) {
  // Copied first: writing calls no Python code, but under the free-threaded
  // policies another thread may change the table meanwhile.
  std::vector<Value> items;
  for (const HashEntry& e : tab.entries) {
    if (e.key.is_null()) continue;
    items.push_back(share<P>(e.key));
    if (with_values) items.push_back(share<P>(e.value));
  }
  bool ok = true;
  put_u32(out, static_cast<uint32_t>(with_values ? items.size() / 2 : items.size()));
  for (const Value& x : items)
    if (ok && !write(t, x, out, depth + 1)) ok = false;
  for (const Value& x : items) decref<P>(x);
  return ok;
}

template <LockPolicy P>
bool write_sequence(Thread<P>& t, const Value* items, size_t n, std::string& out, int depth) {
  put_u32(out, static_cast<uint32_t>(n));
  for (size_t i = 0; i < n; ++i)
    if (!write(t, items[i], out, depth + 1)) return false;
  return true;
}

// A global reference, checked: looking the name up again must give v back
// (a lambda, a nested function or a shadowed name would not).
template <LockPolicy P>
bool write_global(Thread<P>& t, const Value& v, char tag, std::string& out) {
  std::string module, qualname;
  if (!global_name(t, v, module, qualname)) return refuse(t, v);
  bool found = false;
  if (qualname.find('<') == std::string::npos) {
    Value mod = module == "builtins" ? Value() : dict_get_str<P>(t.interp.modules, intern(t.interp, module));
    if (module == "builtins" || !mod.is_null()) {
      Value back = find_global(t, module, qualname);
      if (back.is_null()) clear_exception(t);
      found = back.identical(v);
      decref<P>(back);
    }
  }
  if (!found) {
    TypeObject* type = type_of(t, v);
    raisef(t, t.types().TypeError, "cannot pickle '", type->name->view(), "' object: ", module, ".", qualname,
           " is not reachable by name");
    return false;
  }
  out.push_back(tag);
  // A spawned child's main script runs as __mp_main__; everyone knows it as __main__.
  put_text(out, module == "__mp_main__" ? std::string("__main__") : module);
  put_text(out, qualname);
  return true;
}

// An instance whose class defines __reduce__: (callable, args), rebuilt
// on the other side by callable(*args).
template <LockPolicy P>
bool write_reduce(Thread<P>& t, const Value& v, std::string& out, int depth) {
  Ref<P> r(call_method(t, v, intern(t.interp, "__reduce__"), nullptr, 0));
  if (r.is_null()) return false;
  if (!is_kind(*r, Kind::Tuple) || as_tuple(*r)->size != 2 || !is_kind(as_tuple(*r)->items[1], Kind::Tuple)) {
    raise(t, t.types().TypeError, "__reduce__ must return a tuple (callable, args)");
    return false;
  }
  out.push_back(kReduce);
  if (!write_global(t, as_tuple(*r)->items[0], kGlobal, out)) return false;
  TupleObject* args = as_tuple(as_tuple(*r)->items[1]);
  out.push_back(kTuple);
  return write_sequence(t, args->items, args->size, out, depth);
}

template <LockPolicy P>
bool write(Thread<P>& t, const Value& v, std::string& out, int depth) {
  if (depth > kMaxDepth) {
    raise(t, t.types().ValueError, "object too deeply nested to pickle (or it contains itself)");
    return false;
  }
  switch (v.tag) {
    case Tag::Null:
    case Tag::None: out.push_back(kNone); return true;
    case Tag::Bool: out.push_back(v.b ? kTrue : kFalse); return true;
    case Tag::Int:
      out.push_back(kInt);
      put_u64(out, static_cast<uint64_t>(v.i));
      return true;
    case Tag::Float: {
      uint64_t bits;
      std::memcpy(&bits, &v.f, 8);
      out.push_back(kFloat);
      put_u64(out, bits);
      return true;
    }
    case Tag::Obj: break;
  }
  BuiltinTypes& ty = t.types();
  Object* o = v.o;
  bool exact = o->type == nullptr || o->type->builtin;
  switch (o->kind) {
    case Kind::Str:
      out.push_back(kStr);
      put_text(out, as_str(v)->view());
      return true;
    case Kind::Bytes:
      out.push_back(kBytes);
      put_text(out, static_cast<BytesObject*>(o)->view());
      return true;
    case Kind::BigInt: {
      if (!exact) break;
      const BigInt& n = as_bigint(v)->value;
      std::string mag;
      boost::multiprecision::export_bits(n, std::back_inserter(mag), 8, false);
      out.push_back(kBigInt);
      out.push_back(n.sign() < 0 ? 1 : 0);
      put_text(out, mag);
      return true;
    }
    case Kind::Tuple:
      if (!exact) break;
      out.push_back(kTuple);
      return write_sequence(t, as_tuple(v)->items, as_tuple(v)->size, out, depth);
    case Kind::List: {
      if (!exact) break;
      std::vector<Value> items;
      {
        ObjectGuard<P> g(o);
        for (const Value& x : as_list(v)->items) items.push_back(share<P>(x));
      }
      out.push_back(kList);
      bool ok = write_sequence(t, items.data(), items.size(), out, depth);
      for (const Value& x : items) decref<P>(x);
      return ok;
    }
    case Kind::Dict:
      if (!exact) break;
      out.push_back(kDict);
      return write_table(t, as_dict(v)->table, true, out, depth);
    case Kind::Set:
    case Kind::FrozenSet:
      if (!exact) break;
      out.push_back(o->kind == Kind::Set ? kSet : kFrozenSet);
      return write_table(t, as_set(v)->table, false, out, depth);
    case Kind::Type:
    case Kind::Function:
    case Kind::Native: return write_global(t, v, kGlobal, out);
    case Kind::Instance:
    case Kind::Exception: {
      if (o->type->builtin && o->kind == Kind::Instance) break;  // a bare object()
      if (!type_lookup<P>(o->type, intern(t.interp, "__reduce__")).is_null()) return write_reduce(t, v, out, depth);
      Value cls = Value::object(o->type);
      bool is_exc = o->kind == Kind::Exception;
      if (!write_global(t, cls, is_exc ? kException : kInstance, out)) return false;
      if (is_exc) {
        out.push_back(kTuple);
        TupleObject* args = static_cast<ExceptionObject*>(o)->args;
        if (!write_sequence(t, args ? args->items : nullptr, args ? args->size : 0, out, depth)) return false;
      }
      if (o->type->slotted) {  // slot storage is not a __dict__
        refuse(t, v);
        return false;
      }
      out.push_back(kDict);
      Ref<P> attrs(instance_attrs_dict(t, static_cast<InstanceObject*>(o)));
      return write_table(t, as_dict(*attrs)->table, true, out, depth);
    }
    default: break;
  }
  (void)ty;
  return refuse(t, v);
}

// ---- reading ------------------------------------------------------------------

template <LockPolicy P>
struct Reader {
  Thread<P>& t;
  std::string_view data;
  size_t pos = 0;

  bool need(size_t n) {
    if (data.size() - pos >= n) return true;
    raise(t, t.types().ValueError, "pickle data was truncated");
    return false;
  }
  bool u32(uint32_t& n) {
    if (!need(4)) return false;
    std::memcpy(&n, data.data() + pos, 4);
    pos += 4;
    return true;
  }
  bool u64(uint64_t& n) {
    if (!need(8)) return false;
    std::memcpy(&n, data.data() + pos, 8);
    pos += 8;
    return true;
  }
  bool text(std::string_view& s) {
    uint32_t n;
    if (!u32(n) || !need(n)) return false;
    s = data.substr(pos, n);
    pos += n;
    return true;
  }
  Value global() {
    std::string_view module, qualname;
    if (!text(module) || !text(qualname)) return Value();
    return find_global(t, module, qualname);
  }
  bool fill_table(DictObject* d, SetObject* s, int depth) {
    uint32_t n;
    if (!u32(n)) return false;
    for (uint32_t i = 0; i < n; ++i) {
      Ref<P> k(read(depth + 1));
      if (k.is_null()) return false;
      if (s) {
        if (set_add(t, s, *k) < 0) return false;
        continue;
      }
      Ref<P> v(read(depth + 1));
      if (v.is_null() || dict_set(t, d, *k, *v) < 0) return false;
    }
    return true;
  }
  Value sequence(bool tuple, int depth) {
    uint32_t n;
    if (!u32(n)) return Value();
    std::vector<Ref<P>> items;
    items.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      items.emplace_back(read(depth + 1));
      if (items.back().is_null()) return Value();
    }
    std::vector<Value> raw;
    for (auto& r : items) raw.push_back(*r);
    return tuple ? new_tuple(t, raw.data(), raw.size()) : new_list(t, raw.data(), raw.size());
  }
  // Sets the attributes of a new instance from the encoded dict that follows.
  bool set_state(const Value& obj, int depth) {
    if (!need(1) || data[pos++] != kDict) return corrupt();
    Ref<P> state(new_dict(t));
    if (!fill_table(as_dict(*state), nullptr, depth)) return false;
    for (const HashEntry& e : as_dict(*state)->table.entries) {
      if (e.key.is_null() || !is_str(e.key)) continue;
      if (setattr(t, obj, intern(t.interp, as_str(e.key)->view()), e.value) < 0) return false;
    }
    return true;
  }
  bool corrupt() {
    raise(t, t.types().ValueError, "invalid pickle data");
    return false;
  }

  Value read(int depth) {
    if (depth > kMaxDepth + 1) return corrupt(), Value();
    if (!need(1)) return Value();
    char tag = data[pos++];
    switch (tag) {
      case kNone: return Value::none();
      case kTrue: return Value::boolean(true);
      case kFalse: return Value::boolean(false);
      case kInt: {
        uint64_t n;
        if (!u64(n)) return Value();
        return Value::integer(static_cast<int64_t>(n));
      }
      case kFloat: {
        uint64_t n;
        if (!u64(n)) return Value();
        double d;
        std::memcpy(&d, &n, 8);
        return Value::number(d);
      }
      case kBigInt: {
        if (!need(1)) return Value();
        bool neg = data[pos++] != 0;
        std::string_view mag;
        if (!text(mag)) return Value();
        BigInt n;
        boost::multiprecision::import_bits(n, mag.begin(), mag.end(), 8, false);
        if (neg) n = -n;
        return new_bigint(t, std::move(n));
      }
      case kStr:
      case kBytes: {
        std::string_view s;
        if (!text(s)) return Value();
        return tag == kStr ? new_str(t, s) : new_bytes(t, s);
      }
      case kTuple:
      case kList: return sequence(tag == kTuple, depth);
      case kDict: {
        Ref<P> d(new_dict(t));
        if (!fill_table(as_dict(*d), nullptr, depth)) return Value();
        return d.release();
      }
      case kSet:
      case kFrozenSet: {
        Ref<P> s(new_set(t, tag == kFrozenSet));
        if (!fill_table(nullptr, as_set(*s), depth)) return Value();
        return s.release();
      }
      case kGlobal: return global();
      case kInstance: {
        Ref<P> cls(global());
        if (cls.is_null()) return Value();
        if (!is_kind(*cls, Kind::Type)) return corrupt(), Value();
        Ref<P> obj(alloc_instance(t, as_type(*cls)));
        if (obj.is_null() || !set_state(*obj, depth)) return Value();
        return obj.release();
      }
      case kReduce: {
        if (!need(1) || data[pos++] != kGlobal) return corrupt(), Value();
        Ref<P> fn(global());
        if (fn.is_null()) return Value();
        if (!need(1) || data[pos++] != kTuple) return corrupt(), Value();
        Ref<P> args(sequence(true, depth));
        if (args.is_null()) return Value();
        return call(t, *fn, as_tuple(*args)->items, as_tuple(*args)->size);
      }
      case kException: {
        Ref<P> cls(global());
        if (cls.is_null()) return Value();
        if (!need(1) || data[pos++] != kTuple) return corrupt(), Value();
        Ref<P> args(sequence(true, depth));
        if (args.is_null()) return Value();
        TupleObject* a = as_tuple(*args);
        Ref<P> exc(call(t, *cls, a->items, a->size));
        if (exc.is_null() || !set_state(*exc, depth)) return Value();
        return exc.release();
      }
      default: return corrupt(), Value();
    }
  }
};

}  // namespace ser

template <LockPolicy P>
bool serialize(Thread<P>& t, const Value& v, std::string& out) {
  return ser::write(t, v, out, 0);
}

template <LockPolicy P>
Value deserialize(Thread<P>& t, std::string_view data) {
  ser::Reader<P> r{t, data};
  Value v = r.read(0);
  if (!v.is_null() && r.pos != data.size()) {
    decref<P>(v);
    r.corrupt();
    return Value();
  }
  return v;
}

// The `_serialize` module: dumps(obj) -> bytes, loads(bytes) -> obj.
template <LockPolicy P>
Value serialize_dumps(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "dumps", nargs, kw, 1, 1)) return Value();
  std::string out;
  if (!serialize(t, args[0], out)) return Value();
  return new_bytes(t, out);
}

template <LockPolicy P>
Value serialize_loads(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(t, "loads", nargs, kw, 1, 1)) return Value();
  if (!is_kind(args[0], Kind::Bytes)) return raise(t, t.types().TypeError, "loads() argument must be bytes");
  return deserialize(t, static_cast<BytesObject*>(args[0].o)->view());
}

template <LockPolicy P>
Value make_serialize_module(Thread<P>& t) {
  Value mod = new_module(t, "_serialize");
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_function(t, d, "dumps", serialize_dumps<P>);
  add_function(t, d, "loads", serialize_loads<P>);
  return mod;
}

}  // namespace lockvm::rt
