// Where an instance keeps its attributes: inline values in the instance
// itself, named by keys its class shares, until the instance needs a real
// __dict__ (vm/object.hpp has the layouts: InstanceObject, InstanceKeys).
//
//     instance                          class's InstanceKeys
//     ┌───────────────┐                 ┌─────────────────────┐
//     │ type ─────────┼──► TypeObject ──► count 3, bloom        │
//     │ dict = null   │                 │ names: x  y  z  .. │
//     │ nvalues 3     │                 └─────────────────────┘
//     │ values: 1 2 3 │  values[i] is the attribute names[i]
//     └───────────────┘
//
// Why: a cached attribute read used to load instance -> dict -> entries,
// three objects in three cache lines, and deltablue, which does little else,
// missed the L1 cache 1.7x as often as CPython 3.11, whose instances keep
// their values inline since 3.11. Now the read is the instance's own line
// plus the names, which every instance of the class shares and which
// therefore stay cached. An instance also takes a fraction of the memory: no
// dict object, entries or index.
//
// An instance moves its attributes into a dict, for good, when inline values
// cannot express what a script does: an attribute deleted, added out of the
// class's usual order, under a name that is not interned, or past the room
// it was allocated with; or its __dict__ asked for (vars(), obj.__dict__).
// Pickling copies the values instead. Every reader checks `dict` first.
//
// Threads: inline values are read and written under the instance's lock
// (as a dict's entries are under the dict's), and the move to a dict happens
// under it, setting nvalues to 0 before `dict` is published with a release
// store. So a reader that saw a null dict and then finds nvalues too small
// under the lock takes the generic path, which looks again.
#pragma once

#include "runtime/hashtable.hpp"

