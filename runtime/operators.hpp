// Binary and unary operators and subscripting: numbers first (no dunder
// lookups on the fast path), then built-in sequences and mappings, then user
// classes' __add__/__radd__/__iadd__ with Python's subclass-first rule.
#pragma once

#include <absl/container/inlined_vector.h>

#include "runtime/protocol.hpp"

namespace lockvm::rt {

inline const char* binop_symbol(int op, bool inplace) {
  static constexpr const char* s[] = {"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "|", "^", "&"};
  static constexpr const char* si[] = {"+=", "-=", "*=", "@=", "/=", "//=", "%=", "**=", "<<=", ">>=", "|=", "^=", "&="};
  return inplace ? si[op] : s[op];
}

template <LockPolicy P>
Value repeat_sequence(Thread<P>& t, const Value& seq, int64_t n) {
  if (n < 0) n = 0;
  if (is_str(seq)) {
    StrObject* s = as_str(seq);
    if (n == 1) return share<P>(seq);
    if (s->size && static_cast<uint64_t>(n) > (1ull << 40) / s->size) return raise(t, t.types().MemoryError, "");
    StrObject* r = alloc_str(t, s->size * n);
    for (int64_t i = 0; i < n; ++i) std::memcpy(r->data + i * s->size, s->data, s->size);
    r->length = s->length * n;
    if (s->ascii()) r->flags |= kStrAscii;
    return Value::object(r);
  }
  if (is_kind(seq, Kind::Bytes)) {
    std::string_view b = static_cast<BytesObject*>(seq.o)->view();
    if (n == 1) return share<P>(seq);
    if (b.size() && static_cast<uint64_t>(n) > (1ull << 40) / b.size()) return raise(t, t.types().MemoryError, "");
    std::string r;
    r.reserve(b.size() * n);
    for (int64_t i = 0; i < n; ++i) r += b;
    return new_bytes(t, r);
  }
  const Value* items;
  size_t size;
  std::vector<Value> copy;
  if (is_kind(seq, Kind::List)) {
    ObjectGuard<P> g(seq.o);
    for (const Value& v : as_list(seq)->items) copy.push_back(v);
    items = copy.data();
    size = copy.size();
  } else {
    items = as_tuple(seq)->items;
    size = as_tuple(seq)->size;
  }
  if (size && static_cast<uint64_t>(n) > (1ull << 36) / size) return raise(t, t.types().MemoryError, "");
  if (is_kind(seq, Kind::Tuple)) {
    if (n == 1) return share<P>(seq);
    if (n == 0 || size == 0) return share<P>(t.interp.empty_tuple);
    TupleObject* r = alloc_tuple(t, size * n);
    for (int64_t i = 0; i < n; ++i)
      for (size_t k = 0; k < size; ++k) r->items[i * size + k] = share<P>(items[k]);
    return Value::object(r);
  }
  Value l = new_list(t);
  auto& out = as_list(l)->items;
  out.reserve(size * n);
  for (int64_t i = 0; i < n; ++i)
    for (size_t k = 0; k < size; ++k) out.push_back(share<P>(items[k]));
  return l;
}

template <LockPolicy P>
Value concat_sequences(Thread<P>& t, const Value& a, const Value& b) {
  Kind k = a.o->kind;
  if (k == Kind::Str) return str_concat(t, as_str(a), as_str(b));
  if (k == Kind::Bytes) {
    std::string s(static_cast<BytesObject*>(a.o)->view());
    s += static_cast<BytesObject*>(b.o)->view();
    return new_bytes(t, s);
  }
  if (k == Kind::Tuple) {
    TupleObject *x = as_tuple(a), *y = as_tuple(b);
    if (y->size == 0) return share<P>(a);
    if (x->size == 0) return share<P>(b);
    TupleObject* r = alloc_tuple(t, x->size + y->size);
    for (uint64_t i = 0; i < x->size; ++i) r->items[i] = share<P>(x->items[i]);
    for (uint64_t i = 0; i < y->size; ++i) r->items[x->size + i] = share<P>(y->items[i]);
    return Value::object(r);
  }
  Value l = new_list(t);
  auto& out = as_list(l)->items;
  {
    ObjectGuard<P> g(a.o);
    for (const Value& v : as_list(a)->items) out.push_back(share<P>(v));
  }
  {
    ObjectGuard<P> g(b.o);
    for (const Value& v : as_list(b)->items) out.push_back(share<P>(v));
  }
  return l;
}

// list += iterable (extends in place).
template <LockPolicy P>
int list_extend(Thread<P>& t, ListObject* l, const Value& iterable) {
  if (is_kind(iterable, Kind::List) || is_kind(iterable, Kind::Tuple)) {
    std::vector<Value> items;
    if (is_kind(iterable, Kind::List)) {
      ObjectGuard<P> g(iterable.o);
      for (const Value& v : as_list(iterable)->items) items.push_back(share<P>(v));
    } else {
      for (uint64_t i = 0; i < as_tuple(iterable)->size; ++i) items.push_back(share<P>(as_tuple(iterable)->items[i]));
    }
    ObjectGuard<P> g(l);
    l->items.insert(l->items.end(), items.begin(), items.end());
    return 0;
  }
  Value it = get_iter(t, iterable);
  if (it.is_null()) return -1;
  Ref<P> iter(it);
  if (is_kind(iterable, Kind::Range)) {  // as to_list: one allocation, or MemoryError at once
    ObjectGuard<P> g(l);
    l->items.reserve(l->items.size() + static_cast<size_t>(static_cast<RangeObject*>(iterable.o)->length));
  }
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? 0 : -1;
    ObjectGuard<P> g(l);
    l->items.push_back(x);
  }
}

// The set algebra behind | & - ^ on sets and frozensets.
template <LockPolicy P>
Value set_operation(Thread<P>& t, int op, SetObject* a, SetObject* b, bool frozen) {
  enum { Sub = 1, BitOr = 10, BitXor = 11, BitAnd = 12 };
  Ref<P> result(new_set(t, frozen));
  SetObject* r = as_set(*result);
  auto add_all = [&](SetObject* s, SetObject* filter, bool want_in) -> bool {
    TableSnapshot<P> snap(s, s->table);
    for (const HashEntry& e : snap.entries) {
      if (filter) {
        int in = set_contains(t, filter, e.key);
        if (in < 0) return false;
        if (static_cast<bool>(in) != want_in) continue;
      }
      if (set_add(t, r, e.key) < 0) return false;
    }
    return true;
  };
  bool ok = true;
  switch (op) {
    case BitOr: ok = add_all(a, nullptr, true) && add_all(b, nullptr, true); break;
    case BitAnd: ok = add_all(a, b, true); break;
    case Sub: ok = add_all(a, b, false); break;
    case BitXor: ok = add_all(a, b, false) && add_all(b, a, false); break;
  }
  return ok ? result.release() : Value();
}

// Operators of built-in types; Null without exception = NotImplemented.
template <LockPolicy P>
Value builtin_binop(Thread<P>& t, int op, const Value& a, const Value& b, bool inplace) {
  enum { Add = 0, Sub = 1, Mult = 2, Mod = 6, BitOr = 10, BitXor = 11, BitAnd = 12 };
  if (is_number(a) && is_number(b)) return number_binop(t, op, a, b);
  if (a.tag != Tag::Obj && b.tag != Tag::Obj) return Value();
  Kind ka = a.tag == Tag::Obj ? a.o->kind : Kind::Singleton;
  Kind kb = b.tag == Tag::Obj ? b.o->kind : Kind::Singleton;
  bool seq_a = ka == Kind::Str || ka == Kind::List || ka == Kind::Tuple || ka == Kind::Bytes;
  bool seq_b = kb == Kind::Str || kb == Kind::List || kb == Kind::Tuple || kb == Kind::Bytes;
  switch (op) {
    case Add:
      if (seq_a && ka == kb) {
        if (inplace && ka == Kind::List) {
          if (list_extend(t, as_list(a), b) < 0) return Value();
          return share<P>(a);
        }
        return concat_sequences(t, a, b);
      }
      if (inplace && ka == Kind::List && b.tag == Tag::Obj) {  // list += any iterable
        if (list_extend(t, as_list(a), b) < 0) return Value();
        return share<P>(a);
      }
      if (seq_a && ka != Kind::Bytes && !has_user_type(b)) {
        const char* tn = ka == Kind::Str ? "str" : ka == Kind::List ? "list" : "tuple";
        return raisef(t, t.types().TypeError, "can only concatenate ", tn, " (not \"", type_name(t, b), "\") to ", tn);
      }
      break;
    case Mult:
      if (seq_a && is_integer_value(b)) {
        int64_t n;
        if (!to_int64(t, b, n)) return Value();
        if (inplace && ka == Kind::List) {
          ListObject* l = as_list(a);
          Value rep = repeat_sequence(t, a, n);
          if (rep.is_null()) return rep;
          ValueVector old;
          {
            ObjectGuard<P> g(l);
            old.swap(l->items);
            l->items.swap(as_list(rep)->items);
          }
          decref<P>(rep);
          for (Value& v : old) decref<P>(v);
          return share<P>(a);
        }
        return repeat_sequence(t, a, n);
      }
      if (seq_b && is_integer_value(a)) {
        int64_t n;
        if (!to_int64(t, a, n)) return Value();
        return repeat_sequence(t, b, n);
      }
      if (seq_a && !has_user_type(b))
        return raisef(t, t.types().TypeError, "can't multiply sequence by non-int of type '", type_name(t, b), "'");
      if (seq_b && !has_user_type(a))
        return raisef(t, t.types().TypeError, "can't multiply sequence by non-int of type '", type_name(t, a), "'");
      break;
    case Mod:
      if (ka == Kind::Str) return str_percent(t, as_str(a), b);
      break;
    case BitOr:
    case BitAnd:
    case BitXor:
    case Sub: {
      bool set_a = ka == Kind::Set || ka == Kind::FrozenSet, set_b = kb == Kind::Set || kb == Kind::FrozenSet;
      if (set_a && set_b) {
        Value r = set_operation(t, op, as_set(a), as_set(b), ka == Kind::FrozenSet);
        if (r.is_null() || !inplace || ka != Kind::Set) return r;
        // In place: replace a's contents.
        SetObject* s = as_set(a);
        HashTable fresh = std::move(as_set(r)->table);
        as_set(r)->table = HashTable();
        {
          ObjectGuard<P> g(s);
          std::swap(s->table, fresh);
        }
        decref<P>(r);
        for (HashEntry& e : fresh.entries) decref<P>(e.key);
        return share<P>(a);
      }
      // dict_keys and dict_items behave like sets under these operators.
      bool view_a = ka == Kind::DictView && a.o->aux16 != 1, view_b = kb == Kind::DictView && b.o->aux16 != 1;
      // A view combines with any iterable (dict_keys ^ dict, list & dict_keys).
      bool iter_a = view_a || set_a || ka == Kind::Dict || ka == Kind::List || ka == Kind::Tuple || ka == Kind::Str;
      bool iter_b = view_b || set_b || kb == Kind::Dict || kb == Kind::List || kb == Kind::Tuple || kb == Kind::Str;
      if ((view_a || view_b) && iter_a && iter_b) {
        Ref<P> sa(set_a ? share<P>(a) : Value()), sb(set_b ? share<P>(b) : Value());
        for (auto [src, dst] : {std::pair{&a, &sa}, std::pair{&b, &sb}}) {
          if (!dst->is_null()) continue;
          Ref<P> s(new_set(t));
          Value it = get_iter(t, *src);
          if (it.is_null()) return it;
          Ref<P> iter(it);
          for (;;) {
            Value x = iter_next(t, *iter);
            if (x.is_null()) break;
            int r = set_add(t, as_set(*s), x);
            decref<P>(x);
            if (r < 0) return Value();
          }
          if (!t.exc.is_null()) return Value();
          *dst = s;
        }
        return set_operation(t, op, as_set(*sa), as_set(*sb), false);
      }
      if (op == BitOr && inplace && ka == Kind::Dict && kb != Kind::Dict) {
        Value r = call_method(t, a, intern(t.interp, "update"), &b, 1);
        if (r.is_null()) return r;
        decref<P>(r);
        return share<P>(a);
      }
      if (op == BitOr && ka == Kind::Dict && kb == Kind::Dict) {
        Value target;
        if (inplace) {
          target = share<P>(a);
        } else {
          target = new_dict(t);
          for (size_t i = 0; i < as_dict(a)->table.entries.size(); ++i) {
            HashEntry e = as_dict(a)->table.entries[i];
            if (!e.key.is_null() && dict_set(t, as_dict(target), e.key, e.value) < 0) { decref<P>(target); return Value(); }
          }
        }
        for (size_t i = 0; i < as_dict(b)->table.entries.size(); ++i) {
          HashEntry e = as_dict(b)->table.entries[i];
          if (!e.key.is_null() && dict_set(t, as_dict(target), e.key, e.value) < 0) { decref<P>(target); return Value(); }
        }
        return target;
      }
      break;
    }
    default: break;
  }
  return Value();
}

template <LockPolicy P>
Value binary_op(Thread<P>& t, int op, const Value& a, const Value& b, bool inplace, bool forward_done) {
  if (!has_user_type(a) && !has_user_type(b)) {
    Value r = builtin_binop(t, op, a, b, inplace);
    if (!r.is_null() || !t.exc.is_null()) return r;
  } else {
    InternedNames& n = t.names();
    if (inplace && has_user_type(a) && !forward_done) {
      Value m = type_lookup<P>(a.o->type, n.binop[op][2]);
      if (!m.is_null()) {
        Value args[2] = {a, b};
        Value r = call(t, m, args, 2);
        if (r.is_null() || !r.identical(t.interp.not_implemented)) return r;
        decref<P>(r);
      }
    }
    TypeObject *ta = type_of(t, a), *tb = type_of(t, b);
    bool b_first = reflected_first<P>(a, b, n.binop[op][1]);
    for (int pass = 0; pass < 2; ++pass) {
      bool use_b = (pass == 0) == b_first;
      const Value& self = use_b ? b : a;
      const Value& other = use_b ? a : b;
      if (use_b && ta == tb) continue;  // no reflected call for the same type
      if (!use_b && forward_done) continue;  // the eval loop ran a.__op__ (inline_binop)
      if (!has_user_type(self)) {
        // A built-in operand: try its own operator (e.g. int + MyNumber falls
        // through to MyNumber.__radd__ only when int cannot do it).
        if (!use_b) {
          Value r = builtin_binop(t, op, a, b, false);
          if (!r.is_null() || !t.exc.is_null()) return r;
        }
        continue;
      }
      Value m = type_lookup<P>(self.o->type, n.binop[op][use_b ? 1 : 0]);
      if (m.is_null()) continue;
      Value args[2] = {self, other};
      Value r = call(t, m, args, 2);
      if (r.is_null() || !r.identical(t.interp.not_implemented)) return r;
      decref<P>(r);
    }
  }
  if (op == 0 && (is_str(a) || is_kind(a, Kind::List) || is_kind(a, Kind::Tuple)) && t.exc.is_null()) {
    const char* tn = is_str(a) ? "str" : is_kind(a, Kind::List) ? "list" : "tuple";
    return raisef(t, t.types().TypeError, "can only concatenate ", tn, " (not \"", type_name(t, b), "\") to ", tn);
  }
  if (op == 7 && !inplace && (a.tag != Tag::Obj || b.tag != Tag::Obj))  // ** with pow() wording
    return raisef(t, t.types().TypeError, "unsupported operand type(s) for ** or pow(): '", type_name(t, a),
                  "' and '", type_name(t, b), "'");
  return raisef(t, t.types().TypeError, "unsupported operand type(s) for ", binop_symbol(op, inplace), ": '",
                type_name(t, a), "' and '", type_name(t, b), "'");
}

template <LockPolicy P>
Value unary_op(Thread<P>& t, int op, const Value& v) {
  // op: 0 -, 1 +, 3 ~ (2, `not`, never reaches here)
  switch (v.tag) {
    case Tag::Int:
    case Tag::Bool: {
      int64_t x = as_int_like(v);
      if (op == 0) {
        if (x == std::numeric_limits<int64_t>::min()) return new_bigint(t, -BigInt(x));
        return Value::integer(-x);
      }
      if (op == 1) return Value::integer(x);
      return Value::integer(~x);
    }
    case Tag::Float:
      if (op == 0) return Value::number(-v.f);
      if (op == 1) return v;
      break;
    default: break;
  }
  if (is_kind(v, Kind::BigInt)) {
    const BigInt& x = as_bigint(v)->value;
    if (op == 0) return new_bigint(t, -x);
    if (op == 1) return share<P>(v);
    return new_bigint(t, -x - 1);
  }
  if (has_user_type(v)) {
    InternedNames& n = t.names();
    StrObject* name = op == 0 ? n.__neg__ : op == 1 ? n.__pos__ : n.__invert__;
    bool found;
    Value r = call_dunder(t, v, name, nullptr, 0, found);
    if (found) return r;
  }
  static constexpr const char* sym[] = {"-", "+", "not", "~"};
  return raisef(t, t.types().TypeError, "bad operand type for unary ", sym[op], ": '", type_name(t, v), "'");
}

// ---------------------------------------------------------------- subscripts

template <LockPolicy P>
Value getitem(Thread<P>& t, const Value& obj, const Value& key) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->kind) {
      case Kind::List: {
        ListObject* l = as_list(obj);
        if (is_small_int(key)) {
          Value v = list_item<P>(l, as_int_like(key));
          return v.is_null() ? raise(t, t.types().IndexError, "list index out of range") : v;
        }
        if (is_kind(key, Kind::Slice)) return list_slice(t, l, SliceBounds::of(static_cast<SliceObject*>(key.o)));
        int64_t i;
        ObjectGuard<P> g(l);
        if (!seq_index(t, key, l->items.size(), i, "list")) return Value();
        return share<P>(l->items[i]);
      }
      case Kind::Tuple: {
        TupleObject* tup = as_tuple(obj);
        if (is_kind(key, Kind::Slice)) return tuple_slice(t, obj, SliceBounds::of(static_cast<SliceObject*>(key.o)));
        int64_t i;
        if (!seq_index(t, key, tup->size, i, "tuple")) return Value();
        return share<P>(tup->items[i]);
      }
      case Kind::Str:
        return str_getitem(t, as_str(obj), key);
      case Kind::Bytes: {
        auto* b = static_cast<BytesObject*>(obj.o);
        if (is_kind(key, Kind::Slice)) {
          int64_t start, stop, step, n;
          if (!slice_indices(t, static_cast<SliceObject*>(key.o), b->size, start, stop, step, n)) return Value();
          std::string out;
          for (int64_t k = 0, i = start; k < n; ++k, i += step) out += b->data[i];
          return new_bytes(t, out);
        }
        int64_t i;
        if (!seq_index(t, key, b->size, i, "index")) return Value();
        return Value::integer(static_cast<unsigned char>(b->data[i]));
      }
      case Kind::Range:
        return range_getitem(t, static_cast<RangeObject*>(obj.o), key);
      case Kind::Dict: {
        Value v = dict_get_ref(t, as_dict(obj), key);
        if (!v.is_null()) return v;
        if (!t.exc.is_null()) return Value();
        Value args = new_tuple(t, &key, 1);
        Value e = new_exception(t, t.types().KeyError, args);
        decref<P>(args);
        set_pending(t, e);
        return Value();
      }
      case Kind::Instance:
      case Kind::Exception: {
        bool found;
        Value r = call_dunder(t, obj, t.names().__getitem__, &key, 1, found);
        if (found) return r;
        break;
      }
      case Kind::Type: {
        // Class subscription (list[int]) is typing-only: give back the class.
        Value m = type_lookup<P>(as_type(obj), intern(t.interp, "__class_getitem__"));
        if (!m.is_null()) {
          Value args[2] = {obj, key};
          return call(t, m, args, 2);
        }
        if (as_type(obj)->builtin) return share<P>(obj);
        return raisef(t, t.types().TypeError, "type '", as_type(obj)->name->view(), "' is not subscriptable");
      }
      default: break;
    }
  }
  return raisef(t, t.types().TypeError, "'", type_name(t, obj), "' object is not subscriptable");
}

