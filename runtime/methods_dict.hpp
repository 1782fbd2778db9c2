// Methods of dict, set and frozenset.
//
//   register_dict_methods<P>(t)   adds them to t.types().dict / .set / .frozenset
//   dict_update_from<P>(t, d, other)
//                                 dict.update(other): a mapping or an
//                                 iterable of pairs (also used by dict())
#pragma once

#include <string>
#include <vector>

#include "runtime/methods_common.hpp"
#include "runtime/methods_list.hpp"

namespace lockvm::rt {

template <LockPolicy P> int dict_update_from(Thread<P>& t, DictObject* d, const Value& other);
template <LockPolicy P> void register_dict_methods(Thread<P>& t);

namespace dictm {

// A copy of a hash table's live entries (keys and values increfed); the
// index is rebuilt from the stored hashes, so no user code runs.
template <LockPolicy P>
void copy_table(const HashTable& from, HashTable& to, bool with_values) {
  to.entries.clear();
  to.entries.reserve(from.used);
  for (const HashEntry& e : from.entries) {
    if (e.key.is_null()) continue;
    to.entries.push_back(HashEntry{share<P>(e.key), with_values ? share<P>(e.value) : Value(), e.hash});
  }
  to.used = to.entries.size();
  ht::rebuild(to, to.used);
  ++to.key_version;
}

template <LockPolicy P>
bool self_dict(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  return bi::check_self(t, args, nargs, "dict", meth, {Kind::Dict});
}

}  // namespace dictm

template <LockPolicy P>
int dict_update_from(Thread<P>& t, DictObject* d, const Value& other) {
  if (is_kind(other, Kind::Dict)) {
    TableSnapshot<P> pairs(other.o, as_dict(other)->table);
    for (const HashEntry& e : pairs.entries)
      if (dict_set(t, d, e.key, e.value) < 0) return -1;
    return 0;
  }
  // A mapping: anything with a keys() method.
  Value keys_m = getattr_opt(t, other, t.names().keys);
  if (keys_m.is_null() && !t.exc.is_null()) return -1;
  if (!keys_m.is_null()) {
    Ref<P> km(keys_m);
    Value ks = call(t, *km, nullptr, 0);
    if (ks.is_null()) return -1;
    Ref<P> keys(ks);
    bi::Items<P> items;
    if (!bi::collect(t, *keys, items)) return -1;
    for (const Value& k : items.v) {
      Value v = getitem(t, other, k);
      if (v.is_null()) return -1;
      int r = dict_set(t, d, k, v);
      decref<P>(v);
      if (r < 0) return -1;
    }
    return 0;
  }
  // An iterable of pairs.
  Value it = get_iter(t, other);
  if (it.is_null()) return -1;
  Ref<P> iter(it);
  for (int64_t i = 0;; ++i) {
    Value item = iter_next(t, *iter);
    if (item.is_null()) return t.exc.is_null() ? 0 : -1;
    Ref<P> keep(item);
    Ref<P> seq;
    if (is_kind(item, Kind::Tuple) || is_kind(item, Kind::List)) {
      seq = Ref<P>(to_tuple(t, item));
    } else {
      Value tup = to_tuple(t, item);
      if (tup.is_null()) {
        if (exception_matches(t, t.types().TypeError)) {
          clear_exception(t);
          raisef(t, t.types().TypeError, "cannot convert dictionary update sequence element #", i, " to a sequence");
        }
        return -1;
      }
      seq = Ref<P>(tup);
    }
    if (seq.is_null()) return -1;
    TupleObject* pair = as_tuple(*seq);
    if (pair->size != 2) {
      raisef(t, t.types().ValueError, "dictionary update sequence element #", i, " has length ", pair->size,
             "; 2 is required");
      return -1;
    }
    if (dict_set(t, d, pair->items[0], pair->items[1]) < 0) return -1;
  }
}

namespace dictm {

// Stores keyword arguments (args[0:nkw] with names kw) into d.
template <LockPolicy P>
int update_kwargs(Thread<P>& t, DictObject* d, const Value* kwvals, TupleObject* kw) {
  size_t nkw = kw ? kw->size : 0;
  for (size_t i = 0; i < nkw; ++i)
    if (dict_set(t, d, kw->items[i], kwvals[i]) < 0) return -1;
  return 0;
}

template <LockPolicy P>
Value get(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "get") || !bi::arg_range(t, "get", nargs - 1, kw, 1, 2)) return Value();
  Value v = dict_get_ref(t, as_dict(args[0]), args[1]);
  if (!v.is_null()) return v;
  if (!t.exc.is_null()) return Value();
  return nargs > 2 ? share<P>(args[2]) : Value::none();
}

