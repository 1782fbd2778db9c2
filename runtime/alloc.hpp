// Constructors for heap objects: the only place that placement-news an
// object into storage from Heap<P>::allocate.
#pragma once

#include <bit>

#include <cstring>
#include <new>

#include "runtime/core.hpp"
#include "runtime/unicode.hpp"

namespace lockvm::rt {

inline int64_t hash_bytes(std::string_view s);  // strings.hpp

// Allocates and constructs an object whose C++ type is T, with `extra` bytes
// after it (variable-size objects: str, tuple). Containers are registered
// with the cycle collector (gc.hpp) here, the one constructor path.
template <LockPolicy P, class T>
T* alloc_object(TypeObject* type, Kind kind, size_t extra = 0) {
  void* mem = Heap<P>::allocate(sizeof(T) + extra, alignof(T));
  T* o = new (mem) T();
  o->type = type;
  o->kind = kind;
  GcState<P>::on_alloc(o);
  return o;
}

template <LockPolicy P>
StrObject* alloc_str(Thread<P>& t, size_t size) {
  auto* s = alloc_object<P, StrObject>(t.types().str, Kind::Str, size);
  s->hash = -1;
  s->size = size;
  s->data[size] = '\0';
  return s;
}

// Sets length and the ASCII flag once the bytes are in place.
// Eight bytes at a time: a byte with its top bit set is not ASCII, and one
// with the top bits 10 continues a code point (bit 6 shifted left lands on
// bit 7 of the same byte).
inline void str_finish(StrObject* s) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t n = 0, i = 0;
  uint64_t high = 0;
  for (; i + 8 <= s->size; i += 8) {
    uint64_t w;
    std::memcpy(&w, s->data + i, 8);
    high |= w;
    n += (w & kHigh) ? 8 - std::popcount(w & ~(w << 1) & kHigh) : 8;
  }
  for (; i < s->size; ++i) {
    unsigned char c = static_cast<unsigned char>(s->data[i]);
    high |= c;
    if ((c & 0xC0) != 0x80) ++n;
  }
  s->length = n;
  if (!(high & kHigh)) s->flags |= kStrAscii;
}

template <LockPolicy P>
Value new_str(Thread<P>& t, std::string_view utf8) {
  if (utf8.empty()) return share<P>(t.interp.empty_str);
  if (utf8.size() == 1 && static_cast<unsigned char>(utf8[0]) < 128) {
    StrObject* c = t.interp.single_chars[static_cast<unsigned char>(utf8[0])];
    if (c) { incref<P>(c); return Value::object(c); }
  }
  StrObject* s = alloc_str(t, utf8.size());
  std::memcpy(s->data, utf8.data(), utf8.size());
  str_finish(s);
  return Value::object(s);
}

template <LockPolicy P>
Value new_bytes(Thread<P>& t, std::string_view data) {
  auto* b = alloc_object<P, BytesObject>(t.types().bytes, Kind::Bytes, data.size());
  b->hash = -1;
  b->size = data.size();
  std::memcpy(b->data, data.data(), data.size());
  b->data[data.size()] = '\0';
  return Value::object(b);
}

// Interned strings are immortal: names and identifier-like constants are
// shared by every code object and thread, so they must never contend on a
// reference count (PEP 703 makes them immortal for the same reason).
template <LockPolicy P>
StrObject* intern(Interp<P>& in, std::string_view utf8) {
  TablesLock<P> lock(in.tables_mu);
  auto it = in.interned.find(utf8);
  if (it != in.interned.end()) return it->second;
  auto* s = alloc_object<P, StrObject>(in.types.str, Kind::Str, utf8.size());
  s->hash = -1;
  s->size = utf8.size();
  std::memcpy(s->data, utf8.data(), utf8.size());
  s->data[utf8.size()] = '\0';
  str_finish(s);
  s->hash = hash_bytes(s->view());
  s->flags |= kStrInterned | kObjImmortal;
  P::make_immortal(Heap<P>::header(s));
  in.interned.emplace(s->view(), s);
  in.immortals.push_back(s);
  return s;
}

template <LockPolicy P>
Value new_bigint(Thread<P>& t, BigInt v) {
  if (v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max())
    return Value::integer(static_cast<int64_t>(v));
  auto* b = alloc_object<P, BigIntObject>(t.types().int_, Kind::BigInt);
  b->value = std::move(v);
  return Value::object(b);
}

