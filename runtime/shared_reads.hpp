// Reads of dicts that threads share, under the free-threaded policies.
//
// Under `objlocks` and `brc` two threads may run bytecode at the same
// instant, so a global, a module attribute or an instance attribute can be
// rebound by one thread while another reads it. A reader therefore takes the
// dict's object lock, reads the entry and takes its own reference before
// letting go: the value it pushes cannot be freed under it, and the 16-byte
// entry cannot be read half-written. (CPython 3.13t reads optimistically and
// retries with _Py_TryIncref; a lock is simpler and what `objlocks` is about.)
//
// The single-runner policies (nolock, gil) keep the eval loop's unlocked
// fast paths: nothing here is compiled for them.
#pragma once

#include <atomic>

#include "runtime/classes.hpp"

namespace lockvm::rt {

namespace shared_cache {
// A LOAD_GLOBAL cache is written by whichever thread misses, and read by all:
// each field is a relaxed atomic, and a hit re-checks the entry's key, so a
// cache filled half by one thread and half by another can only miss.
template <class T>
T load(T& field) { return relaxed_load(field); }
template <class T>
void store(T& field, T v) { relaxed_store(field, v); }
}  // namespace shared_cache

// The global or builtin `name` as a new reference, or Null if neither has it
// (no exception set). Each dict is locked in turn, never both at once.
template <LockPolicy P>
Value load_global_shared(Thread<P>& t, GlobalCache& c, DictObject* g, StrObject* name) {
  using shared_cache::load;
  using shared_cache::store;
  uint64_t globals_version;
  {
    ObjectGuard<P> lock(g);
    HashTable& tab = g->table;
    globals_version = tab.key_version;
    bool hit = load(c.globals_version) == globals_version;
    if (hit && !load(c.from_builtins)) {
      Value v = attr_entry(tab, static_cast<uint32_t>(load(c.index)), name);
      if (!v.is_null()) return share<P>(v);
    }
    if (!hit || !load(c.from_builtins)) {
      int64_t ix = ht::find_str(tab, name);
      if (ix >= 0) {
        store(c.from_builtins, false);
        store(c.index, static_cast<int32_t>(ix));
        store(c.globals_version, globals_version);
        return share<P>(tab.entries[ix].value);
      }
    }
  }
  DictObject* b = t.interp.builtins;
  ObjectGuard<P> lock(b);
  HashTable& tab = b->table;
  if (load(c.from_builtins) && load(c.globals_version) == globals_version &&
      load(c.builtins_version) == tab.key_version) {
    Value v = attr_entry(tab, static_cast<uint32_t>(load(c.index)), name);
    if (!v.is_null()) return share<P>(v);
  }
  int64_t ix = ht::find_str(tab, name);
  if (ix < 0) return Value();
  store(c.from_builtins, true);
  store(c.index, static_cast<int32_t>(ix));
  store(c.builtins_version, tab.key_version);
  store(c.globals_version, globals_version);
  return share<P>(tab.entries[ix].value);
}

}  // namespace lockvm::rt