template <LockPolicy P>
Value setdefault(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "setdefault") || !bi::arg_range(t, "setdefault", nargs - 1, kw, 1, 2))
    return Value();
  DictObject* d = as_dict(args[0]);
  Value v = dict_get_ref(t, d, args[1]);
  if (!v.is_null()) return v;
  if (!t.exc.is_null()) return Value();
  Value dflt = nargs > 2 ? args[2] : Value::none();
  if (dict_set(t, d, args[1], dflt) < 0) return Value();
  return share<P>(dflt);
}

// Removes key; the entry's references go to the caller. 1 found, 0 absent, -1 error.
template <LockPolicy P>
int take_key(Thread<P>& t, DictObject* d, const Value& key, HashEntry& out) {
  int64_t h;
  if (!hash(t, key, h)) return -1;
  int64_t pos;
  size_t slot;
  ObjectGuard<P> g(d);
  int r = ht::find(t, d->table, key, h, pos, slot, &g);
  if (r <= 0) return r;
  out = ht::take(d->table, pos);
  return 1;
}

template <LockPolicy P>
Value pop(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "pop") || !bi::arg_range(t, "pop", nargs - 1, kw, 1, 2)) return Value();
  HashEntry e;
  int r = take_key(t, as_dict(args[0]), args[1], e);
  if (r < 0) return Value();
  if (r == 1) {
    decref<P>(e.key);
    return e.value;
  }
  if (nargs > 2) return share<P>(args[2]);
  return bi::raise_key_error(t, args[1]);
}

template <LockPolicy P>
Value popitem(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "popitem") || !bi::arg_none(t, "dict.popitem", nargs - 1, kw)) return Value();
  DictObject* d = as_dict(args[0]);
  HashEntry e;
  {
    ObjectGuard<P> g(d);
    HashTable& tab = d->table;
    int64_t pos = static_cast<int64_t>(tab.entries.size()) - 1;
    while (pos >= 0 && tab.entries[pos].key.is_null()) --pos;
    if (pos < 0) return raise(t, t.types().KeyError, "popitem(): dictionary is empty");
    e = ht::take(tab, pos);
  }
  TupleObject* tup = alloc_tuple(t, 2);
  tup->items[0] = e.key;  // the references move into the tuple
  tup->items[1] = e.value;
  return Value::object(tup);
}

template <LockPolicy P>
Value update(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "update")) return Value();
  if (nargs > 2) return raisef(t, t.types().TypeError, "update expected at most 1 argument, got ", nargs - 1);
  DictObject* d = as_dict(args[0]);
  if (nargs == 2 && dict_update_from(t, d, args[1]) < 0) return Value();
  if (update_kwargs(t, d, args + nargs, kw) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value make_view(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* meth, const char* qual,
                uint16_t which) {
  if (!self_dict(t, args, nargs, meth) || !bi::arg_none(t, qual, nargs - 1, kw)) return Value();
  TypeObject* type = which == 0 ? t.types().dict_keys : which == 1 ? t.types().dict_values : t.types().dict_items;
  auto* view = alloc_object<P, DictViewObject>(type, Kind::DictView);
  view->aux16 = which;
  DictObject* d = as_dict(args[0]);
  incref<P>(d);
  view->dict = d;
  return Value::object(view);
}

template <LockPolicy P>
Value keys(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return make_view(t, args, nargs, kw, "keys", "dict.keys", 0);
}
template <LockPolicy P>
Value values(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return make_view(t, args, nargs, kw, "values", "dict.values", 1);
}
template <LockPolicy P>
Value items(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return make_view(t, args, nargs, kw, "items", "dict.items", 2);
}

template <LockPolicy P>
Value copy(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "copy") || !bi::arg_none(t, "dict.copy", nargs - 1, kw)) return Value();
  Value r = new_dict(t);
  DictObject* d = as_dict(args[0]);
  ObjectGuard<P> g(d);
  copy_table<P>(d->table, as_dict(r)->table, true);
  return r;
}

