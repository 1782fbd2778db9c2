// Built-in functions about iteration: sorted, reversed, enumerate, zip, map,
// filter, iter, next, any, all, min, max, sum. Registered by
// register_builtin_functions (builtins_functions.hpp).
#pragma once

#include <string>
#include <vector>

#include "runtime/methods_common.hpp"
#include "runtime/methods_list.hpp"

namespace lockvm::rt::bif {

template <LockPolicy P>
Value b_sorted(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1) return raisef(t, t.types().TypeError, "sorted expected 1 argument, got ", nargs);
  Value key;
  bool reverse;
  if (!listm::sort_kwargs(t, "sort", args + nargs, kw, key, reverse)) return Value();
  Value l = to_list(t, args[0]);
  if (l.is_null()) return l;
  Ref<P> list(l);
  if (!sort_values(t, as_list(l)->items, key, reverse)) return Value();
  return list.release();
}

template <LockPolicy P>
Value b_reversed(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "reversed", nargs, kw, 1, 1)) return Value();
  const Value& s = args[0];
  auto not_reversible = [&]() {
    return raisef(t, t.types().TypeError, "'", type_name(t, s), "' object is not reversible");
  };
  if (has_user_type(s)) {
    Value m = type_lookup<P>(s.o->type, t.names().__reversed__);
    if (m.is_none()) return not_reversible();
    if (!m.is_null()) {
      bool found;
      return call_dunder(t, s, t.names().__reversed__, nullptr, 0, found);
    }
    if (type_lookup<P>(s.o->type, t.names().__getitem__).is_null() ||
        type_lookup<P>(s.o->type, t.names().__len__).is_null())
      return not_reversible();
    int64_t n = length(t, s);
    if (n < 0) return Value();
    return new_iterator(t, IterKind::Reversed, s, Value(), n - 1);
  }
  if (s.tag != Tag::Obj) return not_reversible();
  switch (s.o->kind) {
    case Kind::List:
    case Kind::Tuple:
    case Kind::Str:
    case Kind::Bytes: {
      int64_t n = length(t, s);
      if (n < 0) return Value();
      return new_iterator(t, IterKind::Reversed, s, Value(), n - 1);
    }
    case Kind::Range: {
      auto* r = static_cast<RangeObject*>(s.o);
      if (r->step == std::numeric_limits<int64_t>::min())
        return new_iterator(t, IterKind::Reversed, s, Value(), r->length - 1);
      int64_t last = r->length ? r->start + (r->length - 1) * r->step : r->start;
      return new_iterator(t, IterKind::Range, Value(), Value(), last, r->length, -r->step);
    }
    case Kind::Dict:
    case Kind::DictView: {
      Value l = to_list(t, s);
      if (l.is_null()) return l;
      Ref<P> list(l);
      return new_iterator(t, IterKind::Reversed, l, Value(), static_cast<int64_t>(as_list(l)->items.size()) - 1);
    }
    default: return not_reversible();
  }
}

template <LockPolicy P>
Value b_enumerate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  size_t nkw = kw ? kw->size : 0;
  if (nargs > 2)
    return raisef(t, t.types().TypeError, "enumerate() takes at most 2 arguments (", nargs + nkw, " given)");
  for (size_t i = 0; i < nargs; ++i) a[i] = args[i];
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view name = as_str(kw->items[k])->view();
    int idx = name == "iterable" ? 0 : name == "start" ? 1 : -1;
    if (idx < 0) return raisef(t, t.types().TypeError, "'", name, "' is an invalid keyword argument for enumerate()");
    if (!a[idx].is_null())
      return raisef(t, t.types().TypeError, "argument for enumerate() given by name ('", name, "') and position (",
                    idx + 1, ")");
    a[idx] = args[nargs + k];
  }
  if (a[0].is_null()) return raise(t, t.types().TypeError, "enumerate() missing required argument 'iterable'");
  int64_t start = 0;
  if (!a[1].is_null()) {
    if (is_kind(a[1], Kind::BigInt))
      return raise(t, t.types().OverflowError, "enumerate() start beyond 64 bits is not supported");
    if (!to_int64(t, a[1], start)) return Value();
  }
  Value it = get_iter(t, a[0]);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  return new_iterator(t, IterKind::Enumerate, it, Value(), start);
}

