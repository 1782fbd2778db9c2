// Indexing and slicing shared by str, list, tuple and range.
#pragma once

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/errors.hpp"
#include "runtime/numbers.hpp"
#include "runtime/strings.hpp"

namespace lockvm::rt {

// Normalizes a possibly negative index; false (with IndexError) when out of range.
template <LockPolicy P>
bool seq_index(Thread<P>& t, const Value& key, int64_t len, int64_t& out, const char* what) {
  int64_t i;
  if (!is_small_int(key)) {
    if (is_kind(key, Kind::BigInt)) {
      raisef(t, t.types().IndexError, "cannot fit 'int' into an index-sized integer");
      return false;
    }
    if (!to_int64(t, key, i)) {
      clear_exception(t);
      raisef(t, t.types().TypeError, what, " indices must be integers or slices, not ", type_name(t, key));
      return false;
    }
  } else {
    i = as_int_like(key);
  }
  if (i < 0) i += len;
  if (i < 0 || i >= len) {
    raisef(t, t.types().IndexError, what, " index out of range");
    return false;
  }
  out = i;
  return true;
}

// A slice's three bounds, borrowed: from a slice object, or straight from the
// value stack (BINARY_SLICE / STORE_SLICE build no slice object for `a[i:j]`).
struct SliceBounds {
  Value start, stop, step;  // None (or Null) where omitted
  static SliceBounds of(const SliceObject* s) { return {s->start, s->stop, s->step}; }
  // The n (2 or 3) bounds on top of a value stack.
  static SliceBounds on_stack(const Value* top, uint32_t n) {
    return {top[-int(n)], top[1 - int(n)], n == 3 ? top[-1] : Value::none()};
  }
};

// slice.indices(len): fills start/stop/step and the number of items, with
// Python's clamping rules.
template <LockPolicy P>
bool slice_indices(Thread<P>& t, const SliceBounds& s, int64_t len, int64_t& start, int64_t& stop,
                   int64_t& step, int64_t& count) {
  auto get = [&](const Value& v, int64_t& out, int64_t dflt) -> bool {
    if (v.tag == Tag::Int) { out = v.i; return true; }
    if (v.is_none() || v.is_null()) { out = dflt; return true; }
    if (is_kind(v, Kind::BigInt)) {
      out = as_bigint(v)->value < 0 ? std::numeric_limits<int64_t>::min() / 2 : std::numeric_limits<int64_t>::max() / 2;
      return true;
    }
    if (!to_int64(t, v, out)) {
      clear_exception(t);
      raise(t, t.types().TypeError, "slice indices must be integers or None or have an __index__ method");
      return false;
    }
    return true;
  };
  if (!get(s.step, step, 1)) return false;
  if (step == 0) {
    raise(t, t.types().ValueError, "slice step cannot be zero");
    return false;
  }
  int64_t lower = step < 0 ? -1 : 0, upper = step < 0 ? len - 1 : len;
  if (!get(s.start, start, step < 0 ? upper : lower)) return false;
  if (!get(s.stop, stop, step < 0 ? lower : upper)) return false;
  if (!s.start.is_none() && !s.start.is_null()) {
    if (start < 0) { start += len; if (start < lower) start = lower; }
    else if (start > upper) start = upper;
  }
  if (!s.stop.is_none() && !s.stop.is_null()) {
    if (stop < 0) { stop += len; if (stop < lower) stop = lower; }
    else if (stop > upper) stop = upper;
  }
  // Steps of 1 and -1 (a[i:j], a[::-1]) need no division, which costs
  // tens of cycles: fannkuch's flips take three slices each.
  if (step == 1) count = start < stop ? stop - start : 0;
  else if (step == -1) count = stop < start ? start - stop : 0;
  else if (step > 0) count = start < stop ? (stop - start - 1) / step + 1 : 0;
  else count = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  return true;
}
template <LockPolicy P>
bool slice_indices(Thread<P>& t, const SliceObject* s, int64_t len, int64_t& start, int64_t& stop,
                   int64_t& step, int64_t& count) {
  return slice_indices(t, SliceBounds::of(s), len, start, stop, step, count);
}

template <LockPolicy P>
Value str_slice(Thread<P>& t, StrObject* s, const SliceBounds& b) {
  int64_t start, stop, step, n;
  if (!slice_indices(t, b, static_cast<int64_t>(s->length), start, stop, step, n)) return Value();
  if (step == 1) return str_substr(t, s, start, start + n);
  std::string out;
  if (s->ascii()) {
    for (int64_t k = 0, i = start; k < n; ++k, i += step) out += s->data[i];
  } else {
    std::vector<size_t> offs;  // code point offsets
    for (size_t i = 0; i < s->size;) { offs.push_back(i); unicode::decode(s->view(), i); }
    offs.push_back(s->size);
    for (int64_t k = 0, i = start; k < n; ++k, i += step)
      out.append(s->data + offs[i], offs[i + 1] - offs[i]);
  }
  return new_str(t, out);
}

template <LockPolicy P>
Value str_getitem(Thread<P>& t, StrObject* s, const Value& key) {
  int64_t len = static_cast<int64_t>(s->length);
  if (is_kind(key, Kind::Slice)) return str_slice(t, s, SliceBounds::of(static_cast<SliceObject*>(key.o)));
  int64_t i;
  if (!seq_index(t, key, len, i, "string")) return Value();
  if (s->ascii()) return new_str(t, std::string_view(s->data + i, 1));
  size_t a = unicode::offset_of(s->view(), i);
  size_t b = a;
  unicode::decode(s->view(), b);
  return new_str(t, s->view().substr(a, b - a));
}

// Items [start, start+step*n) of an array of Values, as a new list or tuple.
template <LockPolicy P>
Value slice_values(Thread<P>& t, const Value* items, int64_t start, int64_t step, int64_t n, bool tuple) {
  if (tuple) {
    if (n == 0) return share<P>(t.interp.empty_tuple);
    TupleObject* r = alloc_tuple(t, n);
    for (int64_t k = 0; k < n; ++k) r->items[k] = share<P>(items[start + k * step]);
    return Value::object(r);
  }
  if (step == 1) return new_list(t, items + start, static_cast<size_t>(n));
  Value l = new_list(t);
  auto& v = as_list(l)->items;
  v.resize(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) v[k] = share<P>(items[start + k * step]);
  return l;
}

// l[i] (i may count from the end) with a new reference, read under the list's
// lock (another thread may shrink it); Null when out of range. The fast path
// of BINARY_SUBSCR and of its fused forms.
template <LockPolicy P>
[[gnu::always_inline]] inline Value list_item(ListObject* l, int64_t i) {
  return with_object_locked<P>(l, [&]() LOCKVM_INLINE_LAMBDA {
    int64_t n = static_cast<int64_t>(l->items.size());
    if (i < 0) i += n;
    return i >= 0 && i < n ? share<P>(l->items[i]) : Value();
  });
}

// The next item of a list iterator over l (a new reference), read under the
// list's lock; Null at the end. FOR_ITER's fast path and iter_next's.
template <LockPolicy P>
[[gnu::always_inline]] inline Value list_iter_next(IteratorObject* it, ListObject* l) {
  return with_object_locked<P>(l, [&]() LOCKVM_INLINE_LAMBDA {
    return it->index < static_cast<int64_t>(l->items.size()) ? share<P>(l->items[it->index++]) : Value();
  });
}

// The next int of a range iterator (index, step n2, n1 left), Null at the end.
[[gnu::always_inline]] inline Value range_iter_next(IteratorObject* it) {
  if (it->n1 <= 0) return Value();
  --it->n1;
  Value v = Value::integer(it->index);
  it->index += it->n2;
  return v;
}

// The next item of a range or list iterator, the kinds FOR_ITER (and its
// fusion with STORE_FAST) steps inline; Null at the end or for another kind.
template <LockPolicy P>
[[gnu::always_inline]] inline Value fast_iter_next(IteratorObject* it) {
  if (it->aux16 == static_cast<uint16_t>(IterKind::Range)) return range_iter_next(it);
  if (it->aux16 == static_cast<uint16_t>(IterKind::Seq) && is_kind(it->seq, Kind::List))
    return list_iter_next<P>(it, as_list(it->seq));
  return Value();
}

// l[i] = v, taking over the caller's reference to v; returns the item it
// replaced, for the caller to drop once the lock is let go. Null, and v not
// taken, when i is out of range. The fast path of STORE_SUBSCR and of its
// fused forms.
template <LockPolicy P>
[[gnu::always_inline]] inline Value list_replace_item(ListObject* l, int64_t i, const Value& v) {
  return with_object_locked<P>(l, [&]() LOCKVM_INLINE_LAMBDA {
    int64_t n = static_cast<int64_t>(l->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return Value();
    Value old = l->items[i];
    l->items[i] = v;
    return old;
  });
}

// l[a:b:c], read under the list's lock.
template <LockPolicy P>
Value list_slice(Thread<P>& t, ListObject* l, const SliceBounds& b) {
  ObjectGuard<P> g(l);
  int64_t start, stop, step, n;
  if (!slice_indices(t, b, static_cast<int64_t>(l->items.size()), start, stop, step, n)) return Value();
  return slice_values(t, l->items.data(), start, step, n, false);
}

// tup[a:b:c]; `tup` is the tuple's Value (the whole tuple is itself).
template <LockPolicy P>
Value tuple_slice(Thread<P>& t, const Value& tup, const SliceBounds& b) {
  TupleObject* tp = as_tuple(tup);
  int64_t start, stop, step, n;
  if (!slice_indices(t, b, static_cast<int64_t>(tp->size), start, stop, step, n)) return Value();
  if (step == 1 && n == static_cast<int64_t>(tp->size)) return share<P>(tup);
  return slice_values(t, tp->items, start, step, n, true);
}

template <LockPolicy P>
Value range_getitem(Thread<P>& t, RangeObject* r, const Value& key) {
  if (is_kind(key, Kind::Slice)) {
    int64_t start, stop, step, n;
    if (!slice_indices(t, static_cast<SliceObject*>(key.o), r->length, start, stop, step, n)) return Value();
    int64_t nstart = r->start + start * r->step;
    int64_t nstep = r->step * step;
    return new_range(t, nstart, nstart + n * nstep, nstep);
  }
  int64_t i;
  if (!seq_index(t, key, r->length, i, "range object")) return Value();
  return Value::integer(r->start + i * r->step);
}

}  // namespace lockvm::rt
