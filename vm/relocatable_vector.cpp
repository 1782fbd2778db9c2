// Where a RelocatableVector's items live (relocatable_vector.hpp says why).
#include "vm/relocatable_vector.hpp"

#include <sys/mman.h>

#include <cstdlib>

namespace lockvm::vector_storage {

namespace {

void* allocator_resize(void* old, size_t bytes) {
#if LOCKVM_MIMALLOC
  return mi_realloc(old, bytes);
#else
  return std::realloc(old, bytes);
#endif
}

void* map(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : p;
}

}  // namespace

void* resize(void* old, size_t old_bytes, size_t new_bytes, size_t keep) noexcept {
  bool was_mapped = old != nullptr && is_mapped(old_bytes);
  if (was_mapped) old_bytes = round_up(old_bytes);  // the whole mapping
  if (new_bytes == 0) {
    if (was_mapped)
      munmap(old, old_bytes);
    else
      raw_free(old);
    return nullptr;
  }
  if (!is_mapped(new_bytes)) {
    if (!was_mapped) return allocator_resize(old, new_bytes);
    void* p = raw_alloc(new_bytes);  // shrunk below the threshold
    if (p == nullptr) return nullptr;
    std::memcpy(p, old, std::min(keep, new_bytes));
    munmap(old, old_bytes);
    return p;
  }
  if (was_mapped) {
    // The kernel moves the page table entries: no item is copied, and the
    // old and the new block are never resident side by side.
    void* p = mremap(old, old_bytes, new_bytes, MREMAP_MAYMOVE);
    return p == MAP_FAILED ? nullptr : p;
  }
  void* p = map(new_bytes);
  if (p == nullptr) return nullptr;
  if (old != nullptr) {
    std::memcpy(p, old, keep);
    raw_free(old);
  }
  return p;
}

}  // namespace lockvm::vector_storage
