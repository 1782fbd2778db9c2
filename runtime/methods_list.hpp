// Methods of list and tuple, and the sort shared by list.sort and sorted().
//
//   register_list_methods<P>(t)   adds them to t.types().list / .tuple
//   sort_values<P>(t, items, key, reverse)
//                                 sorts a private vector of owned Values
//                                 (core::timsort, runtime/timsort.hpp: the
//                                 CPython algorithm and comparison order)
//   list_sort<P>(t, list, key, reverse)
//                                 list.sort(): sorts a private copy, raises
//                                 "list modified during sort" like CPython
#pragma once

#include <algorithm>
#include <vector>

#include "runtime/methods_common.hpp"
#include "runtime/timsort.hpp"

namespace lockvm::rt {

template <LockPolicy P> bool sort_values(Thread<P>& t, ValueVector& items, const Value& key, bool reverse);
template <LockPolicy P> int list_sort(Thread<P>& t, ListObject* l, const Value& key, bool reverse);
template <LockPolicy P> void register_list_methods(Thread<P>& t);

namespace listm {

// ---------------------------------------------------------------- sorting

struct KeyValue {
  Value k;  // the sort key (owned by the caller's vector)
  Value v;  // the item
};

// Picks a comparator from the keys' types, as CPython's pre-sort check
// does: homogeneous ints, floats and strs compare without dispatch.
template <LockPolicy P, class Vec, class KeyOf>
bool sort_with(Thread<P>& t, Vec& v, KeyOf key_of) {
  using T = typename Vec::value_type;
  if (v.size() < 2) return true;
  bool all_int = true, all_float = true, all_str = true, all_tuple = true;
  for (const T& x : v) {
    const Value& k = key_of(x);
    all_int &= k.tag == Tag::Int;
    all_float &= k.tag == Tag::Float;
    all_str &= is_str(k);
    all_tuple &= is_kind(k, Kind::Tuple);
    if (!all_int && !all_float && !all_str && !all_tuple) break;
  }
  if (all_int)
    return core::timsort(v.data(), v.size(), [&](const T& a, const T& b) { return int(key_of(a).i < key_of(b).i); });
  if (all_float)
    return core::timsort(v.data(), v.size(), [&](const T& a, const T& b) { return int(key_of(a).f < key_of(b).f); });
  if (all_str)
    return core::timsort(v.data(), v.size(), [&](const T& a, const T& b) {
      return int(as_str(key_of(a))->view() < as_str(key_of(b))->view());
    });
  if (all_tuple)  // item by item, without compare()'s dispatch on the tuples (CPython's unsafe_tuple_compare)
    return core::timsort(v.data(), v.size(), [&](const T& a, const T& b) {
      TupleObject *x = as_tuple(key_of(a)), *y = as_tuple(key_of(b));
      return comparison_truth(t, compare_sequences(t, x->items, x->size, y->items, y->size, 2));
    });
  return core::timsort(v.data(), v.size(),
                       [&](const T& a, const T& b) { return compare_bool(t, key_of(a), key_of(b), 2); });
}

}  // namespace listm

// Sorts `items` (owned references) in place. On failure (a key function or
// a comparison raised) returns false; items is then still a permutation of
// its input (in the original order if the key function failed).
template <LockPolicy P>
bool sort_values(Thread<P>& t, ValueVector& items, const Value& key, bool reverse) {
  size_t n = items.size();
  if (key.is_null() || key.is_none()) {
    if (reverse && n > 1) std::reverse(items.begin(), items.end());
    bool ok = listm::sort_with(t, items, [](const Value& x) -> const Value& { return x; });
    if (reverse && n > 1) std::reverse(items.begin(), items.end());
    return ok;
  }
  std::vector<listm::KeyValue> kv;
  kv.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Value k = call(t, key, &items[i], 1);
    if (k.is_null()) {
      for (listm::KeyValue& p : kv) decref<P>(p.k);
      return false;
    }
    kv.push_back(listm::KeyValue{k, items[i]});
  }
  if (reverse && n > 1) std::reverse(kv.begin(), kv.end());
  bool ok = listm::sort_with(t, kv, [](const listm::KeyValue& x) -> const Value& { return x.k; });
  if (reverse && n > 1) std::reverse(kv.begin(), kv.end());
  for (size_t i = 0; i < n; ++i) {
    items[i] = kv[i].v;
    decref<P>(kv[i].k);
  }
  return ok;
}

