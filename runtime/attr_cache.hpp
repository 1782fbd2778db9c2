// The attribute caches of LOAD_ATTR, STORE_ATTR and LOAD_METHOD sites: type
// version tags, the cache words, their hits' checks against the live object,
// and the fills a miss makes (the eval loop's side is vm/eval_ops_attr.inc;
// the generic lookups they stand in for are in runtime/classes.hpp).
#pragma once

#include "runtime/instance_attrs.hpp"
#include "runtime/type_version.hpp"

namespace lockvm::rt {

// CPython 3.11's specializing interpreter, adapted. Every LOAD_ATTR,
// STORE_ATTR and LOAD_METHOD site has an AttrCache (vm/object.hpp), filled on
// a miss by the attr_fill_* functions below with what the generic path
// (instance_getattr, type_getattr, setattr) found for the receiver's type,
// and validated on every use by:
//
//   * the type's version tag (runtime/type_version.hpp): it changes whenever
//     the dict of the type or of any base changes, so "the MRO lookup of
//     this name gives a property / a plain function / this class attribute /
//     nothing that takes precedence over the instance dict" stays true for as
//     long as the tag matches. A word naming a class attribute carries the
//     attribute itself, as CPython's LOAD_METHOD cache carries its
//     descriptor: the tag alone says it is still there, so a hit reads no
//     class dict (deltablue spent a tenth of its time in the four dependent
//     loads that took: type, MRO, class dict, entry);
//   * the object itself, for values that live in it: an instance's inline
//     value at a keys position (instance_attrs.hpp), or the entry of an
//     instance or module dict the word points at, whose key must still be
//     `name`; the value is read from there, never from the cache.
//
// Types whose attribute access is customized (a Python __getattribute__ or
// __setattr__) and the layouts with special cases (exceptions; __slots__
// classes that also have a __dict__; built-in objects other than plain
// method receivers) never get an entry, so they always take the generic path.
//
// Threads: a way's word is read and written as one atomic 64-bit access, so
// a reader sees one fill or another, never a mix, and a fill writes the
// way's class attribute while the word says "busy", so a reader that finds
// the word unchanged after reading the attribute read the fill's own
// (attr_insert, attr_class_value). A stale word costs a miss. A
// type's tag is likewise one atomic 32-bit word, and so are the words of
// TypeObject::special_lookups. Under the free-threaded policies, class dict
// mutations (and so type_modified, and the subclass lists it walks) must
// happen with the class locked; a hit's reads of an instance dict follow the
// generic path's discipline (reads unlocked, as dict_get_str; stores under
// the dict's ObjectGuard, as dict_set); and a borrowed class attribute must
// be kept alive until it has been increfed: one that type_setattr replaces
// is retired until the world next stops (classes.hpp, retire), which is
// PEP 703's deferred reference counting in its simplest form.

// A cache word: [63..32] type version tag, [31..24] AttrKind, [23..16] MRO
// depth of the class whose dict holds the attribute, [15..0] entry index.
// A word of the kinds that name a class attribute (TypeDescr, Method,
// Property, ClassAttr, BuiltinMethod, StoreProperty) has the attribute
// itself beside it in its way, and a hit reads that; its (depth, index) say
// where the fill found it, and are read back only by the special lookups
// (type_lookup_cached), which keep words alone.
enum class AttrKind : uint8_t {
  Empty = 0,
  InstanceValue,  // LOAD_ATTR, LOAD_METHOD: a value in the instance dict, at entry `index` (a hint)
  TypeDescr,      // LOAD_ATTR, LOAD_METHOD: the instance dict lacks the name; the class attribute at
                  // (depth, index) is bound as bind_descriptor binds it
  Method,         // LOAD_METHOD: as TypeDescr, for a plain function: pushed unbound with self
  Property,       // LOAD_ATTR: a property at (depth, index): its getter is called inline
  ModuleValue,    // LOAD_ATTR, LOAD_METHOD on a module: entry `index` of its dict (no type version)
  ClassAttr,      // LOAD_ATTR, LOAD_METHOD on a class: the attribute at (depth, index) of its MRO
  BuiltinMethod,  // LOAD_METHOD on a built-in object: a native method at (depth, index)
  StoreInstance,  // STORE_ATTR: a plain store into the instance dict (slotted: a slot), at entry `index` (a hint)
  StoreProperty,  // STORE_ATTR: a property at (depth, index): its setter is called
};
inline constexpr uint32_t kAttrNoIndex = 0xFFFF;  // an index hint that never matches
inline constexpr uint32_t kAttrMaxDepth = 0xFF;

constexpr uint64_t attr_word(uint32_t version, AttrKind kind, uint32_t depth, uint32_t index) {
  return uint64_t{version} << 32 | uint64_t{static_cast<uint8_t>(kind)} << 24 | uint64_t{depth} << 16 | index;
}
constexpr uint32_t attr_version(uint64_t w) { return static_cast<uint32_t>(w >> 32); }
constexpr AttrKind attr_kind(uint64_t w) { return static_cast<AttrKind>((w >> 24) & 0xFF); }
constexpr uint32_t attr_depth(uint64_t w) { return (w >> 16) & 0xFF; }
constexpr uint32_t attr_index(uint64_t w) { return w & 0xFFFF; }

// Where a site keeps a receiver type: each tag has a home way, its low two
// bits. A polymorphic site (deltablue's constraint methods see five classes)
// then finds each of up to four types whose tags have different homes with
// one probe, where a scan from the front took 2.2 on the average; a tag whose
// home was taken when it was filled lives in another way and is found by the
// scan. Module words (tag 0) live only in way 0, their home. The word is
// read with acquire order, which costs nothing on x86-64 and which
// attr_class_value needs.
[[gnu::always_inline]] inline uint64_t attr_load_way(const AttrCache::Way& way) {
  return __atomic_load_n(&way.word, __ATOMIC_ACQUIRE);
}
constexpr int attr_home(uint32_t version) { return static_cast<int>(version % AttrCache::kWays); }

// A cache hit: the word found (0, AttrKind::Empty, on a miss) and its way.
struct AttrHit {
  uint64_t w = 0;
  const AttrCache::Way* way = nullptr;
};

// The way of `c` filled for type tag `version`. For version 0 (a type
// without a tag yet, or a module receiver): way 0 when it holds a
// ModuleValue word or nothing, else an empty word.
[[gnu::always_inline]] inline AttrHit attr_find(const AttrCache& c, uint32_t version) {
  const AttrCache::Way* home = &c.ways[attr_home(version)];
  uint64_t w = attr_load_way(*home);
  if (static_cast<uint32_t>(w >> 32) == version) [[likely]] return {w, home};
  for (const AttrCache::Way& way : c.ways) {
    w = attr_load_way(way);
    if (static_cast<uint32_t>(w >> 32) == version) return {w, &way};
  }
  return {};
}
[[gnu::always_inline]] inline uint64_t attr_lookup(const AttrCache& c, uint32_t version) {
  return attr_find(c, version).w;
}

// The class attribute of a hit whose word names one (borrowed), or Null when
// a fill replaced the way while it was being read. Under the single-runner
// policies nothing can: the value is read as it is.
template <LockPolicy P>
[[gnu::always_inline]] inline Value attr_class_value(const AttrHit& h) {
  if constexpr (!P::kParallel) {
    return h.way->value;
  } else {
    Value v;
    __atomic_load(&h.way->value.i, &v.i, __ATOMIC_ACQUIRE);
    __atomic_load(&h.way->value.tag, &v.tag, __ATOMIC_ACQUIRE);
    if (relaxed_load(h.way->word) != h.w) return Value();
    return v;
  }
}

// Records `w`, with the class attribute `value` it names (Null for the other
// kinds): in its tag's home if that is free or already the tag's, else in
// the way filled for the same tag, else in an empty way, else in the home,
// dropping what was there.
//
// A fill first claims its way by swapping the word it found for
// kAttrWayBusy, which matches no tag, and gives up if another fill holds it
// or got there first (the next miss fills again): two fills that
// interleaved their stores could leave one's word with the other's value.
// The value is then stored, then the word, with release order, so that a
// reader who sees the new value (attr_class_value) also sees a word other
// than the one it started from.
inline constexpr uint64_t kAttrWayBusy = ~uint64_t{0};
inline void attr_insert(AttrCache& c, uint64_t w, const Value& value = Value()) {
  auto store = [&](AttrCache::Way& way) {
    uint64_t found = attr_load_way(way);
    if (found == kAttrWayBusy ||
        !__atomic_compare_exchange_n(&way.word, &found, kAttrWayBusy, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
      return;
    __atomic_store(&way.value.i, &value.i, __ATOMIC_RELEASE);
    __atomic_store(&way.value.tag, &value.tag, __ATOMIC_RELEASE);
    __atomic_store_n(&way.word, w, __ATOMIC_RELEASE);
  };
  uint32_t version = attr_version(w);
  AttrCache::Way& home = c.ways[attr_home(version)];
  uint64_t at_home = attr_load_way(home);
  if (version == 0 || at_home == 0 || attr_version(at_home) == version) return store(home);
  for (AttrCache::Way& way : c.ways)  // version != 0 here, so a match is a filled way
    if (attr_version(attr_load_way(way)) == version) return store(way);
  for (AttrCache::Way& way : c.ways)
    if (attr_load_way(way) == 0) return store(way);
  store(home);
}

// An index hint that fits a cache word (kAttrNoIndex if not).
inline uint32_t attr_hint(int64_t index) {
  return index >= 0 && index < kAttrNoIndex ? static_cast<uint32_t>(index) : kAttrNoIndex;
}

// The value of entry `index` of `tab` if its key is `name` itself, else Null.
// The caller holds the table's lock (or runs alone: see hashtable.hpp).
// (The bound is tested on addresses: entries.size() divides by the entry's
// 40 bytes, a multiply on every cached attribute read.)
[[gnu::always_inline]] inline bool entry_in_bounds(const RelocatableVector<HashEntry>& entries, uint32_t index) {
  return entries.data() + index < std::to_address(entries.end());
}
[[gnu::always_inline]] inline Value attr_entry(const HashTable& tab, uint32_t index, StrObject* name) {
  if (!entry_in_bounds(tab.entries, index)) return Value();
  const HashEntry& e = tab.entries[index];
  if (e.key.tag != Tag::Obj || e.key.o != name) return Value();
  return e.value;
}

// attr_entry of an instance or module dict scripts may share: a new
// reference, taken under the dict's lock.
template <LockPolicy P>
[[gnu::always_inline]] inline Value attr_entry_ref(DictObject* d, uint32_t index, StrObject* name) {
  return with_object_locked<P>(d, [&]() LOCKVM_INLINE_LAMBDA { return share<P>(attr_entry(d->table, index, name)); });
}

// Replaces the value of entry `index` of an instance dict if its key is still
// `name`, taking over the caller's reference to v; returns the value it
// replaced (for the caller to drop once the lock is let go), or Null, and v
// not taken. STORE_ATTR's in-place fast path.
template <LockPolicy P>
[[gnu::always_inline]] inline Value attr_entry_replace(DictObject* d, uint32_t index, StrObject* name, const Value& v) {
  return with_object_locked<P>(d, [&]() LOCKVM_INLINE_LAMBDA {
    if (!entry_in_bounds(d->table.entries, index)) return Value();
    HashEntry& e = d->table.entries[index];
    if (e.key.tag != Tag::Obj || e.key.o != name) return Value();
    Value old = e.value;
    e.value = v;
    return old;
  });
}

// An instance-value word (InstanceValue, StoreInstance) holds in its depth
// field what its index is: kAttrInlinePos, a position in the class's
// InstanceKeys (instance_attrs.hpp), which names the same attribute for as
// long as the class exists, so that the version tag alone validates it and
// a hit reads the instance's value without a name check, as CPython 3.11's
// LOAD_ATTR_INSTANCE_VALUE does; kAttrDictEntry, an entry index in the
// instance dict, a hint whose key is checked.
inline constexpr uint32_t kAttrDictEntry = 0;
inline constexpr uint32_t kAttrInlinePos = 1;
// Whether w holds a keys position: one `test` against the depth field's low
// bit, where comparing the extracted field took three instructions on every
// instance attribute access.
[[gnu::always_inline]] inline bool attr_inline_pos(uint64_t w) {
  return w & (uint64_t{kAttrInlinePos} << 16);
}

// The instance value word w points at: a new reference, or Null (a miss).
// Only a position word on an inline instance is inline here; dicts (of
// __slots__ classes, and materialized ones) and name-checked hints are out
// of line, since the eval loop has four copies of this and GCC's inlining
// budget for it is spent: with the dict case inline too, richards ran 4 %
// more instructions, raytrace, oop and deltablue 2-3 %.
template <LockPolicy P>
[[gnu::noinline]] Value instance_value_ref_other(InstanceObject* inst, uint32_t i, StrObject* name) {
  // Either word on either layout: a materialized dict keeps the keys'
  // order, so a position is a good hint there too; checked by name.
  if (DictObject* d = load_instance_dict(inst)) return attr_entry_ref<P>(d, i, name);
  return inline_value_at<P>(inst, i, name);
}
template <LockPolicy P>
[[gnu::always_inline]] inline Value instance_value_ref(InstanceObject* inst, uint64_t w, StrObject* name) {
  if (attr_inline_pos(w)) {
    Value v = inline_value_at<P>(inst, attr_index(w));
    if (!v.is_null()) [[likely]] return v;
    if (!load_instance_dict(inst)) return Value();  // not set on this instance
  }
  return instance_value_ref_other<P>(inst, attr_index(w), name);
}

// Replaces the instance value word w points at (taking over the caller's
// reference to v) and returns the old value to drop; Null, v not taken, on
// a miss. STORE_ATTR's in-place fast path.
template <LockPolicy P>
[[gnu::noinline]] Value instance_value_replace_other(InstanceObject* inst, uint32_t i, StrObject* name,
                                                     const Value& v) {
  if (DictObject* d = load_instance_dict(inst)) return attr_entry_replace<P>(d, i, name, v);
  return inline_value_swap<P>(inst, i, v, name);
}
template <LockPolicy P>
[[gnu::always_inline]] inline Value instance_value_replace(InstanceObject* inst, uint64_t w, StrObject* name,
                                                           const Value& v) {
  if (attr_inline_pos(w)) {
    Value old = inline_value_swap<P>(inst, attr_index(w), v);
    if (!old.is_null()) [[likely]] return old;
    if (!load_instance_dict(inst)) return Value();  // a new attribute: STORE_ATTR appends it
  }
  return instance_value_replace_other<P>(inst, attr_index(w), name, v);
}

// The class attribute a special-lookup word (TypeObject::special_lookups)
// points at: entry `index` of the dict of the class at `depth` in tp's MRO,
// if its key is still `name`; else Null. (Borrowed, like type_lookup's
// result.)
template <LockPolicy P>
[[gnu::always_inline]] inline Value attr_class_entry(TypeObject* tp, uint64_t w, StrObject* name) {
  uint32_t depth = attr_depth(w);
  if (depth >= tp->mro.size()) return Value();
  DictObject* d = tp->mro[depth]->dict;
  return with_object_locked<P>(d, [&]() LOCKVM_INLINE_LAMBDA { return attr_entry(d->table, attr_index(w), name); });
}

// The position of key `name` (interned) in `d`, or -1: dict_get_str's probe.
// The caller holds d's lock.
inline int64_t dict_find_str(DictObject* d, StrObject* key) { return ht::find_str(d->table, key); }

// LOAD_METHOD's cached case: the function (borrowed) that `obj.<c.name>`
// finds on the class of instance obj when its dict does not shadow it, or
// Null; `h` is the hit, for the other cases.
template <LockPolicy P>
[[gnu::always_inline]] inline Value instance_method(AttrCache& c, Object* obj, AttrHit& h) {
  h = attr_find(c, load_type_version(obj->type));
  if (attr_kind(h.w) != AttrKind::Method) return Value();
  Value f = attr_class_value<P>(h);  // a function: attr_fill_instance checked
  if (f.is_null() || !instance_lacks<P>(static_cast<InstanceObject*>(obj), c.name)) return Value();
  return f;
}

// type_lookup, also telling where the attribute is: the MRO depth of the
// class that has it and its entry index in that class's dict. Cacheable
// only when both fit a cache word and the key is `name` itself (what a
// special lookup's hit checks).
template <LockPolicy P>
Value type_lookup_where(TypeObject* type, StrObject* name, uint32_t& depth, int64_t& index, bool& cacheable) {
  for (size_t d = 0; d < type->mro.size(); ++d) {
    DictObject* dict = type->mro[d]->dict;
    ObjectGuard<P> g(dict);
    int64_t ix = dict_find_str(dict, name);
    if (ix >= 0) {
      depth = static_cast<uint32_t>(d);
      index = ix;
      cacheable = d <= kAttrMaxDepth && ix < kAttrNoIndex && dict->table.entries[ix].key.o == name;
      return dict->table.entries[ix].value;
    }
  }
  cacheable = false;
  return Value();
}

// type_lookup_where under the version tag the type had before the walk, for
// a fill to record its answer under: a class changed during the walk is
// retagged (type_modified), so a word recorded under `version` never
// matches a class dict the walk did not see. `version` is 0, and nothing may
// be recorded, when the tags have run out or the class changed meanwhile.
struct TaggedLookup {
  Value value;  // borrowed, like type_lookup's; Null if not found
  uint32_t version = 0;
  uint32_t depth = 0;
  int64_t index = -1;
  bool cacheable = false;
  uint64_t word(AttrKind kind) const { return attr_word(version, kind, depth, static_cast<uint32_t>(index)); }
};
template <LockPolicy P>
TaggedLookup type_lookup_tagged(TypeObject* tp, StrObject* name) {
  TaggedLookup r;
  if (type_assign_version(tp)) r.version = load_type_version(tp);
  r.value = type_lookup_where<P>(tp, name, r.depth, r.index, r.cacheable);
  return r;
}

// type_lookup through a word kept on the type (TypeObject::special_lookups)
// for the names looked up on every instance creation or attribute-cache
// fill: the MRO walk runs only when the type's version tag has changed. The
// word is an attribute cache word (ClassAttr: where the attribute is, the
// key checked as on any hit; Empty: not found), read and written whole.
template <LockPolicy P>
Value type_lookup_refill(TypeObject* tp, StrObject* name, TypeObject::SpecialLookup which);

template <LockPolicy P>
[[gnu::always_inline]] inline Value type_lookup_cached(TypeObject* tp, StrObject* name,
                                                       TypeObject::SpecialLookup which) {
  uint32_t version = load_type_version(tp);
  uint64_t w = relaxed_load(tp->special_lookups[which]);
  if (version && attr_version(w) == version) {
    if (attr_kind(w) == AttrKind::Empty) return Value();
    Value v = attr_class_entry<P>(tp, w, name);
    if (!v.is_null()) return v;
  }
  return type_lookup_refill<P>(tp, name, which);
}

template <LockPolicy P>
[[gnu::noinline]] Value type_lookup_refill(TypeObject* tp, StrObject* name, TypeObject::SpecialLookup which) {
  TaggedLookup l = type_lookup_tagged<P>(tp, name);
  if (l.version && (l.value.is_null() || l.cacheable))
    relaxed_store(tp->special_lookups[which],
                  l.value.is_null() ? attr_word(l.version, AttrKind::Empty, 0, 0) : l.word(AttrKind::ClassAttr));
  return l.value;
}

// A class whose instances' attribute reads may be cached: no Python
// __getattribute__ (the native object.__getattribute__ is the generic path).
template <LockPolicy P>
bool attr_plain_getattribute(Thread<P>& t, TypeObject* tp) {
  return is_kind(type_lookup_cached<P>(tp, t.names().__getattribute__, TypeObject::kLookupGetattribute),
                 Kind::Native);
}

// LOAD_ATTR / LOAD_METHOD missed on an instance of a user class: records what
// the generic lookup finds for `name` on instances of its type. Runs no
// Python code. When the answer is a value in the instance dict, returns it
// (a new reference: the generic path's answer); otherwise Null, and the
// caller takes the generic path.
template <LockPolicy P>
Value attr_fill_instance(Thread<P>& t, AttrCache& c, InstanceObject* inst, bool method) {
  TypeObject* tp = inst->type;
  if (inst->kind != Kind::Instance || !attr_plain_getattribute(t, tp)) return Value();
  StrObject* name = c.name;
  TaggedLookup l = type_lookup_tagged<P>(tp, name);
  if (!l.version) return Value();
  const Value& descr = l.value;
  if (is_kind(descr, Kind::Property)) {  // a data descriptor: it comes before the instance dict
    if (!method && l.cacheable) attr_insert(c, l.word(AttrKind::Property), descr);
    return Value();
  }
  {
    int64_t ix;
    bool inline_pos;
    Value v = instance_attr_ref<P>(inst, name, &ix, &inline_pos);  // slotted: the slot values
    if (!v.is_null()) {
      attr_insert(c, attr_word(l.version, AttrKind::InstanceValue, inline_pos ? kAttrInlinePos : kAttrDictEntry,
                               attr_hint(ix)));
      return v;
    }
  }
  // Not in the instance dict: the class attribute, unless a special case of
  // instance_getattr comes first (a slotted instance's own __dict__, the
  // names it answers itself).
  if (descr.is_null() || !l.cacheable || (tp->slotted && tp->instance_dict) || name == t.names().__class__ ||
      name == t.names().__dict__)
    return Value();
  attr_insert(c, l.word(method && is_kind(descr, Kind::Function) ? AttrKind::Method : AttrKind::TypeDescr), descr);
  return Value();
}

// LOAD_ATTR / LOAD_METHOD missed on a module: remembers where `name` is in
// its dict (the generic path's first and only place to look for a value
// there). No version: the hit checks the entry's key.
template <LockPolicy P>
void attr_fill_module(AttrCache& c, ModuleObject* m) {
  ObjectGuard<P> g(m->dict);
  int64_t ix = dict_find_str(m->dict, c.name);
  if (ix >= 0 && ix < kAttrNoIndex && m->dict->table.entries[ix].key.o == c.name)
    attr_insert(c, attr_word(0, AttrKind::ModuleValue, 0, static_cast<uint32_t>(ix)));
}

// LOAD_ATTR / LOAD_METHOD missed on a class (`Cls.attr`): type_getattr's MRO
// lookup.
template <LockPolicy P>
void attr_fill_class(AttrCache& c, TypeObject* tp) {
  TaggedLookup l = type_lookup_tagged<P>(tp, c.name);
  if (l.version && !l.value.is_null() && l.cacheable) attr_insert(c, l.word(AttrKind::ClassAttr), l.value);
}

// LOAD_METHOD missed on a built-in object (a str, list, int, ...): a native
// method of its type. Not for the layouts whose generic lookup looks
// elsewhere first (a function's or bound method's attributes) or that have
// their own cases (instances, modules, classes, super, exceptions). Which
// layouts these are follows from the type, so a hit need not check again.
template <LockPolicy P>
void attr_fill_builtin_method(Thread<P>& t, AttrCache& c, const Value& obj) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->kind) {
      case Kind::Instance: case Kind::Exception: case Kind::Module: case Kind::Type: case Kind::Super:
      case Kind::Function: case Kind::BoundMethod: return;
      default: break;
    }
  }
  TaggedLookup l = type_lookup_tagged<P>(type_of(t, obj), c.name);
  if (l.version && l.cacheable && is_kind(l.value, Kind::Native) &&
      static_cast<NativeObject*>(l.value.o)->self.is_null())
    attr_insert(c, l.word(AttrKind::BuiltinMethod), l.value);
}