namespace lockvm::rt {

// The interned name of slot `name` of `type`, or null if it is not a slot.
inline StrObject* find_slot(TypeObject* type, StrObject* name) {
  for (StrObject* s : type->slot_names)
    if (s == name || s->view() == name->view()) return s;
  return nullptr;
}

// New instances get room for TypeObject::dict_size_hint attributes (inline
// values, or an instance dict presized), which stores raise, up to
// kMaxDictSizeHint, when an instance outgrows it. A relaxed atomic: threads
// racing on it can only lose an update of a guess.
inline constexpr uint32_t kMaxDictSizeHint = 64;
inline uint32_t load_dict_size_hint(TypeObject* tp) {
  return relaxed_load(tp->dict_size_hint);
}
inline void raise_dict_size_hint(TypeObject* tp, uint64_t n) {
  if (n > load_dict_size_hint(tp) && n <= kMaxDictSizeHint)
    relaxed_store(tp->dict_size_hint, static_cast<uint32_t>(n));
}

// Whether `d` lacks key `key` (interned): LOAD_METHOD's check that the
// instance dict does not shadow a method, on every call. Most often the
// key's bloom bit is clear; else the probe loop is inline and compares
// pointers (instance dicts are keyed by interned names); an entry with the
// same hash but another pointer goes to ht::find_str.
template <LockPolicy P>
[[gnu::always_inline]] inline bool dict_lacks_str(DictObject* d, StrObject* key) {
  return with_object_locked<P>(d, [&]() LOCKVM_INLINE_LAMBDA {
    const HashTable& tab = d->table;
    int64_t h = key->hash;
    if (ht::bloom_lacks(tab, h)) return true;  // also when the table is empty
    size_t mask = tab.index.size() - 1;
    uint64_t perturb = static_cast<uint64_t>(h);
    size_t i = static_cast<size_t>(h) & mask;
    for (;;) {
      int32_t ix = tab.index[i];
      if (ix == ht::kEmpty) return true;
      if (ix >= 0) {
        const HashEntry& e = tab.entries[ix];
        if (e.hash == h) return e.key.tag == Tag::Obj && e.key.o == key ? false : ht::find_str(tab, key) < 0;
      }
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
  });
}

[[gnu::always_inline]] inline DictObject* load_instance_dict(const InstanceObject* inst) {
  return __atomic_load_n(&inst->dict, __ATOMIC_ACQUIRE);
}
inline void publish_instance_dict(InstanceObject* inst, DictObject* d) {
  __atomic_store_n(&inst->dict, d, __ATOMIC_RELEASE);
}

[[gnu::always_inline]] inline StrObject* inline_key(const InstanceKeys* k, uint32_t i) {
  return relaxed_load(k->names[i]);
}

// How many attributes instances of `type` will likely get, known before
// any instance exists: the distinct names that `self.<name> = ...` stores in
// the functions of the class and its bases (CPython 3.13 sizes its shared
// keys the same way). Without it, the first instances of a class would have
// no room, and a class with few instances (richards's tasks) would never
// have any inline.
template <LockPolicy P>
uint32_t expected_instance_attrs(TypeObject* type) {
  std::vector<StrObject*> seen;
  for (TypeObject* m : type->mro) {
    if (m->builtin) continue;
    ObjectGuard<P> g(m->dict);  // a base's dict: another thread may be changing it
    for (const HashEntry& e : m->dict->table.entries) {
      if (!is_kind(e.value, Kind::Function)) continue;
      CodeObject* code = static_cast<FunctionObject*>(e.value.o)->code;
      const std::vector<Instr>& instrs = code->proto->code;
      for (size_t i = 1; i < instrs.size(); ++i) {
        if (instr_op(instrs[i]) != Op::STORE_ATTR || instr_op(instrs[i - 1]) != Op::LOAD_FAST ||
            instr_arg(instrs[i - 1]) != 0)
          continue;
        StrObject* name = code->names[instr_arg(instrs[i])];
        if (std::find(seen.begin(), seen.end(), name) == seen.end()) seen.push_back(name);
      }
    }
  }
  return static_cast<uint32_t>(std::min<size_t>(seen.size(), InstanceKeys::kMax));
}

// The position of the interned `name` among the first n names of k, or -1
// (distinct interned strings differ: pointers suffice).
[[gnu::always_inline]] inline int64_t key_position(const InstanceKeys* k, uint32_t n, StrObject* name) {
  for (uint32_t i = 0; i < n; ++i)
    if (inline_key(k, i) == name) return i;
  return -1;
}

// The position of `name` among inst's inline values, or -1. The caller holds
// inst's lock and has seen its dict null.
inline int64_t inline_find(const InstanceObject* inst, StrObject* name) {
  uint32_t n = inst->nvalues;
  if (n == 0) return -1;
  const InstanceKeys* k = inst->type->instance_keys.get();
  if (name->flags & kStrInterned) {
    if (!(relaxed_load(k->bloom) & ht::key_bloom_bits(name->hash))) return -1;
    return key_position(k, n, name);
  }
  for (uint32_t i = 0; i < n; ++i)
    if (ht::str_eq(inline_key(k, i), name)) return i;
  return -1;
}

// The attribute caches' read: value i, as a new reference, or Null if the
// instance has no value i (or has its attributes in a dict: the caller falls
// back on the generic path). `name` is checked against the keys when the
// cache word's index is only a hint; a word holding a position in the
// class's keys, which name the same attribute for good, passes null.
template <LockPolicy P>
[[gnu::always_inline]] inline Value inline_value_at(InstanceObject* inst, uint32_t i, StrObject* name = nullptr) {
  return with_object_locked<P>(inst, [&]() LOCKVM_INLINE_LAMBDA {
    if (i >= inst->nvalues || (name && inline_key(inst->type->instance_keys.get(), i) != name)) return Value();
    return share<P>(inst->values()[i]);
  });
}

// STORE_ATTR's cached store: replaces value i (checked against `name` as
// inline_value_at checks it), taking over the caller's reference to v, and
// returns the old value for the caller to drop; Null, v not taken, if there
// is none.
template <LockPolicy P>
[[gnu::always_inline]] inline Value inline_value_swap(InstanceObject* inst, uint32_t i, const Value& v,
                                                      StrObject* name = nullptr) {
  return with_object_locked<P>(inst, [&]() LOCKVM_INLINE_LAMBDA {
    if (i >= inst->nvalues || (name && inline_key(inst->type->instance_keys.get(), i) != name)) return Value();
    Value& slot = inst->values()[i];
    Value old = slot;
    if (!old.is_null()) slot = v;
    return old;
  });
}

// STORE_ATTR's cached store of a new attribute, taking over the caller's
// reference to v: the next inline value, when it is position `i` and the
// instance has room. `i` is a position in the class's keys known to name
// `name` (at_keys_pos), or else a hint to check. Returns the position, or
// -1, v not taken, otherwise (instance_setattr then decides).
template <LockPolicy P>
[[gnu::always_inline]] inline int64_t inline_value_append(InstanceObject* inst, uint32_t i, bool at_keys_pos,
                                                          StrObject* name, const Value& v) {
  return with_object_locked<P>(inst, [&]() LOCKVM_INLINE_LAMBDA {
    uint32_t n = inst->nvalues;
    if (n >= inst->capacity || load_instance_dict(inst)) return int64_t{-1};
    if (!at_keys_pos || n != i) {
      const InstanceKeys* k = inst->type->instance_keys.get();
      if (n >= __atomic_load_n(&k->count, __ATOMIC_ACQUIRE) || inline_key(k, n) != name) return int64_t{-1};
    }
    inst->values()[n] = v;
    inst->nvalues = n + 1;
    return int64_t{n};
  });
}

// Whether position n of k names `name`, appending `name` there when k has
// exactly n names and room. Instances append in order, so n never exceeds
// the count.
template <LockPolicy P>
bool inline_key_at(Thread<P>& t, InstanceKeys* k, uint32_t n, StrObject* name) {
  uint32_t count = __atomic_load_n(&k->count, __ATOMIC_ACQUIRE);
  if (n < count) return inline_key(k, n) == name;
  if (n != count || n >= InstanceKeys::kMax || !(name->flags & kStrInterned)) return false;
  TablesLock<P> lock(t.interp.tables_mu);  // another instance may be appending too
  count = relaxed_load(k->count);
  if (n < count) return inline_key(k, n) == name;
  relaxed_store(k->names[n], name);
  relaxed_store(k->bloom, relaxed_load(k->bloom) | ht::key_bloom_bits(name->hash));
  __atomic_store_n(&k->count, n + 1, __ATOMIC_RELEASE);
  return true;
}

// Sets attribute `name` to v (a new reference is taken) inline if it can:
// replacing it, or appending it in the class's order. False when the
// instance needs its dict for this (instance_materialize).
template <LockPolicy P>
bool inline_store(Thread<P>& t, InstanceObject* inst, StrObject* name, const Value& v) {
  Value old;
  {
    ObjectGuard<P> g(inst);
    if (inst->dict) return false;
    int64_t i = inline_find(inst, name);
    if (i >= 0) {
      Value& slot = inst->values()[i];
      old = slot;
      slot = share<P>(v);
    } else {
      uint32_t n = inst->nvalues;
      if (n == inst->capacity) {
        // Instances of this class get room for this many from now on.
        raise_dict_size_hint(inst->type, uint64_t{n} + 1);
        return false;
      }
      if (!inline_key_at(t, inst->type->instance_keys.get(), n, name)) return false;
      inst->values()[n] = share<P>(v);
      inst->nvalues = n + 1;
    }
  }
  decref<P>(old);
  return true;
}

// A new dict of inst's inline attributes (their own references); the
// caller holds inst's lock and has seen its dict null.
template <LockPolicy P>
DictObject* inline_values_dict(Thread<P>& t, InstanceObject* inst) {
  DictObject* d = as_dict(new_dict(t));
  const InstanceKeys* k = inst->type->instance_keys.get();
  Value* vals = inst->values();
  for (uint32_t i = 0; i < inst->nvalues; ++i)
    if (!vals[i].is_null())  // (cleared by the cycle collector)
      dict_set(t, d, Value::object(inline_key(k, i)), vals[i]);  // str keys: cannot fail
  return d;
}

// inst's __dict__, made now from its inline values if it has none yet; from
// then on its attributes live there.
template <LockPolicy P>
DictObject* instance_materialize(Thread<P>& t, InstanceObject* inst) {
  if (DictObject* d = load_instance_dict(inst)) return d;
  ObjectGuard<P> g(inst);
  if (inst->dict) return inst->dict;
  DictObject* d = inline_values_dict(t, inst);
  for (uint32_t i = 0; i < inst->nvalues; ++i) decref<P>(inst->values()[i]);  // the dict holds them now
  inst->nvalues = 0;
  publish_instance_dict(inst, d);
  return d;
}

// A dict of inst's attributes, as a new reference: its __dict__ if it has
// one, else a copy of its inline values, which stay where they are
// (pickling an instance for another process need not slow it down here).
template <LockPolicy P>
Value instance_attrs_dict(Thread<P>& t, InstanceObject* inst) {
  ObjectGuard<P> g(inst);
  DictObject* d = inst->dict;
  if (!d) return Value::object(inline_values_dict(t, inst));
  incref<P>(d);
  return Value::object(d);
}

// inst.name from wherever inst keeps it, as a new reference, or Null; `pos`
// gets its position (dict entry or inline value, the attribute caches' hint)
// or -1, and `inline_pos` whether the instance keeps its attributes inline.
template <LockPolicy P>
Value instance_attr_ref(InstanceObject* inst, StrObject* name, int64_t* pos = nullptr, bool* inline_pos = nullptr) {
  for (;;) {
    if (DictObject* d = load_instance_dict(inst)) {
      ObjectGuard<P> g(d);
      int64_t ix = ht::find_str(d->table, name);
      if (pos) *pos = ix;
      if (inline_pos) *inline_pos = false;
      return ix < 0 ? Value() : share<P>(d->table.entries[ix].value);
    }
    ObjectGuard<P> g(inst);
    if (inst->dict) continue;  // moved to a dict since we looked
    int64_t i = inline_find(inst, name);
    if (pos) *pos = i;
    if (inline_pos) *inline_pos = true;
    return i < 0 ? Value() : share<P>(inst->values()[i]);
  }
}

template <LockPolicy P>
[[gnu::noinline]] bool instance_lacks_slow(InstanceObject* inst, StrObject* name) {
  Value v = instance_attr_ref<P>(inst, name);
  decref<P>(v);
  return v.is_null();
}

// Whether inst has no attribute `name` (interned) of its own: LOAD_METHOD's
// check that no instance attribute shadows a method, on every call. The
// class's bloom bits answer most; the rest compare the names inline (a
// method name can share a bit with an attribute: richards's do); an
// instance with a dict asks it.
template <LockPolicy P>
[[gnu::always_inline]] inline bool instance_lacks(InstanceObject* inst, StrObject* name) {
  if (DictObject* d = load_instance_dict(inst)) return dict_lacks_str<P>(d, name);
  const InstanceKeys* k = inst->type->instance_keys.get();
  if (!(relaxed_load(k->bloom) & ht::key_bloom_bits(name->hash))) return true;
  int lacks = with_object_locked<P>(inst, [&]() LOCKVM_INLINE_LAMBDA {
    if (inst->dict) return -1;  // moved to a dict since we looked
    return key_position(k, inst->nvalues, name) < 0 ? 1 : 0;
  });
  return lacks >= 0 ? lacks : instance_lacks_slow<P>(inst, name);
}

}  // namespace lockvm::rt