// l[a:b:c] = src, where src is a list of the slice's size that only the
// caller's reference keeps alive (the `perm[k::-1]` of fannkuch's
// `perm[:k + 1] = perm[k::-1]`): the items of l and src trade places, so the
// replaced items die with src, and no reference count changes. src needs no
// lock: no other thread can reach it. Returns 1, having changed nothing,
// when the sizes differ (list_set_slice's general path then runs), else 0,
// or -1 with the exception of bad slice bounds.
template <LockPolicy P>
int list_swap_slice(Thread<P>& t, ListObject* l, const SliceBounds& b, ListObject* src) {
  ObjectGuard<P> g(l);
  int64_t start, stop, step, n;
  if (!slice_indices(t, b, static_cast<int64_t>(l->items.size()), start, stop, step, n)) return -1;
  if (n != static_cast<int64_t>(src->items.size())) return 1;
  Value* dst = l->items.data();
  Value* from = src->items.data();
  for (int64_t k = 0, i = start; k < n; ++k, i += step) std::swap(dst[i], from[k]);
  return 0;
}

// list[slice] = iterable
// l[a:b:c] = v, or del l[a:b:c] when v is Null. The new items are taken first
// as owned references (a list read under its own lock, so `a[:] = a` and a
// list another thread changes are both snapshots); then l changes under its
// lock; the references it gave up are dropped after unlocking, where a
// __del__ they run cannot deadlock on l. Small slices need no heap: the
// pancake flips of fannkuch assign a dozen items at a time.
template <LockPolicy P>
int list_set_slice(Thread<P>& t, ListObject* l, const SliceBounds& b, const Value& v) {
  using Items = absl::InlinedVector<Value, 16>;
  Items items;
  auto drop_all = [](Items& xs) {
    for (Value& x : xs) decref<P>(x);
  };
  if (!v.is_null()) {
    if (is_kind(v, Kind::List)) {
      ObjectGuard<P> g(v.o);
      items.assign(as_list(v)->items.begin(), as_list(v)->items.end());
      for (Value& x : items) incref<P>(x);
    } else if (is_kind(v, Kind::Tuple)) {
      TupleObject* tp = as_tuple(v);
      items.assign(tp->items, tp->items + tp->size);
      for (Value& x : items) incref<P>(x);
    } else {
      Value it = get_iter(t, v);
      if (it.is_null()) {
        if (exception_matches(t, t.types().TypeError)) {
          clear_exception(t);
          bool simple = b.step.is_none() || b.step.is_null() || (b.step.tag == Tag::Int && b.step.i == 1);
          raise(t, t.types().TypeError, simple ? "can only assign an iterable" : "must assign iterable to extended slice");
        }
        return -1;
      }
      Value seq = to_list(t, it);
      decref<P>(it);
      if (seq.is_null()) return -1;
      ListObject* sl = as_list(seq);
      items.assign(sl->items.begin(), sl->items.end());  // the references move out of the private list
      sl->items.clear();
      decref<P>(seq);
    }
  }
  Items removed;
  bool failed = false;
  int64_t extended_n = -1;  // an extended slice whose size differs from the items'
  {
    ObjectGuard<P> g(l);
    int64_t start, stop, step, n;
    auto& dst = l->items;
    if (!slice_indices(t, b, static_cast<int64_t>(dst.size()), start, stop, step, n)) {
      failed = true;
    } else if (step == 1) {
      if (stop < start) stop = start;
      size_t old_n = static_cast<size_t>(stop - start), new_n = items.size();
      removed.assign(dst.begin() + start, dst.begin() + stop);
      if (new_n == old_n) {
        std::copy(items.begin(), items.end(), dst.begin() + start);
      } else {
        dst.erase(dst.begin() + start, dst.begin() + stop);
        dst.insert(dst.begin() + start, items.begin(), items.end());
      }
      items.clear();  // the references moved into l
    } else if (v.is_null()) {  // del l[a:b:c]
      std::vector<bool> dropped(dst.size());
      for (int64_t k = 0, i = start; k < n; ++k, i += step) dropped[i] = true;
      ValueVector kept;
      kept.reserve(dst.size() - n);
      for (size_t i = 0; i < dst.size(); ++i) {
        if (dropped[i]) removed.push_back(dst[i]);
        else kept.push_back(dst[i]);
      }
      dst.swap(kept);
    } else if (static_cast<int64_t>(items.size()) != n) {
      extended_n = n;
    } else {
      for (int64_t k = 0, i = start; k < n; ++k, i += step) {
        removed.push_back(dst[i]);
        dst[i] = items[k];
      }
      items.clear();
    }
  }
  if (extended_n >= 0)
    raisef(t, t.types().ValueError, "attempt to assign sequence of size ", items.size(),
           " to extended slice of size ", extended_n);
  drop_all(items);  // empty unless the assignment failed
  drop_all(removed);
  return failed || extended_n >= 0 ? -1 : 0;
}

