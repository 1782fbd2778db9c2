// Where a ValueVector's items live (value_vector.hpp says why).
#include "vm/value_vector.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>

namespace lockvm::value_storage {

namespace {

size_t page_size() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

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

size_t round_up(size_t bytes) noexcept {
  if (!is_mapped(bytes)) return bytes;
  size_t page = page_size();
  return (bytes + page - 1) / page * page;
}

void* resize(void* old, size_t old_bytes, size_t new_bytes, size_t keep) noexcept {
  bool was_mapped = old != nullptr && is_mapped(old_bytes);
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

}  // namespace lockvm::value_storage