template <LockPolicy P>
TupleObject* alloc_tuple(Thread<P>& t, size_t n) {
  auto* tup = alloc_object<P, TupleObject>(t.types().tuple, Kind::Tuple,
                                           n ? (n - 1) * sizeof(Value) : 0);
  tup->hash = -1;
  tup->size = n;
  for (size_t i = 0; i < n; ++i) new (&tup->items[i]) Value(Value::none());
  return tup;
}

template <LockPolicy P>
Value new_tuple(Thread<P>& t, const Value* items, size_t n) {
  if (n == 0 && !t.interp.empty_tuple.is_null()) return share<P>(t.interp.empty_tuple);
  TupleObject* tup = alloc_tuple(t, n);
  for (size_t i = 0; i < n; ++i) tup->items[i] = share<P>(items[i]);
  return Value::object(tup);
}

template <LockPolicy P>
Value new_list(Thread<P>& t, const Value* items, size_t n) {
  auto* l = alloc_object<P, ListObject>(t.types().list, Kind::List);
  l->items.assign(items, items + n);
  for (Value& v : l->items) incref<P>(v);
  return Value::object(l);
}

template <LockPolicy P>
Value new_dict(Thread<P>& t) {
  return Value::object(alloc_object<P, DictObject>(t.types().dict, Kind::Dict));
}

template <LockPolicy P>
Value new_set(Thread<P>& t, bool frozen) {
  return Value::object(alloc_object<P, SetObject>(frozen ? t.types().frozenset : t.types().set,
                                                  frozen ? Kind::FrozenSet : Kind::Set));
}

template <LockPolicy P>
Value new_range(Thread<P>& t, int64_t start, int64_t stop, int64_t step) {
  auto* r = alloc_object<P, RangeObject>(t.types().range, Kind::Range);
  r->start = start;
  r->stop = stop;
  r->step = step;
  int64_t n = 0;
  if (step > 0 && start < stop) n = static_cast<int64_t>((static_cast<__int128>(stop) - start - 1) / step + 1);
  else if (step < 0 && start > stop) n = static_cast<int64_t>((static_cast<__int128>(start) - stop - 1) / -static_cast<__int128>(step) + 1);
  r->length = n;
  return Value::object(r);
}

template <LockPolicy P>
Value new_slice(Thread<P>& t, Value start, Value stop, Value step) {
  auto* s = alloc_object<P, SliceObject>(t.types().slice, Kind::Slice);
  s->start = share<P>(start);
  s->stop = share<P>(stop);
  s->step = share<P>(step);
  return Value::object(s);
}

template <LockPolicy P>
Value new_cell(Thread<P>& t, Value contents) {
  auto* c = alloc_object<P, CellObject>(t.types().cell, Kind::Cell);
  c->contents = share<P>(contents);
  return Value::object(c);
}

template <LockPolicy P>
Value new_bound_method(Thread<P>& t, Value func, Value self) {
  auto* m = alloc_object<P, BoundMethodObject>(t.types().method, Kind::BoundMethod);
  m->func = share<P>(func);
  m->self = share<P>(self);
  return Value::object(m);
}

template <LockPolicy P>
Value new_native(Thread<P>& t, const char* name, NativeFn<P> fn, Value self) {
  auto* n = alloc_object<P, NativeObject>(t.types().builtin_function, Kind::Native);
  n->fn = reinterpret_cast<ErasedFn>(fn);
  n->name = name;
  n->self = share<P>(self);
  return Value::object(n);
}

template <LockPolicy P>
inline NativeFn<P> native_fn(NativeObject* n) { return reinterpret_cast<NativeFn<P>>(n->fn); }

template <LockPolicy P>
Value new_iterator(Thread<P>& t, IterKind kind, Value seq, Value aux, int64_t index, int64_t n1, int64_t n2) {
  auto* it = alloc_object<P, IteratorObject>(t.types().iterator, Kind::Iterator);
  it->aux16 = static_cast<uint16_t>(kind);
  it->seq = share<P>(seq);
  it->aux = share<P>(aux);
  it->index = index;
  it->n1 = n1;
  it->n2 = n2;
  return Value::object(it);
}

template <LockPolicy P>
Value new_module(Thread<P>& t, std::string_view name) {
  auto* m = alloc_object<P, ModuleObject>(t.types().module, Kind::Module);
  m->name = intern(t.interp, name);
  Value d = new_dict(t);
  m->dict = as_dict(d);
  Value mod = Value::object(m);
  dict_set(t, m->dict, Value::object(t.names().__name__), Value::object(m->name));
  return mod;
}

}  // namespace lockvm::rt
