// The insertion-ordered hash table behind dict, set and frozenset, after
// CPython's compact dict (Objects/dictobject.c): a dense `entries` array in
// insertion order and a sparse open-addressing `index` of positions into it,
// probed with the same perturbation scheme so every bit of the hash is used.
//
// Callers hold the container's object lock (under the per-object-lock
// policies) around each operation. Equality of keys can run user code
// (__eq__), which may mutate the table; like CPython, we re-check that the
// entry is still there after such a call.
#pragma once

#include "runtime/core.hpp"

namespace lockvm::rt {

namespace ht {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDeleted = -2;

// A key's bit in HashTable::key_bloom, chosen by six bits from the top of
// its hash (the index uses the low ones; str hashes are non-negative, so
// bit 63 would say nothing). LOAD_METHOD asks of every call whether the
// instance dict lacks the method's name (dict_lacks_str), and STORE_ATTR
// whether an attribute is new: with 8 keys in the table, 88 % of absent
// names are answered without a probe. (Two bits per key let only 5 %
// through, but computing the second bit at every check cost deltablue, oop
// and raytrace more than the probes it saved.)
[[gnu::always_inline]] inline uint64_t key_bloom_bits(int64_t hash) {
  return uint64_t{1} << ((static_cast<uint64_t>(hash) >> 57) & 63);
}
// Whether a key of this hash is certainly not in the table.
[[gnu::always_inline]] inline bool bloom_lacks(const HashTable& tab, int64_t hash) {
  return !(tab.key_bloom & key_bloom_bits(hash));
}

inline bool str_eq(StrObject* a, StrObject* b) {
  if (a == b) return true;
  int64_t ha = cached_hash(a->hash), hb = cached_hash(b->hash);
  return (a->size == b->size && (ha == -1 || hb == -1 || ha == hb) &&
                    std::memcmp(a->data, b->data, a->size) == 0);
}

// Finds `key`. Returns 1 and sets `pos` (entry position) when present, 0 when
// absent (then `slot` is where an insert goes), -1 on error.
//
// `locked` is the guard of the container's object lock the caller holds, or null. A
// key comparison that runs Python code (__eq__) runs with that lock released
// — the code may touch the same container, and the lock is not re-entrant —
// and if the table's keys changed meanwhile the probe starts over, as
// CPython's lookdict does.
template <LockPolicy P>
int find(Thread<P>& t, HashTable& tab, const Value& key, int64_t hash, int64_t& pos, size_t& slot,
         ObjectGuard<P>* locked = nullptr) {
restart:
  pos = -1;
  slot = 0;
  if (tab.index.empty()) return 0;
  size_t mask = tab.index.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  bool have_free = false;
  for (;;) {
    int32_t ix = tab.index[i];
    if (ix == kEmpty) {
      if (!have_free) slot = i;
      return 0;
    }
    if (ix == kDeleted) {
      if (!have_free) { slot = i; have_free = true; }
    } else {
      HashEntry& e = tab.entries[ix];
      if (e.key.identical(key)) { pos = ix; return 1; }
      if (e.hash == hash) {
        if (is_str(key) && is_str(e.key)) {
          if (str_eq(as_str(key), as_str(e.key))) { pos = ix; return 1; }
        } else if (key.tag != Tag::Obj && e.key.tag != Tag::Obj) {
          // Unboxed numbers of equal hash: compare numerically (1 == 1.0 == True).
          int r = equal(t, key, e.key);
          if (r) { pos = ix; return 1; }
        } else {
          Value stored = share<P>(e.key);
          uint64_t version = tab.key_version;
          if (locked) locked->release();
          int r = equal(t, key, stored);
          decref<P>(stored);
          if (locked) locked->reacquire();
          if (r < 0) return -1;
          if (tab.key_version != version || tab.index.size() != mask + 1) goto restart;
          if (r) { pos = ix; return 1; }
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// Rebuilds the index for at least `min_used` live entries, dropping deleted
// entries from `entries` (which keeps positions dense and ordered).
inline void rebuild(HashTable& tab, size_t min_used) {
  size_t want = 8;
  while (want * 2 < (min_used + 1) * 3) want <<= 1;
  if (tab.entries.size() != tab.used) {
    size_t w = 0;
    for (size_t r = 0; r < tab.entries.size(); ++r)
      if (!tab.entries[r].key.is_null()) tab.entries[w++] = tab.entries[r];
    tab.entries.resize(w);
  }
  tab.index.assign(want, kEmpty);
  tab.fill = tab.entries.size();
  tab.key_bloom = 0;
  size_t mask = want - 1;
  for (size_t p = 0; p < tab.entries.size(); ++p) {
    tab.key_bloom |= key_bloom_bits(tab.entries[p].hash);
    uint64_t h = static_cast<uint64_t>(tab.entries[p].hash);
    uint64_t perturb = h;
    size_t i = h & mask;
    while (tab.index[i] != kEmpty) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    tab.index[i] = static_cast<int32_t>(p);
  }
}

// Inserts or replaces. Steals nothing: increfs key and value as needed.
template <LockPolicy P>
int insert(Thread<P>& t, HashTable& tab, const Value& key, int64_t hash, const Value& value,
           ObjectGuard<P>* locked = nullptr) {
  int64_t pos;
  size_t slot;
  int r = find(t, tab, key, hash, pos, slot, locked);
  if (r < 0) return -1;
  if (r == 1) {
    Value old = tab.entries[pos].value;
    tab.entries[pos].value = share<P>(value);
    decref<P>(old);
    return 0;
  }
  // Grow (or just clean out deleted markers) when the index would be more
  // than 2/3 full: probing relies on always reaching an empty slot.
  if ((tab.fill + 1) * 3 > tab.index.size() * 2 || (tab.entries.size() + 1) * 3 > tab.index.size() * 2) {
    rebuild(tab, tab.used + 1);
    r = find(t, tab, key, hash, pos, slot, locked);
    if (r < 0) return -1;
  }
  if (tab.index[slot] == kEmpty) ++tab.fill;
  tab.index[slot] = static_cast<int32_t>(tab.entries.size());
  tab.entries.push_back(HashEntry{share<P>(key), share<P>(value), hash});
  tab.key_bloom |= key_bloom_bits(hash);
  ++tab.used;
  ++tab.key_version;
  return 0;
}

// Appends key -> value, both references moved in (the caller takes them once
// this returns true), when the caller knows the
// key is absent and the index has room: STORE_ATTR adding an attribute to an
// instance dict sized for it (alloc_instance). The key's bloom bit being
// clear is the proof of absence, so no key is compared, and the first empty
// slot of the probe sequence takes it (a deleted one would do too, but need
// not). Returns false, with nothing changed, when the index is full enough
// that ht::insert must grow it or the entries have no room (growing is
// ht::insert's business: kept out of here, this inlines small).
[[gnu::always_inline]] inline bool append_absent(HashTable& tab, const Value& key, int64_t hash,
                                                 const Value& value) {
  size_t n = tab.index.size();
  size_t next = tab.entries.size();
  if (!tab.entries.has_room() || (tab.fill + 1) * 3 > n * 2 || (next + 1) * 3 > n * 2)
    return false;  // also when n == 0
  size_t mask = n - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  while (tab.index[i] != kEmpty) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  tab.index[i] = static_cast<int32_t>(next);
  tab.entries.push_back_in_room(HashEntry{key, value, hash});
  ++tab.fill;
  ++tab.used;
  ++tab.key_version;
  tab.key_bloom |= key_bloom_bits(hash);
  return true;
}

// Removes entry `pos`; the caller owns the returned key and value references.
inline HashEntry take(HashTable& tab, int64_t pos) {
  HashEntry e = tab.entries[pos];
  tab.entries[pos].key = Value();
  tab.entries[pos].value = Value();
  size_t mask = tab.index.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(e.hash);
  size_t i = static_cast<size_t>(e.hash) & mask;
  while (tab.index[i] != pos) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  tab.index[i] = kDeleted;
  --tab.used;
  ++tab.key_version;
  // Trailing deleted entries can simply go: keeps popitem() O(1) amortized.
  while (!tab.entries.empty() && tab.entries.back().key.is_null() &&
         tab.entries.size() > tab.used) {
    // Only safe when no index slot points at it: it is deleted, so none does.
    tab.entries.pop_back();
  }
  return e;
}

template <LockPolicy P>
void clear(HashTable& tab) {
  RelocatableVector<HashEntry> old;
  old.swap(tab.entries);
  tab.index.clear();
  tab.used = 0;
  tab.fill = 0;
  tab.key_bloom = 0;
  ++tab.key_version;
  for (HashEntry& e : old) {
    decref<P>(e.key);
    decref<P>(e.value);
  }
}

}  // namespace ht

// Reads. Under the free-threaded policies every read of a table holds the
// container's lock: another thread's insert may reallocate `entries` or
// rewrite the 16-byte value being read. What comes back from dict_get and
// dict_get_str is borrowed, which is only safe while no other thread can drop
// the container's reference meanwhile — true of a class dict (type_setattr
// keeps replaced values alive until the interpreter is single-threaded again,
// runtime/classes.hpp) and of a container the caller's thread alone can reach.
// Reads of dicts scripts share (globals, instance and module attributes, d[k])
// use the _ref forms, which take their reference before the lock is let go.

namespace ht {
// d[key] under d's lock: borrowed, or (kNewRef) a reference taken before the
// lock is let go.
template <bool kNewRef, LockPolicy P>
Value get_locked(Thread<P>& t, DictObject* d, const Value& key) {
  int64_t h;
  if (!hash(t, key, h)) return Value();
  int64_t pos;
  size_t slot;
  ObjectGuard<P> g(d);
  if (find(t, d->table, key, h, pos, slot, &g) != 1) return Value();
  const Value& v = d->table.entries[pos].value;
  return kNewRef ? share<P>(v) : v;
}
}  // namespace ht

template <LockPolicy P>
Value dict_get(Thread<P>& t, DictObject* d, const Value& key) {
  return ht::get_locked<false>(t, d, key);
}

// d[key] as a new reference, or Null (with an exception set only on error).
template <LockPolicy P>
Value dict_get_ref(Thread<P>& t, DictObject* d, const Value& key) {
  return ht::get_locked<true>(t, d, key);
}

namespace ht {
// The position of the interned (or at least hashed) string `key`, or -1. No
// Python code can run: only strings are compared. The caller holds the lock.
inline int64_t find_str(const HashTable& tab, StrObject* key) {
  if (tab.index.empty()) return -1;
  int64_t h = key->hash;  // interned keys have their hash computed at interning
  size_t mask = tab.index.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(h);
  size_t i = static_cast<size_t>(h) & mask;
  for (;;) {
    int32_t ix = tab.index[i];
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      const HashEntry& e = tab.entries[ix];
      if (e.key.tag == Tag::Obj && (e.key.o == key || (e.hash == h && is_str(e.key) &&
                                                       str_eq(as_str(e.key), key))))
        return ix;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}
}  // namespace ht

template <LockPolicy P>
Value dict_get_str(DictObject* d, StrObject* key) {
  ObjectGuard<P> g(d);
  int64_t ix = ht::find_str(d->table, key);
  return ix < 0 ? Value() : d->table.entries[ix].value;
}

template <LockPolicy P>
Value dict_get_str_ref(DictObject* d, StrObject* key) {
  ObjectGuard<P> g(d);
  int64_t ix = ht::find_str(d->table, key);
  return ix < 0 ? Value() : share<P>(d->table.entries[ix].value);
}

// The live entries of a dict or set, copied with new references under its
// lock: for walks that run Python code (==, hash) or look into a second
// container, which must not happen with the first one's lock held.
template <LockPolicy P>
struct TableSnapshot {
  std::vector<HashEntry> entries;
  TableSnapshot(Object* owner, const HashTable& tab) {
    ObjectGuard<P> g(owner);
    entries.reserve(tab.used);
    for (const HashEntry& e : tab.entries)
      if (!e.key.is_null()) entries.push_back(HashEntry{share<P>(e.key), share<P>(e.value), e.hash});
  }
  ~TableSnapshot() {
    for (HashEntry& e : entries) {
      decref<P>(e.key);
      decref<P>(e.value);
    }
  }
  TableSnapshot(const TableSnapshot&) = delete;
  TableSnapshot& operator=(const TableSnapshot&) = delete;
};

template <LockPolicy P>
int dict_set(Thread<P>& t, DictObject* d, const Value& key, const Value& v) {
  int64_t h;
  if (!hash(t, key, h)) return -1;
  ObjectGuard<P> g(d);
  return ht::insert(t, d->table, key, h, v, &g);
}

template <LockPolicy P>
int dict_del(Thread<P>& t, DictObject* d, const Value& key) {
  int64_t h;
  if (!hash(t, key, h)) return -1;
  int64_t pos;
  size_t slot;
  HashEntry e;
  {
    ObjectGuard<P> g(d);
    int r = ht::find(t, d->table, key, h, pos, slot, &g);
    if (r <= 0) return r;
    e = ht::take(d->table, pos);
  }
  decref<P>(e.key);
  decref<P>(e.value);
  return 1;
}

template <LockPolicy P>
int set_add(Thread<P>& t, SetObject* s, const Value& key) {
  int64_t h;
  if (!hash(t, key, h)) return -1;
  ObjectGuard<P> g(s);
  return ht::insert(t, s->table, key, h, Value(), &g);
}

template <LockPolicy P>
int set_contains(Thread<P>& t, SetObject* s, const Value& key) {
  int64_t h;
  if (!hash(t, key, h)) return -1;
  int64_t pos;
  size_t slot;
  ObjectGuard<P> g(s);
  return ht::find(t, s->table, key, h, pos, slot, &g);
}

template <LockPolicy P>
int set_discard(Thread<P>& t, SetObject* s, const Value& key) {
  int64_t h;
  if (!hash(t, key, h)) return -1;
  int64_t pos;
  size_t slot;
  HashEntry e;
  {
    ObjectGuard<P> g(s);
    int r = ht::find(t, s->table, key, h, pos, slot, &g);
    if (r <= 0) return r;
    e = ht::take(s->table, pos);
  }
  decref<P>(e.key);
  return 1;
}

}  // namespace lockvm::rt
