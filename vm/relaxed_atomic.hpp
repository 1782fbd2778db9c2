// Relaxed atomic loads and stores of plain fields that threads share and
// that a stale read cannot break: type version tags, attribute cache words,
// cached hashes, size hints. A relaxed access compiles to a plain mov on
// x86-64; it is atomic so that a torn value is impossible and
// ThreadSanitizer knows the race is intended.
//
// Why not std::atomic_ref: its load() and store() are ordinary inline
// functions, and GCC stops inlining them into the eval loop once that
// function grows past its inlining budget. Adding COMPARE_OP's operator
// frames made every attribute-cache check call an out-of-line
// atomic_ref<uint32_t>::load (richards +6 % instructions). The builtins
// always inline.
#pragma once

namespace lockvm {

template <class T>
[[gnu::always_inline]] inline T relaxed_load(const T& field) {
  return __atomic_load_n(&field, __ATOMIC_RELAXED);
}

template <class T>
[[gnu::always_inline]] inline void relaxed_store(T& field, T v) {
  __atomic_store_n(&field, v, __ATOMIC_RELAXED);
}

}  // namespace lockvm
