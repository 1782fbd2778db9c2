// The allocator under every heap object: mimalloc where the build has it
// (LOCKVM_MIMALLOC, the default outside sanitizer builds), else the C
// library's malloc.
//
// Why mimalloc: a Python-like VM allocates and frees small objects at a high
// rate (a list slice, a bound method, a float); glibc's free path
// (_int_free, arena locking) was a quarter of the instructions of
// bench/programs/fannkuch.py. mimalloc's thread-local free lists make both
// paths a few dozen instructions, and a block freed by another thread (an
// object released by a non-owner under objlocks/brc) goes back to its own
// page's thread without a global lock. Debian's libmimalloc.so also
// replaces malloc and operator new process-wide (list storage, strings), so
// a host program that links lockvm allocates with mimalloc too; a host that
// must keep its own allocator builds lockvm with -DLOCKVM_MIMALLOC=OFF.
// Sanitizer builds keep malloc so that ASan and TSan see every object.
#pragma once

#include <cstddef>
#include <cstdlib>

#if LOCKVM_MIMALLOC
#include <mimalloc.h>
#else
#include <malloc.h>
#endif

namespace lockvm {

inline void* raw_alloc(size_t n) {
#if LOCKVM_MIMALLOC
  return mi_malloc(n);
#else
  return std::malloc(n);
#endif
}

inline void raw_free(void* p) {
#if LOCKVM_MIMALLOC
  mi_free(p);
#else
  std::free(p);
#endif
}

// The bytes a block really takes (what the embedder's heap limit counts).
inline size_t raw_usable_size(void* p) {
#if LOCKVM_MIMALLOC
  return mi_usable_size(p);
#else
  return malloc_usable_size(p);
#endif
}

}  // namespace lockvm