template <LockPolicy P>
Value b_zip(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  size_t nkw = kw ? kw->size : 0;
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view name = as_str(kw->items[k])->view();
    if (name != "strict") return raisef(t, t.types().TypeError, "zip() got an unexpected keyword argument '", name, "'");
    int tr = truthy(t, args[nargs + k]);
    if (tr < 0) return Value();
    if (tr) return raise(t, t.types().NotImplementedError, "zip(strict=True) is not supported by lockvm");
  }
  Ref<P> tup(Value::object(alloc_tuple(t, nargs)));
  for (size_t i = 0; i < nargs; ++i) {
    Value it = get_iter(t, args[i]);
    if (it.is_null()) return it;
    as_tuple(*tup)->items[i] = it;
  }
  return new_iterator(t, IterKind::Zip, *tup);
}

template <LockPolicy P>
Value b_map(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "map() takes no keyword arguments");
  if (nargs < 2) return raise(t, t.types().TypeError, "map() must have at least two arguments.");
  Ref<P> tup(Value::object(alloc_tuple(t, nargs - 1)));
  for (size_t i = 1; i < nargs; ++i) {
    Value it = get_iter(t, args[i]);
    if (it.is_null()) return it;
    as_tuple(*tup)->items[i - 1] = it;
  }
  return new_iterator(t, IterKind::Map, *tup, args[0]);
}

template <LockPolicy P>
Value b_filter(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "filter() takes no keyword arguments");
  if (!bi::arg_range(t, "filter", nargs, nullptr, 2, 2)) return Value();
  Value it = get_iter(t, args[1]);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  return new_iterator(t, IterKind::Filter, it, args[0]);
}

template <LockPolicy P> bool is_callable(Thread<P>& t, const Value& v);

template <LockPolicy P>
Value b_iter(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "iter", nargs, kw, 1, 2)) return Value();
  if (nargs == 1) return get_iter(t, args[0]);
  if (!is_callable(t, args[0])) return raise(t, t.types().TypeError, "iter(v, w): v must be callable");
  return new_iterator(t, IterKind::Callable, args[1], args[0]);
}

template <LockPolicy P>
Value raise_stop_iteration(Thread<P>& t, const Value& value) {
  if (value.is_null()) return bi::raise_with_args(t, t.types().StopIteration, nullptr, 0);
  return bi::raise_with_args(t, t.types().StopIteration, &value, 1);
}

template <LockPolicy P>
Value b_next(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "next", nargs, kw, 1, 2)) return Value();
  const Value& it = args[0];
  Value dflt = nargs > 1 ? args[1] : Value();
  if (is_kind(it, Kind::Generator)) {
    Value returned;
    Value r = gen_resume(t, static_cast<GeneratorObject*>(it.o), Value::none(), Value(), &returned);
    if (!r.is_null() || !t.exc.is_null()) {
      decref<P>(returned);
      return r;
    }
    Ref<P> ret(returned);
    if (!dflt.is_null()) return share<P>(dflt);
    return raise_stop_iteration(t, returned.is_none() ? Value() : returned);
  }
  if (is_kind(it, Kind::Iterator)) {
    Value r = iter_next(t, it);
    if (!r.is_null() || !t.exc.is_null()) return r;
    if (!dflt.is_null()) return share<P>(dflt);
    return raise_stop_iteration(t, Value());
  }
  if (has_user_type(it)) {
    bool found;
    Value r = call_dunder(t, it, t.names().__next__, nullptr, 0, found);
    if (found) {
      if (r.is_null() && !dflt.is_null() && exception_matches(t, t.types().StopIteration)) {
        clear_exception(t);
        return share<P>(dflt);
      }
      return r;
    }
  }
  return raisef(t, t.types().TypeError, "'", type_name(t, it), "' object is not an iterator");
}

// any()/all(): stop at the first item whose truth is `stop_on`.
template <LockPolicy P>
Value any_all(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, bool stop_on) {
  if (!bi::arg_one(t, name, nargs, kw)) return Value();
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? Value::boolean(!stop_on) : Value();
    int tr = truthy(t, x);
    decref<P>(x);
    if (tr < 0) return Value();
    if (static_cast<bool>(tr) == stop_on) return Value::boolean(stop_on);
  }
}