template <LockPolicy P>
Value clear(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_dict(t, args, nargs, "clear") || !bi::arg_none(t, "dict.clear", nargs - 1, kw)) return Value();
  DictObject* d = as_dict(args[0]);
  HashTable old;
  {
    ObjectGuard<P> g(d);
    std::swap(old, d->table);
    d->table.key_version = old.key_version + 1;
  }
  ht::clear<P>(old);
  return Value::none();
}

// dict.fromkeys(iterable, value=None): a classmethod; args[0] is the class.
template <LockPolicy P>
Value fromkeys(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 0 || !is_kind(args[0], Kind::Type))
    return raise(t, t.types().TypeError, "descriptor 'fromkeys' requires a type");
  if (!bi::arg_range(t, "fromkeys", nargs - 1, kw, 1, 2)) return Value();
  Value value = nargs > 2 ? args[2] : Value::none();
  Value r = call(t, args[0], nullptr, 0);
  if (r.is_null()) return r;
  Ref<P> result(r);
  bi::Items<P> keys;
  if (!bi::collect(t, args[1], keys)) return Value();
  for (const Value& k : keys.v) {
    int rc = is_kind(r, Kind::Dict) ? dict_set(t, as_dict(r), k, value) : setitem(t, r, k, value);
    if (rc < 0) return Value();
  }
  return result.release();
}

template <LockPolicy P>
Value dict_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  size_t n = nargs ? nargs - 1 : 0;
  if (n > 1) return raisef(t, t.types().TypeError, "dict expected at most 1 argument, got ", n);
  Ref<P> d(new_dict(t));
  if (n == 1 && dict_update_from(t, as_dict(*d), args[1]) < 0) return Value();
  if (update_kwargs(t, as_dict(*d), args + nargs, kw) < 0) return Value();
  return d.release();
}

}  // namespace dictm

// ==================================================================== sets

namespace setm {

inline bool is_set_kind(const Value& v) { return is_kind(v, Kind::Set) || is_kind(v, Kind::FrozenSet); }

inline std::string qual(const Value& self, const char* meth) {
  std::string s = is_kind(self, Kind::FrozenSet) ? "frozenset." : "set.";
  return s + meth;
}

// Methods only sets have (mutators).
template <LockPolicy P>
bool self_set(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  return bi::check_self(t, args, nargs, "set", meth, {Kind::Set});
}

// Methods sets and frozensets share.
template <LockPolicy P>
bool self_anyset(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  if (nargs > 0 && is_set_kind(args[0])) return true;
  return bi::check_self(t, args, nargs, "set", meth, {Kind::Set, Kind::FrozenSet});
}

// A new set (or frozenset) holding the items of `iterable`.
template <LockPolicy P>
Value set_from(Thread<P>& t, const Value& iterable, bool frozen) {
  Ref<P> r(new_set(t, frozen));
  SetObject* s = as_set(*r);
  if (is_set_kind(iterable)) {
    ObjectGuard<P> g(iterable.o);
    dictm::copy_table<P>(as_set(iterable)->table, s->table, false);
    return r.release();
  }
  if (is_kind(iterable, Kind::Dict)) {
    bi::Items<P> keys;
    bi::collect(t, iterable, keys);
    for (const Value& k : keys.v)
      if (set_add(t, s, k) < 0) return Value();
    return r.release();
  }
  Value it = get_iter(t, iterable);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? r.release() : Value();
    int rc = set_add(t, s, x);
    decref<P>(x);
    if (rc < 0) return Value();
  }
}

// `other` as a set: itself when it is one, else a temporary copy.
template <LockPolicy P>
Value as_set_value(Thread<P>& t, const Value& other) {
  if (is_set_kind(other)) return share<P>(other);
  return set_from(t, other, false);
}

// Replaces s's contents with those of `from` (a fresh set, consumed).
template <LockPolicy P>
void replace_contents(SetObject* s, Value from) {
  HashTable fresh;
  std::swap(fresh, as_set(from)->table);
  {
    ObjectGuard<P> g(s);
    uint64_t ver = s->table.key_version;
    std::swap(s->table, fresh);
    s->table.key_version = ver + 1;
  }
  decref<P>(from);
  ht::clear<P>(fresh);
}