// list.sort(): the list is emptied while it sorts (user code run by key
// functions and comparisons sees an empty list); anything such code adds is
// discarded and reported as "list modified during sort".
template <LockPolicy P>
int list_sort(Thread<P>& t, ListObject* l, const Value& key, bool reverse) {
  ValueVector items;
  {
    ObjectGuard<P> g(l);
    items.swap(l->items);  // l->items is now empty with no capacity
  }
  bool ok = sort_values(t, items, key, reverse);
  ValueVector junk;
  {
    ObjectGuard<P> g(l);
    junk.swap(l->items);
    l->items.swap(items);
  }
  bool modified = junk.capacity() != 0 || !junk.empty();
  for (Value& v : junk) decref<P>(v);
  if (!ok) return -1;
  if (modified) {
    raise(t, t.types().ValueError, "list modified during sort");
    return -1;
  }
  return 0;
}

namespace listm {

template <LockPolicy P>
bool self_list(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  return bi::check_self(t, args, nargs, "list", meth, {Kind::List});
}

template <LockPolicy P>
Value append(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "append") || !bi::arg_one(t, "list.append", nargs - 1, kw)) return Value();
  ListObject* l = as_list(args[0]);
  ObjectGuard<P> g(l);
  l->items.push_back(share<P>(args[1]));
  return Value::none();
}

template <LockPolicy P>
Value extend(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "extend") || !bi::arg_one(t, "list.extend", nargs - 1, kw)) return Value();
  if (list_extend(t, as_list(args[0]), args[1]) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value insert(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "insert") || !bi::arg_range(t, "insert", nargs - 1, kw, 2, 2)) return Value();
  int64_t i;
  if (!bi::to_ssize(t, args[1], i)) return Value();
  ListObject* l = as_list(args[0]);
  ObjectGuard<P> g(l);
  int64_t n = static_cast<int64_t>(l->items.size());
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  }
  if (i > n) i = n;
  l->items.insert(l->items.begin() + i, share<P>(args[2]));
  return Value::none();
}

template <LockPolicy P>
Value pop(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "pop") || !bi::arg_range(t, "pop", nargs - 1, kw, 0, 1)) return Value();
  int64_t i = -1;
  if (nargs > 1 && !bi::to_ssize(t, args[1], i)) return Value();
  ListObject* l = as_list(args[0]);
  ObjectGuard<P> g(l);
  int64_t n = static_cast<int64_t>(l->items.size());
  if (n == 0) return raise(t, t.types().IndexError, "pop from empty list");
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(t, t.types().IndexError, "pop index out of range");
  Value v = l->items[i];
  l->items.erase(l->items.begin() + i);
  return v;  // the list's reference moves to the caller
}

// Calls f(i, item) for each item (a borrowed snapshot, the list unlocked
// while f runs) until f returns non-zero; re-reads the size each step, as
// user __eq__ may change the list.
template <LockPolicy P, class F>
int scan(ListObject* l, int64_t start, int64_t stop, F f) {
  for (int64_t i = start; i < stop; ++i) {
    Ref<P> item;
    {
      ObjectGuard<P> g(l);
      if (i >= static_cast<int64_t>(l->items.size())) break;
      item = Ref<P>::borrow(l->items[i]);
    }
    int r = f(i, *item);
    if (r) return r;
  }
  return 0;
}

template <LockPolicy P>
Value remove(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "remove") || !bi::arg_one(t, "list.remove", nargs - 1, kw)) return Value();
  ListObject* l = as_list(args[0]);
  int64_t found = -1;
  int r = scan<P>(l, 0, std::numeric_limits<int64_t>::max(), [&](int64_t i, const Value& item) {
    int eq = equal(t, item, args[1]);
    if (eq > 0) found = i;
    return eq;
  });
  if (r < 0) return Value();
  if (found < 0) return raise(t, t.types().ValueError, "list.remove(x): x not in list");
  Value old;
  {
    ObjectGuard<P> g(l);
    if (found < static_cast<int64_t>(l->items.size())) {
      old = l->items[found];
      l->items.erase(l->items.begin() + found);
    }
  }
  decref<P>(old);
  return Value::none();
}