template <LockPolicy P>
Value b_any(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return any_all(t, args, nargs, kw, "any", true);
}
template <LockPolicy P>
Value b_all(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return any_all(t, args, nargs, kw, "all", false);
}

// min()/max(). op: 2 (<) for min, 4 (>) for max.
template <LockPolicy P>
Value min_max(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, int op) {
  Value key, dflt;
  size_t nkw = kw ? kw->size : 0;
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view kn = as_str(kw->items[k])->view();
    if (kn == "key") key = args[nargs + k];
    else if (kn == "default") dflt = args[nargs + k];
    else return raisef(t, t.types().TypeError, "'", kn, "' is an invalid keyword argument for ", name, "()");
  }
  if (nargs == 0) return raisef(t, t.types().TypeError, name, " expected at least 1 argument, got 0");
  if (nargs > 1 && !dflt.is_null())
    return raisef(t, t.types().TypeError, "Cannot specify a default for ", name,
                  "() with multiple positional arguments");
  if (key.is_none()) key = Value();
  Ref<P> iter;
  if (nargs == 1) {
    Value it = get_iter(t, args[0]);
    if (it.is_null()) return it;
    iter = Ref<P>(it);
  }
  Ref<P> best_item, best_key;
  for (size_t i = 0;; ++i) {
    Value item;
    if (nargs == 1) {
      item = iter_next(t, *iter);
      if (item.is_null()) {
        if (!t.exc.is_null()) return Value();
        break;
      }
    } else {
      if (i == nargs) break;
      item = share<P>(args[i]);
    }
    Ref<P> it_ref(item);
    Ref<P> val;
    if (!key.is_null()) {
      Value k = call(t, key, &item, 1);
      if (k.is_null()) return k;
      val = Ref<P>(k);
    } else {
      val = it_ref;
    }
    if (best_key.is_null()) {
      best_item = it_ref;
      best_key = val;
      continue;
    }
    int c = compare_bool(t, *val, *best_key, op);
    if (c < 0) return Value();
    if (c) {
      best_item = it_ref;
      best_key = val;
    }
  }
  if (best_item.is_null()) {
    if (!dflt.is_null()) return share<P>(dflt);
    return raisef(t, t.types().ValueError, name, "() arg is an empty sequence");
  }
  return best_item.release();
}

template <LockPolicy P>
Value b_min(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return min_max(t, args, nargs, kw, "min", 2);
}
template <LockPolicy P>
Value b_max(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return min_max(t, args, nargs, kw, "max", 4);
}

// sum(iterable, /, start=0): a left fold with +, with fast paths for
// unboxed ints and floats (plain float addition, as CPython 3.11).
template <LockPolicy P>
Value b_sum(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  size_t nkw = kw ? kw->size : 0;
  if (nargs == 0)
    return raise(t, t.types().TypeError, "sum() takes at least 1 positional argument (0 given)");
  if (nargs + nkw > 2)
    return raisef(t, t.types().TypeError, "sum() takes at most 2 arguments (", nargs + nkw, " given)");
  Value start = nargs > 1 ? args[1] : Value::integer(0);
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view kn = as_str(kw->items[k])->view();
    if (kn != "start") return raisef(t, t.types().TypeError, "'", kn, "' is an invalid keyword argument for sum()");
    start = args[nargs + k];
  }
  if (is_str(start)) return raise(t, t.types().TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  if (is_kind(start, Kind::Bytes))
    return raise(t, t.types().TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
  Value it = get_iter(t, args[0]);
  if (it.is_null()) return it;
  Ref<P> iter(it);
  Ref<P> acc = Ref<P>::borrow(start);
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) return t.exc.is_null() ? acc.release() : Value();
    const Value& a = *acc;
    if (a.is_int() && is_small_int(x)) {
      int64_t r;
      if (!__builtin_add_overflow(a.i, as_int_like(x), &r)) {
        acc.reset(Value::integer(r));
        continue;
      }
    } else if (a.is_float() && x.is_float()) {
      acc.reset(Value::number(a.f + x.f));
      continue;
    } else if (a.is_float() && is_small_int(x)) {
      acc.reset(Value::number(a.f + static_cast<double>(as_int_like(x))));
      continue;
    }
    Value r = binary_op(t, 0, a, x);
    decref<P>(x);
    if (r.is_null()) return r;
    acc.reset(r);
  }
}

}  // namespace lockvm::rt::bif