template <LockPolicy P>
int add_all(Thread<P>& t, SetObject* s, const Value& iterable) {
  if (is_set_kind(iterable) && iterable.o != s) {
    bi::Items<P> keys;
    bi::collect(t, iterable, keys);
    for (const Value& k : keys.v)
      if (set_add(t, s, k) < 0) return -1;
    return 0;
  }
  if (iterable.tag == Tag::Obj && iterable.o == s) return 0;
  Value it = get_iter(t, iterable);
  if (it.is_null()) return -1;
  Ref<P> iter(it);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? 0 : -1;
    int rc = set_add(t, s, x);
    decref<P>(x);
    if (rc < 0) return -1;
  }
}

// A new set: the items of `a` that are (keep_in) / are not in `b`.
template <LockPolicy P>
Value filter(Thread<P>& t, const Value& a, const Value& b_any, bool keep_in, bool frozen) {
  Ref<P> result(new_set(t, frozen));
  // CPython iterates the non-set argument when intersecting with an iterable.
  if (keep_in && !is_set_kind(b_any)) {
    Value it = get_iter(t, b_any);
    if (it.is_null()) return it;
    Ref<P> iter(it);
    for (;;) {
      Value x = iter_next(t, *iter);
      if (x.is_null()) {
        if (!t.exc.is_null()) return Value();
        break;
      }
      Ref<P> keep(x);
      int in = set_contains(t, as_set(a), x);
      if (in < 0) return Value();
      if (in && set_add(t, as_set(*result), x) < 0) return Value();
    }
    return result.release();
  }
  Value bs = as_set_value(t, b_any);
  if (bs.is_null()) return bs;
  Ref<P> b(bs);
  bi::Items<P> keys;
  bi::collect(t, a, keys);
  for (const Value& k : keys.v) {
    int in = set_contains(t, as_set(*b), k);
    if (in < 0) return Value();
    if (static_cast<bool>(in) == keep_in && set_add(t, as_set(*result), k) < 0) return Value();
  }
  return result.release();
}

template <LockPolicy P>
Value add(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "add") || !bi::arg_one(t, "set.add", nargs - 1, kw)) return Value();
  if (set_add(t, as_set(args[0]), args[1]) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value discard(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "discard") || !bi::arg_one(t, "set.discard", nargs - 1, kw)) return Value();
  if (set_discard(t, as_set(args[0]), args[1]) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value remove(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "remove") || !bi::arg_one(t, "set.remove", nargs - 1, kw)) return Value();
  int r = set_discard(t, as_set(args[0]), args[1]);
  if (r < 0) return Value();
  if (r == 0) return bi::raise_key_error(t, args[1]);
  return Value::none();
}

template <LockPolicy P>
Value pop(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "pop") || !bi::arg_none(t, "set.pop", nargs - 1, kw)) return Value();
  SetObject* s = as_set(args[0]);
  HashEntry e;
  {
    ObjectGuard<P> g(s);
    HashTable& tab = s->table;
    size_t pos = 0;
    while (pos < tab.entries.size() && tab.entries[pos].key.is_null()) ++pos;
    if (pos == tab.entries.size()) return raise(t, t.types().KeyError, "pop from an empty set");
    e = ht::take(tab, static_cast<int64_t>(pos));
    // Popping from the front leaves dead entries there: compact now and then
    // so that emptying a set with pop() stays linear.
    if (tab.entries.size() > 2 * tab.used + 16) ht::rebuild(tab, tab.used);
  }
  return e.key;  // the set's reference moves to the caller
}

template <LockPolicy P>
Value clear(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "clear") || !bi::arg_none(t, "set.clear", nargs - 1, kw)) return Value();
  SetObject* s = as_set(args[0]);
  HashTable old;
  {
    ObjectGuard<P> g(s);
    std::swap(old, s->table);
    s->table.key_version = old.key_version + 1;
  }
  ht::clear<P>(old);
  return Value::none();
}

template <LockPolicy P>
Value copy(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "copy") || !bi::arg_none(t, qual(args[0], "copy").c_str(), nargs - 1, kw))
    return Value();
  if (is_kind(args[0], Kind::FrozenSet)) return share<P>(args[0]);
  return set_from(t, args[0], false);
}

template <LockPolicy P>
Value update(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "update") || !bi::no_kw(t, qual(args[0], "update"), kw)) return Value();
  for (size_t i = 1; i < nargs; ++i)
    if (add_all(t, as_set(args[0]), args[i]) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value union_(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "union") || !bi::no_kw(t, qual(args[0], "union"), kw)) return Value();
  Ref<P> r(set_from(t, args[0], is_kind(args[0], Kind::FrozenSet)));
  if (r.is_null()) return Value();
  for (size_t i = 1; i < nargs; ++i)
    if (add_all(t, as_set(*r), args[i]) < 0) return Value();
  return r.release();
}