// STORE_ATTR missed on an instance. When the class has no Python
// __setattr__, setattr calls a property's setter, or else stores into the
// instance dict, or, for a slotted class, into the slot storage when the
// name is a slot (other names of slotted classes keep the generic path).
template <LockPolicy P>
void attr_fill_store(Thread<P>& t, AttrCache& c, InstanceObject* inst) {
  TypeObject* tp = inst->type;
  if (inst->kind != Kind::Instance || tp == t.types().object) return;  // object(): instance_setattr refuses
  if (c.name == t.names().__dict__) return;  // not a key: instance_set_dict replaces the dict
  if (!is_kind(type_lookup_cached<P>(tp, t.names().__setattr__, TypeObject::kLookupSetattr), Kind::Native)) return;
  TaggedLookup l = type_lookup_tagged<P>(tp, c.name);
  if (!l.version) return;
  if (is_kind(l.value, Kind::Property)) {
    if (l.cacheable) attr_insert(c, l.word(AttrKind::StoreProperty), l.value);
    return;
  }
  if (tp->slotted && find_slot(tp, c.name) != c.name) return;
  int64_t ix;
  bool inline_pos;
  decref<P>(instance_attr_ref<P>(inst, c.name, &ix, &inline_pos));
  if (ix < 0 && inline_pos) {
    // Not set yet: where the class's instances keep this name, if they do.
    const InstanceKeys* k = tp->instance_keys.get();
    ix = key_position(k, __atomic_load_n(&k->count, __ATOMIC_ACQUIRE), c.name);
    inline_pos = ix >= 0;  // an interned name: the only one at its position
  }
  attr_insert(c, attr_word(l.version, AttrKind::StoreInstance, inline_pos ? kAttrInlinePos : kAttrDictEntry,
                           attr_hint(ix)));
}

}  // namespace lockvm::rt