// obj[a:b:c] and obj[a:b:c] = v without a slice object where the container
// is a list, tuple or str (BINARY_SLICE / STORE_SLICE); anything else gets
// the slice object its __getitem__ / __setitem__ expects.
template <LockPolicy P>
Value getitem_slice(Thread<P>& t, const Value& obj, const SliceBounds& b) {
  if (obj.tag == Tag::Obj) {
    if (obj.o->kind == Kind::List) return list_slice(t, as_list(obj), b);
    if (obj.o->kind == Kind::Tuple) return tuple_slice(t, obj, b);
    if (obj.o->kind == Kind::Str) return str_slice(t, as_str(obj), b);
  }
  Value key = new_slice(t, b.start, b.stop, b.step);
  Value r = getitem(t, obj, key);
  decref<P>(key);
  return r;
}

// STORE_SLICE's: the caller owns its reference to v (the stack's).
template <LockPolicy P>
int setitem_slice(Thread<P>& t, const Value& obj, const SliceBounds& b, const Value& v) {
  if (is_kind(obj, Kind::List)) {
    if (is_kind(v, Kind::List) && v.o != obj.o && sole_reference<P>(v.o)) {
      int r = list_swap_slice(t, as_list(obj), b, as_list(v));
      if (r <= 0) return r;
    }
    return list_set_slice(t, as_list(obj), b, v);
  }
  Value key = new_slice(t, b.start, b.stop, b.step);
  int r = setitem(t, obj, key, v);
  decref<P>(key);
  return r;
}