template <LockPolicy P>
Value index(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "index") || !bi::arg_range(t, "index", nargs - 1, kw, 1, 3)) return Value();
  ListObject* l = as_list(args[0]);
  int64_t start = 0, stop = std::numeric_limits<int64_t>::max();
  if (nargs > 2 && !bi::to_clamped_index(t, args[2], start)) return Value();
  if (nargs > 3 && !bi::to_clamped_index(t, args[3], stop)) return Value();
  int64_t n;
  {
    ObjectGuard<P> g(l);
    n = static_cast<int64_t>(l->items.size());
  }
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  int64_t found = -1;
  int r = scan<P>(l, start, stop, [&](int64_t i, const Value& item) {
    int eq = equal(t, item, args[1]);
    if (eq > 0) found = i;
    return eq;
  });
  if (r < 0) return Value();
  if (found >= 0) return Value::integer(found);
  std::string text;
  if (!repr_into(t, args[1], text)) return Value();
  return raisef(t, t.types().ValueError, text, " is not in list");
}

template <LockPolicy P>
Value count(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "count") || !bi::arg_one(t, "list.count", nargs - 1, kw)) return Value();
  int64_t c = 0;
  int r = scan<P>(as_list(args[0]), 0, std::numeric_limits<int64_t>::max(), [&](int64_t, const Value& item) {
    int eq = equal(t, item, args[1]);
    if (eq > 0) ++c;
    return eq < 0 ? -1 : 0;
  });
  if (r < 0) return Value();
  return Value::integer(c);
}

// Parses sort()'s keyword-only key= and reverse= (CPython's wording).
template <LockPolicy P>
bool sort_kwargs(Thread<P>& t, const char* fname, const Value* kwvals, TupleObject* kw, Value& key, bool& reverse) {
  key = Value();
  reverse = false;
  size_t nkw = kw ? kw->size : 0;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view name = as_str(kw->items[i])->view();
    if (name == "key") {
      key = kwvals[i];
    } else if (name == "reverse") {
      const Value& r = kwvals[i];
      if (r.tag == Tag::Float) {
        raise(t, t.types().TypeError, "'float' object cannot be interpreted as an integer");
        return false;
      }
      int tr;
      if (is_small_int(r) || is_kind(r, Kind::BigInt)) {
        tr = truthy(t, r);
      } else {
        int64_t iv;
        if (!to_int64(t, r, iv)) return false;
        tr = iv != 0;
      }
      reverse = tr > 0;
    } else {
      raisef(t, t.types().TypeError, "'", name, "' is an invalid keyword argument for ", fname, "()");
      return false;
    }
  }
  return true;
}

template <LockPolicy P>
Value sort(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "sort")) return Value();
  if (nargs > 1) return raise(t, t.types().TypeError, "sort() takes no positional arguments");
  Value key;
  bool reverse;
  if (!sort_kwargs(t, "sort", args + nargs, kw, key, reverse)) return Value();
  if (list_sort(t, as_list(args[0]), key, reverse) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value reverse(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "reverse") || !bi::arg_none(t, "list.reverse", nargs - 1, kw)) return Value();
  ListObject* l = as_list(args[0]);
  ObjectGuard<P> g(l);
  std::reverse(l->items.begin(), l->items.end());
  return Value::none();
}

template <LockPolicy P>
Value copy(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "copy") || !bi::arg_none(t, "list.copy", nargs - 1, kw)) return Value();
  ListObject* l = as_list(args[0]);
  ObjectGuard<P> g(l);
  return new_list(t, l->items.data(), l->items.size());
}

template <LockPolicy P>
Value clear(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_list(t, args, nargs, "clear") || !bi::arg_none(t, "list.clear", nargs - 1, kw)) return Value();
  ListObject* l = as_list(args[0]);
  ValueVector old;
  {
    ObjectGuard<P> g(l);
    old.swap(l->items);
  }
  // Last item first, as CPython's list_clear: the order their finalizers run.
  for (size_t i = old.size(); i-- > 0;) decref<P>(old[i]);
  return Value::none();
}

template <LockPolicy P>
Value list_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "list() takes no keyword arguments");
  size_t n = nargs ? nargs - 1 : 0;
  if (n > 1) return raisef(t, t.types().TypeError, "list expected at most 1 argument, got ", n);
  if (n == 0) return new_list(t);
  return to_list(t, args[1]);
}

// ---------------------------------------------------------------- tuple

template <LockPolicy P>
Value tuple_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "tuple() takes no keyword arguments");
  size_t n = nargs ? nargs - 1 : 0;
  if (n > 1) return raisef(t, t.types().TypeError, "tuple expected at most 1 argument, got ", n);
  if (n == 0) return new_tuple(t, nullptr, 0);
  return to_tuple(t, args[1]);
}