template <LockPolicy P>
Value intersection(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "intersection") || !bi::no_kw(t, qual(args[0], "intersection"), kw))
    return Value();
  bool frozen = is_kind(args[0], Kind::FrozenSet);
  Ref<P> r(set_from(t, args[0], frozen));
  if (r.is_null()) return Value();
  for (size_t i = 1; i < nargs; ++i) {
    Value next = filter(t, *r, args[i], true, frozen);
    if (next.is_null()) return next;
    r = Ref<P>(next);
  }
  return r.release();
}

template <LockPolicy P>
Value difference(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "difference") || !bi::no_kw(t, qual(args[0], "difference"), kw)) return Value();
  bool frozen = is_kind(args[0], Kind::FrozenSet);
  Ref<P> r(set_from(t, args[0], frozen));
  if (r.is_null()) return Value();
  for (size_t i = 1; i < nargs; ++i) {
    Value next = filter(t, *r, args[i], false, frozen);
    if (next.is_null()) return next;
    r = Ref<P>(next);
  }
  return r.release();
}

template <LockPolicy P>
Value symdiff_of(Thread<P>& t, const Value& self, const Value& other, bool frozen) {
  Value os = set_from(t, other, false);
  if (os.is_null()) return os;
  Ref<P> o(os);
  Ref<P> r(set_from(t, self, frozen));
  if (r.is_null()) return Value();
  bi::Items<P> keys;
  bi::collect(t, *o, keys);
  for (const Value& k : keys.v) {
    int in = set_contains(t, as_set(self), k);
    if (in < 0) return Value();
    if ((in ? set_discard(t, as_set(*r), k) : set_add(t, as_set(*r), k)) < 0) return Value();
  }
  return r.release();
}

template <LockPolicy P>
Value symmetric_difference(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "symmetric_difference") ||
      !bi::arg_one(t, qual(args[0], "symmetric_difference").c_str(), nargs - 1, kw))
    return Value();
  return symdiff_of(t, args[0], args[1], is_kind(args[0], Kind::FrozenSet));
}

template <LockPolicy P>
Value intersection_update(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "intersection_update") || !bi::no_kw(t, qual(args[0], "intersection_update"), kw))
    return Value();
  Value r = intersection(t, args, nargs, nullptr);
  if (r.is_null()) return r;
  replace_contents<P>(as_set(args[0]), r);
  return Value::none();
}

template <LockPolicy P>
Value difference_update(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "difference_update") || !bi::no_kw(t, qual(args[0], "difference_update"), kw))
    return Value();
  SetObject* s = as_set(args[0]);
  for (size_t i = 1; i < nargs; ++i) {
    if (args[i].tag == Tag::Obj && args[i].o == s) {
      Value empty = new_set(t, false);
      replace_contents<P>(s, empty);
      continue;
    }
    bi::Items<P> keys;
    if (!bi::collect(t, args[i], keys)) return Value();
    for (const Value& k : keys.v)
      if (set_discard(t, s, k) < 0) return Value();
  }
  return Value::none();
}

template <LockPolicy P>
Value symmetric_difference_update(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_set(t, args, nargs, "symmetric_difference_update") ||
      !bi::arg_one(t, "set.symmetric_difference_update", nargs - 1, kw))
    return Value();
  Value r = symdiff_of(t, args[0], args[1], false);
  if (r.is_null()) return r;
  replace_contents<P>(as_set(args[0]), r);
  return Value::none();
}

// 1 if every item of `items_of` is in `in`, 0 if not, -1 on error.
template <LockPolicy P>
int all_in(Thread<P>& t, const Value& items_of, SetObject* in) {
  bi::Items<P> keys;
  if (!bi::collect(t, items_of, keys)) return -1;
  for (const Value& k : keys.v) {
    int r = set_contains(t, in, k);
    if (r <= 0) return r;
  }
  return 1;
}

