// The object protocol: what `==`, `hash()`, `len()`, `x[i]`, `x.a`, `f()`
// and iteration mean for each kind of object. Built-in kinds are handled by a
// switch on the layout; user classes go through their dunder methods.
#pragma once

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/errors.hpp"
#include "runtime/hashtable.hpp"
#include "runtime/numbers.hpp"
#include "runtime/sequence.hpp"
#include "runtime/strings.hpp"

namespace lockvm::rt {

template <LockPolicy P>
TypeObject* type_of(Thread<P>& t, const Value& v) {
  switch (v.tag) {
    case Tag::Null:
    case Tag::None: return t.types().none;
    case Tag::Bool: return t.types().bool_;
    case Tag::Int: return t.types().int_;
    case Tag::Float: return t.types().float_;
    case Tag::Obj: return v.o->type;
  }
  return t.types().object;
}

template <LockPolicy P>
std::string_view type_name(Thread<P>& t, const Value& v) {
  return type_of(t, v)->name->view();
}

template <LockPolicy P>
bool is_subtype(TypeObject* a, TypeObject* b) {
  if (a == b) return true;
  for (TypeObject* m : a->mro)
    if (m == b) return true;
  return false;
}

template <LockPolicy P>
bool isinstance(Thread<P>& t, const Value& v, TypeObject* type) {
  return is_subtype<P>(type_of(t, v), type);
}

template <LockPolicy P>
Value type_lookup(TypeObject* type, StrObject* name) {
  for (TypeObject* m : type->mro) {
    Value v = dict_get_str<P>(m->dict, name);
    if (!v.is_null()) return v;
  }
  return Value();
}

// A user class overriding a dunder: only Instance/Exception layouts can.
inline bool has_user_type(const Value& v) {
  return v.tag == Tag::Obj && (v.o->kind == Kind::Instance || v.o->kind == Kind::Exception);
}

// Whether `b` is an instance of a proper subclass of `ta`: then a binary
// operator or comparison may try b's reflected method before a's own.
template <LockPolicy P>
bool proper_subclass_operand(const Value& b, TypeObject* ta) {
  return has_user_type(b) && b.o->type != ta && is_subtype<P>(b.o->type, ta);
}

// Whether `a op b` tries b's reflected method `rname` before a's forward one:
// b's class is a proper subclass of a's that overrides it (CPython's
// slot_nb_* with method_is_overloaded). A subclass that only inherits the
// method leaves the left operand first.
template <LockPolicy P>
bool reflected_first(const Value& a, const Value& b, StrObject* rname) {
  // An unboxed a has no subclasses in play.
  if (a.tag != Tag::Obj || !proper_subclass_operand<P>(b, a.o->type)) return false;
  TypeObject *ta = a.o->type, *tb = b.o->type;
  Value mb = type_lookup<P>(tb, rname);
  if (mb.is_null()) return false;
  Value ma = type_lookup<P>(ta, rname);
  return ma.is_null() || !ma.identical(mb);
}

template <LockPolicy P>
Value call_dunder(Thread<P>& t, const Value& obj, StrObject* name, const Value* args, size_t nargs,
                  bool& found) {
  Value m = type_lookup<P>(type_of(t, obj), name);
  found = !m.is_null();
  if (!found) return Value();
  Value buf[4];
  buf[0] = obj;
  for (size_t i = 0; i < nargs && i < 3; ++i) buf[i + 1] = args[i];
  Ref<P> keep = Ref<P>::borrow(m);  // the method may be replaced while it runs
  return call(t, m, buf, nargs + 1);
}

// What `await v` iterates: a coroutine itself, else the iterator its type's
// __await__ returns (a new reference), or Null with a TypeError whose text
// `what` names the construct ("'async for' received an invalid object from
// __anext__", say; the default is await's own).
template <LockPolicy P>
Value awaitable_iter(Thread<P>& t, const Value& v, std::string_view what = {}) {
  if (is_kind(v, Kind::Generator) && static_cast<GeneratorObject*>(v.o)->is_coroutine) return share<P>(v);
  bool found;
  Value it = has_user_type(v) ? call_dunder(t, v, t.names().__await__, nullptr, 0, found) : (found = false, Value());
  if (!found) {
    if (what.empty())
      raisef(t, t.types().TypeError, "object ", type_name(t, v), " can't be used in 'await' expression");
    else
      raisef(t, t.types().TypeError, what, ": ", type_name(t, v));
  }
  return it;
}

// ---------------------------------------------------------------- truthiness

// The number of items in a list, dict or set, read under its lock: another
// thread may be resizing it (a plain read would be a data race).
template <LockPolicy P>
size_t locked_size(Object* o) {
  ObjectGuard<P> g(o);
  switch (o->kind) {
    case Kind::List: return static_cast<ListObject*>(o)->items.size();
    case Kind::Dict: return static_cast<DictObject*>(o)->table.used;
    default: return static_cast<SetObject*>(o)->table.used;
  }
}

template <LockPolicy P>
int truthy(Thread<P>& t, const Value& v) {
  switch (v.tag) {
    case Tag::Null:
    case Tag::None: return 0;
    case Tag::Bool: return v.b;
    case Tag::Int: return v.i != 0;
    case Tag::Float: return v.f != 0;
    case Tag::Obj: break;
  }
  switch (v.o->kind) {
    case Kind::Str: return as_str(v)->size != 0;
    case Kind::Tuple: return as_tuple(v)->size != 0;
    case Kind::List:
    case Kind::Dict:
    case Kind::Set:
    case Kind::FrozenSet: return locked_size<P>(v.o) != 0;
    case Kind::Range: return static_cast<RangeObject*>(v.o)->length != 0;
    case Kind::BigInt: return 1;
    case Kind::Bytes: return static_cast<BytesObject*>(v.o)->size != 0;
    case Kind::Instance:
    case Kind::Exception: {
      bool found;
      Value r = call_dunder(t, v, t.names().__bool__, nullptr, 0, found);
      if (found) {
        if (r.is_null()) return -1;
        if (!r.is_bool()) {
          decref<P>(r);
          raisef(t, t.types().TypeError, "__bool__ should return bool, returned ", type_name(t, r));
          return -1;
        }
        return r.b;
      }
      r = call_dunder(t, v, t.names().__len__, nullptr, 0, found);
      if (found) {
        if (r.is_null()) return -1;
        int64_t n;
        bool ok = to_int64(t, r, n);
        decref<P>(r);
        return ok ? n != 0 : -1;
      }
      return 1;
    }
    case Kind::DictView: return static_cast<DictViewObject*>(v.o)->dict->table.used != 0;
    default: return 1;
  }
}

// ---------------------------------------------------------------- hashing

inline int64_t hash_pointer(const void* p) {
  uint64_t x = reinterpret_cast<uintptr_t>(p);
  x = (x >> 4) | (x << 60);
  int64_t h = static_cast<int64_t>(x);
  return h == -1 ? -2 : h;
}

template <LockPolicy P>
bool hash(Thread<P>& t, const Value& v, int64_t& out) {
  switch (v.tag) {
    case Tag::Null:
    case Tag::None: out = 0xFCA86420; return true;
    case Tag::Bool: out = v.b; return true;
    case Tag::Int: out = hash_int64(v.i); return true;
    case Tag::Float: out = hash_double(v.f); return true;
    case Tag::Obj: break;
  }
  Object* o = v.o;
  switch (o->kind) {
    case Kind::Str: out = str_hash(static_cast<StrObject*>(o)); return true;
    case Kind::Bytes: {
      auto* b = static_cast<BytesObject*>(o);
      out = cached_hash(b->hash);
      if (out == -1) cache_hash(b->hash, out = hash_bytes(b->view()));
      return true;
    }
    case Kind::BigInt: out = hash_bigint(as_bigint(v)->value); return true;
    case Kind::Tuple: {
      TupleObject* tup = as_tuple(v);
      if ((out = cached_hash(tup->hash)) != -1) return true;
      // CPython's tuple hash (xxHash-style lanes).
      uint64_t acc = 2870177450012600261ull;
      for (uint64_t i = 0; i < tup->size; ++i) {
        int64_t h;
        if (!hash(t, tup->items[i], h)) return false;
        acc += static_cast<uint64_t>(h) * 14029467366897019727ull;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ull;
      }
      acc += tup->size ^ (2870177450012600261ull ^ 3527539ull);
      int64_t r = static_cast<int64_t>(acc);
      if (r == -1) r = 1546275796;
      cache_hash(tup->hash, r);
      out = r;
      return true;
    }
    case Kind::FrozenSet: {
      auto* s = as_set(v);
      if ((out = cached_hash(s->hash)) != -1) return true;
      uint64_t h = 0;
      for (const HashEntry& e : s->table.entries)
        if (!e.key.is_null()) {
          uint64_t x = static_cast<uint64_t>(e.hash);
          h ^= ((x ^ 89869747ull) ^ (x << 16)) * 3644798167ull;
        }
      h ^= (s->table.used + 1) * 1927868237ull;
      h = h * 69069u + 907133923u;
      int64_t r = static_cast<int64_t>(h);
      if (r == -1) r = 590923713;
      cache_hash(s->hash, r);
      out = r;
      return true;
    }
    case Kind::List:
    case Kind::Dict:
    case Kind::Set:
    case Kind::Slice:
    case Kind::DictView:
      raisef(t, t.types().TypeError, "unhashable type: '", type_name(t, v), "'");
      return false;
    case Kind::Instance:
    case Kind::Exception: {
      Value m = type_lookup<P>(o->type, t.names().__hash__);
      if (m.is_none()) {
        raisef(t, t.types().TypeError, "unhashable type: '", type_name(t, v), "'");
        return false;
      }
      if (!m.is_null() && !is_kind(m, Kind::Native)) {
        Value r = call(t, m, &v, 1);
        if (r.is_null()) return false;
        if (!is_integer_value(r)) {
          decref<P>(r);
          raise(t, t.types().TypeError, "__hash__ method should return an integer");
          return false;
        }
        bool ok = hash(t, r, out);
        decref<P>(r);
        return ok;
      }
      out = hash_pointer(o);
      return true;
    }
    default: out = hash_pointer(o); return true;
  }
}

// ---------------------------------------------------------------- comparison

inline int reflected_op(int op) {
  static constexpr int r[] = {0, 1, 4, 5, 2, 3};
  return r[op];
}
inline const char* op_symbol(int op) {
  static constexpr const char* s[] = {"==", "!=", "<", "<=", ">", ">="};
  return s[op];
}
inline bool cmp_result(int c, int op) {
  switch (op) {
    case 0: return c == 0;
    case 1: return c != 0;
    case 2: return c < 0;
    case 3: return c <= 0;
    case 4: return c > 0;
    default: return c >= 0;
  }
}

template <LockPolicy P>
StrObject* rich_name(Thread<P>& t, int op) {
  InternedNames& n = t.names();
  StrObject* names[] = {n.__eq__, n.__ne__, n.__lt__, n.__le__, n.__gt__, n.__ge__};
  return names[op];
}

// Lexicographic comparison of two arrays (list/tuple). Items that are both
// ints or both strs (the usual sort keys: (count, name), (x % 50, x)) are
// ordered here; others go through equal() and compare() as in CPython.
template <LockPolicy P>
Value compare_sequences(Thread<P>& t, const Value* a, size_t na, const Value* b, size_t nb, int op) {
  size_t n = na < nb ? na : nb;
  for (size_t i = 0; i < n; ++i) {
    const Value &x = a[i], &y = b[i];
    int c;
    if (x.tag == Tag::Int && y.tag == Tag::Int) {
      if (x.i == y.i) continue;
      c = x.i < y.i ? -1 : 1;
    } else if (is_str(x) && is_str(y)) {
      if (x.o == y.o) continue;
      c = as_str(x)->view().compare(as_str(y)->view());
      if (c == 0) continue;
    } else {
      int eq = equal(t, x, y);
      if (eq < 0) return Value();
      if (eq) continue;
      if (op <= 1) return Value::boolean(op == 1);
      return compare(t, x, y, op);
    }
    return Value::boolean(cmp_result(c, op));
  }
  int c = (na > nb) - (na < nb);
  return Value::boolean(cmp_result(c, op));
}

// Built-in comparison; Null without exception = NotImplemented.
template <LockPolicy P>
Value compare_builtin(Thread<P>& t, const Value& a, const Value& b, int op) {
  if (is_number(a) && is_number(b)) {
    int c = number_cmp(a, b);
    if (c == 2) return Value::boolean(op == 1);
    return Value::boolean(cmp_result(c, op));
  }
  if (a.tag != Tag::Obj || b.tag != Tag::Obj) {
    if (a.tag == Tag::None && b.tag == Tag::None && op <= 1) return Value::boolean(op == 0);
    return Value();
  }
  Kind ka = a.o->kind, kb = b.o->kind;
  if (ka == Kind::Str && kb == Kind::Str) {
    StrObject *x = as_str(a), *y = as_str(b);
    if (op <= 1) return Value::boolean(ht::str_eq(x, y) == (op == 0));
    int c = x->view().compare(y->view());
    return Value::boolean(cmp_result((c > 0) - (c < 0), op));
  }
  if (ka == Kind::Bytes && kb == Kind::Bytes) {
    int c = static_cast<BytesObject*>(a.o)->view().compare(static_cast<BytesObject*>(b.o)->view());
    return Value::boolean(cmp_result((c > 0) - (c < 0), op));
  }
  if (ka == Kind::Tuple && kb == Kind::Tuple) {
    TupleObject *x = as_tuple(a), *y = as_tuple(b);
    if (op <= 1 && x->size != y->size) return Value::boolean(op == 1);
    return compare_sequences(t, x->items, x->size, y->items, y->size, op);
  }
  if (ka == Kind::List && kb == Kind::List) {
    // Copy the items: user __eq__ may mutate the lists while we compare.
    std::vector<Value> x, y;
    {
      ObjectGuard<P> g(a.o);
      for (const Value& v : as_list(a)->items) x.push_back(share<P>(v));
    }
    {
      ObjectGuard<P> g(b.o);
      for (const Value& v : as_list(b)->items) y.push_back(share<P>(v));
    }
    Value r = (op <= 1 && x.size() != y.size()) ? Value::boolean(op == 1)
                                                 : compare_sequences(t, x.data(), x.size(), y.data(), y.size(), op);
    for (Value& v : x) decref<P>(v);
    for (Value& v : y) decref<P>(v);
    return r;
  }
  if (ka == Kind::Dict && kb == Kind::Dict && op <= 1) {
    DictObject *x = as_dict(a), *y = as_dict(b);
    TableSnapshot<P> xs(x, x->table);
    if (xs.entries.size() != locked_size<P>(y)) return Value::boolean(op == 1);
    for (const HashEntry& e : xs.entries) {
      Value other = dict_get_ref(t, y, e.key);
      if (other.is_null()) {
        if (t.exc.is_null()) return Value::boolean(op == 1);
        return Value();
      }
      Ref<P> o(other);
      int eq = equal(t, e.value, *o);
      if (eq < 0) return Value();
      if (!eq) return Value::boolean(op == 1);
    }
    return Value::boolean(op == 0);
  }
  bool sa = ka == Kind::Set || ka == Kind::FrozenSet, sb = kb == Kind::Set || kb == Kind::FrozenSet;
  // dict_keys and dict_items compare like sets (with sets and with each other).
  bool va = ka == Kind::DictView && a.o->aux16 != 1, vb = kb == Kind::DictView && b.o->aux16 != 1;
  if ((va || vb) && (va || sa) && (vb || sb) && !(va && vb && op <= 1 && a.o->aux16 == 0 && b.o->aux16 == 0)) {
    auto as_set_value = [&](const Value& v) -> Value {
      if (!is_kind(v, Kind::DictView)) return share<P>(v);
      Value s = new_set(t);
      Value it = get_iter(t, v);
      if (it.is_null()) { decref<P>(s); return Value(); }
      for (;;) {
        Value x = iter_next(t, it);
        if (x.is_null()) break;
        int r = set_add(t, as_set(s), x);
        decref<P>(x);
        if (r < 0) break;
      }
      decref<P>(it);
      if (!t.exc.is_null()) { decref<P>(s); return Value(); }
      return s;
    };
    Ref<P> x(as_set_value(a));
    if (x.is_null()) return Value();
    Ref<P> y(as_set_value(b));
    if (y.is_null()) return Value();
    return compare_builtin(t, *x, *y, op);
  }
  if (sa && sb) {
    SetObject *x = as_set(a), *y = as_set(b);
    auto subset = [&](SetObject* p, SetObject* q) -> int {  // p <= q
      TableSnapshot<P> ps(p, p->table);
      if (ps.entries.size() > locked_size<P>(q)) return 0;
      for (const HashEntry& e : ps.entries) {
        int r = set_contains(t, q, e.key);
        if (r <= 0) return r;
      }
      return 1;
    };
    size_t nx = locked_size<P>(x), ny = locked_size<P>(y);
    int r;
    switch (op) {
      case 0: case 1: r = nx == ny ? subset(x, y) : 0; if (r >= 0 && op == 1) r = !r; break;
      case 2: r = nx < ny ? subset(x, y) : 0; break;
      case 3: r = subset(x, y); break;
      case 4: r = nx > ny ? subset(y, x) : 0; break;
      default: r = subset(y, x); break;
    }
    if (r < 0) return Value();
    return Value::boolean(r);
  }
  if (ka == Kind::Range && kb == Kind::Range && op <= 1) {
    auto *x = static_cast<RangeObject*>(a.o), *y = static_cast<RangeObject*>(b.o);
    bool eq = x->length == y->length &&
              (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
    return Value::boolean(eq == (op == 0));
  }
  if (ka == Kind::DictView && kb == Kind::DictView && op <= 1 && a.o->aux16 == 0 && b.o->aux16 == 0) {
    DictObject *x = static_cast<DictViewObject*>(a.o)->dict, *y = static_cast<DictViewObject*>(b.o)->dict;
    TableSnapshot<P> xs(x, x->table);
    if (xs.entries.size() != locked_size<P>(y)) return Value::boolean(op == 1);
    for (const HashEntry& e : xs.entries) {
      Value o = dict_get(t, y, e.key);
      if (o.is_null()) {
        if (!t.exc.is_null()) return Value();
        return Value::boolean(op == 1);
      }
    }
    return Value::boolean(op == 0);
  }
  if (op <= 1 && (ka != Kind::Instance && ka != Kind::Exception) && (kb != Kind::Instance && kb != Kind::Exception))
    return Value::boolean((a.o == b.o) == (op == 0));
  return Value();
}

template <LockPolicy P>
Value compare(Thread<P>& t, const Value& a, const Value& b, int op, bool forward_done) {
  bool ua = has_user_type(a), ub = has_user_type(b);
  if (!ua && !ub) {
    Value r = compare_builtin(t, a, b, op);
    if (!r.is_null() || !t.exc.is_null()) return r;
  } else {
    // The reflected method of a subclass of a's type goes first.
    bool b_first = proper_subclass_operand<P>(b, type_of(t, a));
    for (int pass = 0; pass < 2; ++pass) {
      bool use_b = (pass == 0) == b_first;
      const Value& self = use_b ? b : a;
      const Value& other = use_b ? a : b;
      if (!has_user_type(self)) continue;
      if (!use_b && forward_done) continue;  // the eval loop ran a's method (inline_compare)
      int o = use_b ? reflected_op(op) : op;
      Value m = type_lookup<P>(self.o->type, rich_name(t, o));
      if (m.is_null() || is_kind(m, Kind::Native)) {
        if (o == 1) {
          // Default __ne__ inverts __eq__.
          Value meq = type_lookup<P>(self.o->type, t.names().__eq__);
          if (!meq.is_null() && !is_kind(meq, Kind::Native)) {
            Value args[2] = {self, other};
            Value r = call(t, meq, args, 2);
            if (r.is_null()) return Value();
            if (!r.identical(t.interp.not_implemented)) {
              int tr = truthy(t, r);
              decref<P>(r);
              if (tr < 0) return Value();
              return Value::boolean(!tr);
            }
            decref<P>(r);
          }
        }
        continue;
      }
      Value args[2] = {self, other};
      Value r = call(t, m, args, 2);
      if (r.is_null()) return Value();
      if (!r.identical(t.interp.not_implemented)) return r;
      decref<P>(r);
    }
    if (!ua || !ub) {
      Value r = compare_builtin(t, a, b, op);
      if (!r.is_null() || !t.exc.is_null()) return r;
    }
  }
  if (op <= 1) return Value::boolean(a.identical(b) == (op == 0));
  return raisef(t, t.types().TypeError, "'", op_symbol(op), "' not supported between instances of '",
                type_name(t, a), "' and '", type_name(t, b), "'");
}

// A comparison's result (a new reference, or Null with an exception) as
// 1, 0 or -1: a rich comparison may return any object.
template <LockPolicy P>
int comparison_truth(Thread<P>& t, Value r) {
  if (r.is_null()) return -1;
  if (r.is_bool()) return r.b;
  int tr = truthy(t, r);
  decref<P>(r);
  return tr;
}

template <LockPolicy P>
int compare_bool(Thread<P>& t, const Value& a, const Value& b, int op) {
  if (is_small_int(a) && is_small_int(b)) return cmp_result((as_int_like(a) > as_int_like(b)) - (as_int_like(a) < as_int_like(b)), op);
  return comparison_truth(t, compare(t, a, b, op));
}

template <LockPolicy P>
int equal(Thread<P>& t, const Value& a, const Value& b) {
  if (a.identical(b)) return 1;
  if (is_str(a) && is_str(b)) return ht::str_eq(as_str(a), as_str(b));
  return compare_bool(t, a, b, 0);
}

// ---------------------------------------------------------------- length, contains

template <LockPolicy P>
int64_t length(Thread<P>& t, const Value& v) {
  if (v.tag == Tag::Obj) {
    switch (v.o->kind) {
      case Kind::Str: return static_cast<int64_t>(as_str(v)->length);
      case Kind::Bytes: return static_cast<int64_t>(static_cast<BytesObject*>(v.o)->size);
      case Kind::Tuple: return static_cast<int64_t>(as_tuple(v)->size);
      case Kind::List:
      case Kind::Dict:
      case Kind::Set:
      case Kind::FrozenSet: return static_cast<int64_t>(locked_size<P>(v.o));
      case Kind::Range: return static_cast<RangeObject*>(v.o)->length;
      case Kind::DictView: return static_cast<int64_t>(locked_size<P>(static_cast<DictViewObject*>(v.o)->dict));
      case Kind::Instance:
      case Kind::Exception: {
        bool found;
        Value r = call_dunder(t, v, t.names().__len__, nullptr, 0, found);
        if (!found) break;
        if (r.is_null()) return -1;
        int64_t n;
        if (!is_integer_value(r)) {
          raisef(t, t.types().TypeError, "'", type_name(t, r), "' object cannot be interpreted as an integer");
          decref<P>(r);
          return -1;
        }
        bool ok = to_int64(t, r, n);
        decref<P>(r);
        if (!ok) return -1;
        if (n < 0) {
          raise(t, t.types().ValueError, "__len__() should return >= 0");
          return -1;
        }
        return n;
      }
      default: break;
    }
  }
  raisef(t, t.types().TypeError, "object of type '", type_name(t, v), "' has no len()");
  return -1;
}

template <LockPolicy P>
int contains(Thread<P>& t, const Value& c, const Value& item) {
  if (c.tag == Tag::Obj) {
    switch (c.o->kind) {
      case Kind::Str: {
        if (!is_str(item)) {
          raisef(t, t.types().TypeError, "'in <string>' requires string as left operand, not ", type_name(t, item));
          return -1;
        }
        return as_str(c)->view().find(as_str(item)->view()) != std::string_view::npos;
      }
      case Kind::Bytes: {
        if (is_kind(item, Kind::Bytes))
          return static_cast<BytesObject*>(c.o)->view().find(static_cast<BytesObject*>(item.o)->view()) != std::string_view::npos;
        int64_t byte;
        if (!to_int64(t, item, byte)) return -1;
        return static_cast<BytesObject*>(c.o)->view().find(static_cast<char>(byte)) != std::string_view::npos;
      }
      case Kind::Tuple: {
        TupleObject* tup = as_tuple(c);
        for (uint64_t i = 0; i < tup->size; ++i) {
          int r = equal(t, tup->items[i], item);
          if (r) return r;
        }
        return 0;
      }
      case Kind::List: {
        ListObject* l = as_list(c);
        for (size_t i = 0;; ++i) {
          Ref<P> v;
          {
            ObjectGuard<P> g(l);
            if (i >= l->items.size()) break;
            v = Ref<P>::borrow(l->items[i]);
          }
          int r = equal(t, *v, item);
          if (r) return r;
        }
        return 0;
      }
      case Kind::Dict: {
        Value v = dict_get(t, as_dict(c), item);
        if (!v.is_null()) return 1;
        return t.exc.is_null() ? 0 : -1;
      }
      case Kind::Set:
      case Kind::FrozenSet: return set_contains(t, as_set(c), item);
      case Kind::Range: {
        auto* r = static_cast<RangeObject*>(c.o);
        if (!is_small_int(item)) {
          if (item.tag == Tag::Float && item.f == std::floor(item.f) && std::abs(item.f) < 9e18)
            return contains(t, c, Value::integer(static_cast<int64_t>(item.f)));
          return 0;
        }
        int64_t x = as_int_like(item);
        if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return 0;
        return (x - r->start) % r->step == 0;
      }
      case Kind::DictView: {
        auto* dv = static_cast<DictViewObject*>(c.o);
        if (dv->aux16 == 0) {
          Value v = dict_get(t, dv->dict, item);
          if (!v.is_null()) return 1;
          return t.exc.is_null() ? 0 : -1;
        }
        // values/items: compare against a copy taken under the dict's lock,
        // so that another thread's insert cannot break the walk (the
        // comparisons may run Python code, which must not hold the lock).
        std::vector<Value> snapshot;
        {
          ObjectGuard<P> g(dv->dict);
          for (const HashEntry& e : dv->dict->table.entries) {
            if (e.key.is_null()) continue;
            if (dv->aux16 == 1) {
              snapshot.push_back(share<P>(e.value));
            } else {
              Value kv[2] = {e.key, e.value};
              snapshot.push_back(new_tuple(t, kv, 2));
            }
          }
        }
        int r = 0;
        for (Value& x : snapshot) {
          if (r == 0) r = equal(t, x, item);
          decref<P>(x);
        }
        return r;
      }
      case Kind::Instance:
      case Kind::Exception: {
        bool found;
        Value r = call_dunder(t, c, t.names().__contains__, &item, 1, found);
        if (found) {
          if (r.is_null()) return -1;
          int tr = truthy(t, r);
          decref<P>(r);
          return tr;
        }
        break;
      }
      default: break;
    }
  }
  Value it = get_iter(t, c);
  if (it.is_null()) {
    if (exception_matches(t, t.types().TypeError)) {
      clear_exception(t);
      raisef(t, t.types().TypeError, "argument of type '", type_name(t, c), "' is not iterable");
    }
    return -1;
  }
  Ref<P> iter(it);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? 0 : -1;
    int r = equal(t, x, item);
    decref<P>(x);
    if (r) return r;
  }
}

// ---------------------------------------------------------------- iteration

template <LockPolicy P>
Value get_iter(Thread<P>& t, const Value& v) {
  if (v.tag == Tag::Obj) {
    switch (v.o->kind) {
      case Kind::List:
      case Kind::Tuple:
      case Kind::Str:
      case Kind::Bytes: return new_iterator(t, IterKind::Seq, v);
      case Kind::Range: {
        auto* r = static_cast<RangeObject*>(v.o);
        return new_iterator(t, IterKind::Range, Value(), Value(), r->start, r->length, r->step);
      }
      case Kind::Dict: return new_iterator(t, IterKind::DictKeys, v, Value(), 0, as_dict(v)->table.used);
      case Kind::DictView: {
        auto* dv = static_cast<DictViewObject*>(v.o);
        IterKind k = dv->aux16 == 0 ? IterKind::DictKeys : dv->aux16 == 1 ? IterKind::DictValues : IterKind::DictItems;
        return new_iterator(t, k, Value::object(dv->dict), Value(), 0, dv->dict->table.used);
      }
      case Kind::Set:
      case Kind::FrozenSet: return new_iterator(t, IterKind::SetItems, v, Value(), 0, as_set(v)->table.used);
      case Kind::Iterator:
      case Kind::Generator: return share<P>(v);
      case Kind::Instance:
      case Kind::Exception: {
        bool found;
        Value r = call_dunder(t, v, t.names().__iter__, nullptr, 0, found);
        if (found) {
          if (r.is_null()) return r;
          Value nx = type_lookup<P>(type_of(t, r), t.names().__next__);
          if (nx.is_null() && !is_kind(r, Kind::Iterator) && !is_kind(r, Kind::Generator)) {
            std::string tn(type_name(t, r));
            decref<P>(r);
            return raisef(t, t.types().TypeError, "iter() returned non-iterator of type '", tn, "'");
          }
          return r;
        }
        // The old sequence protocol: __getitem__ with 0, 1, 2... until IndexError.
        Value gi = type_lookup<P>(v.o->type, t.names().__getitem__);
        if (!gi.is_null()) return new_iterator(t, IterKind::Seq, v, Value::boolean(true));
        break;
      }
      default: break;
    }
  }
  return raisef(t, t.types().TypeError, "'", type_name(t, v), "' object is not iterable");
}

template <LockPolicy P>
Value iter_next(Thread<P>& t, const Value& itv) {
  if (is_kind(itv, Kind::Generator)) {
    Value r = gen_resume(t, static_cast<GeneratorObject*>(itv.o), Value::none(), Value());
    return r;
  }
  if (!is_kind(itv, Kind::Iterator)) {
    bool found;
    Value r = call_dunder(t, itv, t.names().__next__, nullptr, 0, found);
    if (!found) return raisef(t, t.types().TypeError, "'", type_name(t, itv), "' object is not an iterator");
    if (r.is_null() && exception_matches(t, t.types().StopIteration)) clear_exception(t);
    return r;
  }
  auto* it = static_cast<IteratorObject*>(itv.o);
  switch (static_cast<IterKind>(it->aux16)) {
    case IterKind::Seq: {
      const Value& s = it->seq;
      if (s.is_null()) return Value();
      int64_t i = it->index;
      switch (s.o->kind) {
        case Kind::List: {
          Value v = list_iter_next<P>(it, as_list(s));
          if (!v.is_null()) return v;
          break;
        }
        case Kind::Tuple: {
          TupleObject* tup = as_tuple(s);
          if (i < static_cast<int64_t>(tup->size)) { it->index++; return share<P>(tup->items[i]); }
          break;
        }
        case Kind::Str: {
          StrObject* str = as_str(s);
          // index is a byte offset here: walking UTF-8 forward is O(1) per step.
          if (i < static_cast<int64_t>(str->size)) {
            unsigned char c = static_cast<unsigned char>(str->data[i]);
            if (c < 0x80) {  // one ASCII character: a shared string, no decoding or allocation
              it->index = i + 1;
              return share<P>(Value::object(t.interp.single_chars[c]));
            }
            size_t b = static_cast<size_t>(i);
            unicode::decode(str->view(), b);
            it->index = static_cast<int64_t>(b);
            return new_str(t, str->view().substr(i, b - i));
          }
          break;
        }
        case Kind::Bytes: {
          auto* b = static_cast<BytesObject*>(s.o);
          if (i < static_cast<int64_t>(b->size)) { it->index++; return Value::integer(static_cast<unsigned char>(b->data[i])); }
          break;
        }
        default: {  // __getitem__ protocol
          Value r = getitem(t, s, Value::integer(i));
          if (r.is_null()) {
            if (exception_matches(t, t.types().IndexError) || exception_matches(t, t.types().StopIteration))
              clear_exception(t);
            else return r;
            break;
          }
          it->index++;
          return r;
        }
      }
      decref<P>(it->seq);  // exhausted iterators drop their sequence, as CPython's do
      it->seq = Value();
      return Value();
    }
    case IterKind::Range: return range_iter_next(it);
    case IterKind::DictKeys:
    case IterKind::DictValues:
    case IterKind::DictItems:
    case IterKind::SetItems: {
      if (it->seq.is_null()) return Value();
      {
        ObjectGuard<P> g(it->seq.o);  // another thread may be changing the table
        HashTable& tab = it->aux16 == static_cast<uint16_t>(IterKind::SetItems) ? as_set(it->seq)->table
                                                                               : as_dict(it->seq)->table;
        if (static_cast<int64_t>(tab.used) != it->n1) {
          it->n1 = -1;  // stay broken, as CPython's iterator does
          return raise(t, t.types().RuntimeError,
                       it->aux16 == static_cast<uint16_t>(IterKind::SetItems) ? "Set changed size during iteration"
                                                                              : "dictionary changed size during iteration");
        }
        while (it->index < static_cast<int64_t>(tab.entries.size())) {
          HashEntry& e = tab.entries[it->index++];
          if (e.key.is_null()) continue;
          switch (static_cast<IterKind>(it->aux16)) {
            case IterKind::DictValues: return share<P>(e.value);
            case IterKind::DictItems: {
              Value kv[2] = {e.key, e.value};
              return new_tuple(t, kv, 2);
            }
            default: return share<P>(e.key);
          }
        }
      }
      decref<P>(std::exchange(it->seq, Value()));
      return Value();
    }
    case IterKind::Enumerate: {
      Value x = iter_next(t, it->seq);
      if (x.is_null()) return x;
      Value pair[2] = {Value::integer(it->index++), x};
      if (it->index == std::numeric_limits<int64_t>::min()) return raise(t, t.types().OverflowError, "enumerate overflow");
      Value r = new_tuple(t, pair, 2);
      decref<P>(x);
      return r;
    }
    case IterKind::Zip: {
      if (it->seq.is_null()) return Value();
      TupleObject* its = as_tuple(it->seq);
      if (its->size == 0) return Value();
      TupleObject* r = alloc_tuple(t, its->size);
      for (uint64_t k = 0; k < its->size; ++k) {
        Value x = iter_next(t, its->items[k]);
        if (x.is_null()) {
          decref<P>(Value::object(r));
          return Value();
        }
        r->items[k] = x;
      }
      return Value::object(r);
    }
    case IterKind::Map: {
      TupleObject* its = as_tuple(it->seq);
      std::vector<Value> args;
      for (uint64_t k = 0; k < its->size; ++k) {
        Value x = iter_next(t, its->items[k]);
        if (x.is_null()) {
          for (Value& a : args) decref<P>(a);
          return Value();
        }
        args.push_back(x);
      }
      Value r = call(t, it->aux, args.data(), args.size());
      for (Value& a : args) decref<P>(a);
      return r;
    }
    case IterKind::Filter:
      for (;;) {
        Value x = iter_next(t, it->seq);
        if (x.is_null()) return x;
        int keep;
        if (it->aux.is_none()) {
          keep = truthy(t, x);
        } else {
          Value r = call(t, it->aux, &x, 1);
          if (r.is_null()) { decref<P>(x); return r; }
          keep = truthy(t, r);
          decref<P>(r);
        }
        if (keep < 0) { decref<P>(x); return Value(); }
        if (keep) return x;
        decref<P>(x);
      }
    case IterKind::Reversed: {
      if (it->index < 0 || it->seq.is_null()) return Value();
      const Value& s = it->seq;
      int64_t i = it->index--;
      if (is_kind(s, Kind::List)) {
        ListObject* l = as_list(s);
        ObjectGuard<P> g(l);
        if (i < static_cast<int64_t>(l->items.size())) return share<P>(l->items[i]);
        return Value();
      }
      return getitem(t, s, Value::integer(i));
    }
    case IterKind::Callable: {
      Value r = call(t, it->aux, nullptr, 0);
      if (r.is_null()) return r;
      int eq = equal(t, r, it->seq);
      if (eq != 0) {
        decref<P>(r);
        return Value();
      }
      return r;
    }
  }
  return Value();
}

template <LockPolicy P>
Value to_list(Thread<P>& t, const Value& v) {
  if (is_kind(v, Kind::List)) {
    ObjectGuard<P> g(v.o);
    return new_list(t, as_list(v)->items.data(), as_list(v)->items.size());
  }
  if (is_kind(v, Kind::Tuple)) return new_list(t, as_tuple(v)->items, as_tuple(v)->size);
  if (is_kind(v, Kind::Dict) || is_kind(v, Kind::Set) || is_kind(v, Kind::FrozenSet)) {
    // The keys in one go, under the lock: as atomic as under CPython's GIL.
    Ref<P> l(new_list(t));
    ObjectGuard<P> g(v.o);
    const HashTable& tab = is_kind(v, Kind::Dict) ? as_dict(v)->table : as_set(v)->table;
    auto& items = as_list(*l)->items;
    items.reserve(tab.used);
    for (const HashEntry& e : tab.entries)
      if (!e.key.is_null()) items.push_back(share<P>(e.key));
    return l.release();
  }
  Value it = get_iter(t, v);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  Ref<P> l(new_list(t));
  auto& items = as_list(*l)->items;
  if (is_kind(v, Kind::Range)) items.reserve(static_cast<RangeObject*>(v.o)->length);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? l.release() : Value();
    items.push_back(x);
  }
}

template <LockPolicy P>
Value to_tuple(Thread<P>& t, const Value& v) {
  if (is_kind(v, Kind::Tuple)) return share<P>(v);
  Value l = to_list(t, v);
  if (l.is_null()) return l;
  auto& items = as_list(l)->items;
  Value r = new_tuple(t, items.data(), items.size());
  decref<P>(l);
  return r;
}

}  // namespace lockvm::rt
