// Type version tags (CPython's tp_version_tag): a number that names one state
// of a class's dict and of its bases' dicts. The attribute caches
// (runtime/attr_cache.hpp) record what a lookup found under the receiver
// type's tag; type_modified takes the tag away whenever a class dict
// changes, so that no cache entry recorded before can match again. A class
// that dies takes its tag with it: tags are never reused, and no Python code
// runs while the cycle collector clears one (lockvm has no __del__).
#pragma once

#include <atomic>
#include <cstdint>

#include "vm/object.hpp"
#include "vm/relaxed_atomic.hpp"

namespace lockvm::rt {

// The next version tag (CPython's next_version_tag). Process-wide, so that a
// tag is unique among every type any cache can see; atomic (relaxed order:
// only uniqueness matters) so that interpreters on different OS threads, and
// the free-threaded policies' threads, can take tags concurrently without a
// lock. Tags are never reused: once they run out, types simply get none and
// their attribute accesses stay on the generic path.
inline std::atomic<uint32_t> next_type_version{1};
inline constexpr uint32_t kMaxTypeVersion = 0xFFFFFF00u;

[[gnu::always_inline]] inline uint32_t load_type_version(TypeObject* tp) {
  return relaxed_load(tp->version);
}
inline void store_type_version(TypeObject* tp, uint32_t v) {
  relaxed_store(tp->version, v);
}

// Gives `tp` a version tag, after its bases (the invariant: a type has a tag
// only if its base has one). False when the tags have run out.
inline bool type_assign_version(TypeObject* tp) {
  if (load_type_version(tp)) return true;
  if (tp->base && !type_assign_version(tp->base)) return false;
  uint32_t v = next_type_version.load(std::memory_order_relaxed);
  do {
    if (v >= kMaxTypeVersion) return false;
  } while (!next_type_version.compare_exchange_weak(v, v + 1, std::memory_order_relaxed));
  store_type_version(tp, v);
  return true;
}

// The dict of `tp` has changed: no cache entry recorded under its tag, or
// under a subclass's, may match again. Every mutation of a class dict once
// the class exists must call this (type_setattr does; make_class's own
// finishing touches need not, as the class has no tag before a cache sees
// it). Built-in types' dicts are filled before any code runs and are
// read-only afterwards.
inline void type_modified(TypeObject* tp) {
  if (!load_type_version(tp)) return;  // no tag, so neither have its subclasses
  store_type_version(tp, 0);
  for (TypeObject* sub : tp->subclasses) type_modified(sub);
}

// Records that `tp` is a subclass of `base`, for type_modified. Only user
// classes are listed (a built-in type's dict never changes).
inline void type_add_subclass(TypeObject* base, TypeObject* tp) {
  if (base->builtin) return;
  tp->listed_in = base;
  tp->subclass_pos = static_cast<uint32_t>(base->subclasses.size());
  base->subclasses.push_back(tp);
}

}  // namespace lockvm::rt