template <LockPolicy P>
Value issubset(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "issubset") || !bi::arg_one(t, qual(args[0], "issubset").c_str(), nargs - 1, kw))
    return Value();
  Value os = as_set_value(t, args[1]);
  if (os.is_null()) return os;
  Ref<P> o(os);
  if (as_set(args[0])->table.used > as_set(*o)->table.used) return Value::boolean(false);
  int r = all_in(t, args[0], as_set(*o));
  if (r < 0) return Value();
  return Value::boolean(r);
}

template <LockPolicy P>
Value issuperset(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "issuperset") ||
      !bi::arg_one(t, qual(args[0], "issuperset").c_str(), nargs - 1, kw))
    return Value();
  int r = all_in(t, args[1], as_set(args[0]));
  if (r < 0) return Value();
  return Value::boolean(r);
}

template <LockPolicy P>
Value isdisjoint(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_anyset(t, args, nargs, "isdisjoint") ||
      !bi::arg_one(t, qual(args[0], "isdisjoint").c_str(), nargs - 1, kw))
    return Value();
  bi::Items<P> keys;
  if (!bi::collect(t, args[1], keys)) return Value();
  for (const Value& k : keys.v) {
    int r = set_contains(t, as_set(args[0]), k);
    if (r < 0) return Value();
    if (r) return Value::boolean(false);
  }
  return Value::boolean(true);
}

template <LockPolicy P>
Value make_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool frozen) {
  const char* name = frozen ? "frozenset" : "set";
  if (kw && kw->size) return raisef(t, t.types().TypeError, name, "() takes no keyword arguments");
  size_t n = nargs ? nargs - 1 : 0;
  if (n > 1) return raisef(t, t.types().TypeError, name, " expected at most 1 argument, got ", n);
  if (n == 0) return new_set(t, frozen);
  if (frozen && is_kind(args[1], Kind::FrozenSet)) return share<P>(args[1]);
  return set_from(t, args[1], frozen);
}

template <LockPolicy P>
Value set_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return make_new(t, args, nargs, kw, false);
}
template <LockPolicy P>
Value frozenset_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return make_new(t, args, nargs, kw, true);
}

}  // namespace setm

template <LockPolicy P>
void register_dict_methods(Thread<P>& t) {
  TypeObject* dict = t.types().dict;
  add_method(t, dict, "__new__", dictm::dict_new<P>);
  add_method(t, dict, "get", dictm::get<P>);
  add_method(t, dict, "setdefault", dictm::setdefault<P>);
  add_method(t, dict, "pop", dictm::pop<P>);
  add_method(t, dict, "popitem", dictm::popitem<P>);
  add_method(t, dict, "update", dictm::update<P>);
  add_method(t, dict, "keys", dictm::keys<P>);
  add_method(t, dict, "values", dictm::values<P>);
  add_method(t, dict, "items", dictm::items<P>);
  add_method(t, dict, "copy", dictm::copy<P>);
  add_method(t, dict, "clear", dictm::clear<P>);
  bi::add_classmethod(t, dict, "fromkeys", dictm::fromkeys<P>);
  listm::add_container_dunders(t, dict, true);

  for (TypeObject* type : {t.types().set, t.types().frozenset}) {
    bool frozen = type == t.types().frozenset;
    add_method(t, type, "__new__", frozen ? setm::frozenset_new<P> : setm::set_new<P>);
    add_method(t, type, "copy", setm::copy<P>);
    add_method(t, type, "union", setm::union_<P>);
    add_method(t, type, "intersection", setm::intersection<P>);
    add_method(t, type, "difference", setm::difference<P>);
    add_method(t, type, "symmetric_difference", setm::symmetric_difference<P>);
    add_method(t, type, "issubset", setm::issubset<P>);
    add_method(t, type, "issuperset", setm::issuperset<P>);
    add_method(t, type, "isdisjoint", setm::isdisjoint<P>);
    listm::add_container_dunders(t, type, false);
    if (frozen) continue;
    add_method(t, type, "add", setm::add<P>);
    add_method(t, type, "discard", setm::discard<P>);
    add_method(t, type, "remove", setm::remove<P>);
    add_method(t, type, "pop", setm::pop<P>);
    add_method(t, type, "clear", setm::clear<P>);
    add_method(t, type, "update", setm::update<P>);
    add_method(t, type, "intersection_update", setm::intersection_update<P>);
    add_method(t, type, "difference_update", setm::difference_update<P>);
    add_method(t, type, "symmetric_difference_update", setm::symmetric_difference_update<P>);
  }
}

}  // namespace lockvm::rt