template <LockPolicy P>
Value tuple_count(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::check_self(t, args, nargs, "tuple", "count", {Kind::Tuple}) || !bi::arg_one(t, "tuple.count", nargs - 1, kw))
    return Value();
  TupleObject* tup = as_tuple(args[0]);
  int64_t c = 0;
  for (uint64_t i = 0; i < tup->size; ++i) {
    int eq = equal(t, tup->items[i], args[1]);
    if (eq < 0) return Value();
    c += eq;
  }
  return Value::integer(c);
}

template <LockPolicy P>
Value tuple_index(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::check_self(t, args, nargs, "tuple", "index", {Kind::Tuple}) ||
      !bi::arg_range(t, "index", nargs - 1, kw, 1, 3))
    return Value();
  TupleObject* tup = as_tuple(args[0]);
  int64_t n = static_cast<int64_t>(tup->size);
  int64_t start = 0, stop = std::numeric_limits<int64_t>::max();
  if (nargs > 2 && !bi::to_clamped_index(t, args[2], start)) return Value();
  if (nargs > 3 && !bi::to_clamped_index(t, args[3], stop)) return Value();
  bi::clamp_range(n, start, stop);
  for (int64_t i = start; i < stop; ++i) {
    int eq = equal(t, tup->items[i], args[1]);
    if (eq < 0) return Value();
    if (eq) return Value::integer(i);
  }
  return raise(t, t.types().ValueError, "tuple.index(x): x not in tuple");
}

// ---------------------------------------------------------------- shared dunders
// list/tuple/dict/set expose __len__, __getitem__, __contains__ and
// __iter__ as methods too (dict.__getitem__ as a key function, ...).

template <LockPolicy P>
bool self_container(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  if (nargs == 0) {
    raisef(t, t.types().TypeError, "unbound method ", meth, "() needs an argument");
    return false;
  }
  return true;
}

template <LockPolicy P>
Value dunder_len(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_container(t, args, nargs, "__len__") || !bi::arg_none(t, "__len__", nargs - 1, kw)) return Value();
  int64_t n = length(t, args[0]);
  if (n < 0) return Value();
  return Value::integer(n);
}

template <LockPolicy P>
Value dunder_getitem(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_container(t, args, nargs, "__getitem__") || !bi::arg_one(t, "__getitem__", nargs - 1, kw)) return Value();
  return getitem(t, args[0], args[1]);
}

template <LockPolicy P>
Value dunder_contains(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_container(t, args, nargs, "__contains__") || !bi::arg_one(t, "__contains__", nargs - 1, kw))
    return Value();
  int r = contains(t, args[0], args[1]);
  if (r < 0) return Value();
  return Value::boolean(r);
}

template <LockPolicy P>
Value dunder_iter(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_container(t, args, nargs, "__iter__") || !bi::arg_none(t, "__iter__", nargs - 1, kw)) return Value();
  return get_iter(t, args[0]);
}

template <LockPolicy P>
void add_container_dunders(Thread<P>& t, TypeObject* type, bool getitem) {
  add_method(t, type, "__len__", dunder_len<P>);
  if (getitem) add_method(t, type, "__getitem__", dunder_getitem<P>);
  add_method(t, type, "__contains__", dunder_contains<P>);
  add_method(t, type, "__iter__", dunder_iter<P>);
}

}  // namespace listm

template <LockPolicy P>
void register_list_methods(Thread<P>& t) {
  TypeObject* list = t.types().list;
  add_method(t, list, "__new__", listm::list_new<P>);
  add_method(t, list, "append", listm::append<P>);
  add_method(t, list, "extend", listm::extend<P>);
  add_method(t, list, "insert", listm::insert<P>);
  add_method(t, list, "pop", listm::pop<P>);
  add_method(t, list, "remove", listm::remove<P>);
  add_method(t, list, "index", listm::index<P>);
  add_method(t, list, "count", listm::count<P>);
  add_method(t, list, "sort", listm::sort<P>);
  add_method(t, list, "reverse", listm::reverse<P>);
  add_method(t, list, "copy", listm::copy<P>);
  add_method(t, list, "clear", listm::clear<P>);
  listm::add_container_dunders(t, list, true);

  TypeObject* tuple = t.types().tuple;
  add_method(t, tuple, "__new__", listm::tuple_new<P>);
  add_method(t, tuple, "count", listm::tuple_count<P>);
  add_method(t, tuple, "index", listm::tuple_index<P>);
  listm::add_container_dunders(t, tuple, true);
}

}  // namespace lockvm::rt