template <LockPolicy P>
int setitem(Thread<P>& t, const Value& obj, const Value& key, const Value& v) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->kind) {
      case Kind::List: {
        ListObject* l = as_list(obj);
        if (is_kind(key, Kind::Slice)) return list_set_slice(t, l, SliceBounds::of(static_cast<SliceObject*>(key.o)), v);
        Value old;
        {
          ObjectGuard<P> g(l);
          int64_t i;
          if (!seq_index(t, key, l->items.size(), i, "list")) {
            if (exception_matches(t, t.types().IndexError)) {
              clear_exception(t);
              raise(t, t.types().IndexError, "list assignment index out of range");
            }
            return -1;
          }
          old = l->items[i];
          l->items[i] = share<P>(v);
        }
        decref<P>(old);
        return 0;
      }
      case Kind::Dict:
        return dict_set(t, as_dict(obj), key, v);
      case Kind::Instance:
      case Kind::Exception: {
        bool found;
        Value args[2] = {key, v};
        Value r = call_dunder(t, obj, t.names().__setitem__, args, 2, found);
        if (found) {
          if (r.is_null()) return -1;
          decref<P>(r);
          return 0;
        }
        break;
      }
      default: break;
    }
  }
  raisef(t, t.types().TypeError, "'", type_name(t, obj), "' object does not support item assignment");
  return -1;
}

template <LockPolicy P>
int delitem(Thread<P>& t, const Value& obj, const Value& key) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->kind) {
      case Kind::List: {
        ListObject* l = as_list(obj);
        if (is_kind(key, Kind::Slice)) return list_set_slice(t, l, SliceBounds::of(static_cast<SliceObject*>(key.o)), Value());
        Value old;
        {
          ObjectGuard<P> g(l);
          int64_t i;
          if (!seq_index(t, key, l->items.size(), i, "list")) {
            if (exception_matches(t, t.types().IndexError)) {
              clear_exception(t);
              raise(t, t.types().IndexError, "list assignment index out of range");
            }
            return -1;
          }
          old = l->items[i];
          l->items.erase(l->items.begin() + i);
        }
        decref<P>(old);
        return 0;
      }
      case Kind::Dict: {
        int r = dict_del(t, as_dict(obj), key);
        if (r == 0) {
          Value args = new_tuple(t, &key, 1);
          set_pending(t, new_exception(t, t.types().KeyError, args));
          decref<P>(args);
          return -1;
        }
        return r < 0 ? -1 : 0;
      }
      case Kind::Instance:
      case Kind::Exception: {
        bool found;
        Value r = call_dunder(t, obj, t.names().__delitem__, &key, 1, found);
        if (found) {
          if (r.is_null()) return -1;
          decref<P>(r);
          return 0;
        }
        break;
      }
      default: break;
    }
  }
  raisef(t, t.types().TypeError, "'", type_name(t, obj), "' object doesn't support item deletion");
  return -1;
}

}  // namespace lockvm::rt
