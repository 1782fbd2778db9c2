// Storage for frames. Ordinary calls take frames from a per-thread stack of
// large chunks (a bump pointer: a call allocates nothing from malloc);
// generator frames must outlive the call that created them, so they live on
// the heap and are linked into the thread's frame chain only while running.
#pragma once

#include <cstdlib>
#include <new>
#include <vector>

#include "vm/value.hpp"

namespace lockvm {

// A chunk holds many frames; frames are freed in LIFO order. The current
// chunk is kept as three bare pointers (like CPython's datastack_top/limit)
// so that a call's allocation is one compare and one add.
struct FrameStack {
  static constexpr size_t kChunk = 256 * 1024;
  struct Chunk {
    char* mem;
    size_t size;
    char* saved_top;  // the top of this chunk while a later chunk is in use
  };
  char* top = nullptr;    // next free byte of the current chunk
  char* limit = nullptr;  // end of the current chunk
  char* base = nullptr;   // start of the current chunk
  std::vector<Chunk> chunks;

  [[gnu::always_inline]] void* push(size_t bytes) {
    bytes = (bytes + 15) & ~size_t(15);
    if (static_cast<size_t>(limit - top) >= bytes) [[likely]] {
      void* p = top;
      top += bytes;
      return p;
    }
    return push_slow(bytes);
  }

  [[gnu::always_inline]] void pop(void* p) {
    if (p != base) [[likely]] {
      top = static_cast<char*>(p);
      return;
    }
    pop_slow(p);
  }

  void* push_slow(size_t bytes) {
    size_t sz = bytes > kChunk ? bytes : kChunk;
    char* mem = static_cast<char*>(std::malloc(sz));
    if (!mem) throw std::bad_alloc();
    if (!chunks.empty()) chunks.back().saved_top = top;
    chunks.push_back({mem, sz, mem});
    base = mem;
    limit = mem + sz;
    top = mem + bytes;
    return mem;
  }

  // The frame being freed was the first of its chunk: go back to the
  // previous chunk (keeping the first chunk for the next call).
  void pop_slow(void* p) {
    if (chunks.size() > 1) {
      std::free(chunks.back().mem);
      chunks.pop_back();
      Chunk& c = chunks.back();
      base = c.mem;
      limit = c.mem + c.size;
      top = c.saved_top;
    } else {
      top = static_cast<char*>(p);
    }
  }

  ~FrameStack() {
    for (Chunk& c : chunks) std::free(c.mem);
  }
};

struct Frame;
inline void* alloc_heap_frame(size_t bytes) {
  void* mem = std::malloc(bytes);
  if (!mem) throw std::bad_alloc();
  return mem;
}

inline void free_heap_frame(Frame* f) { std::free(f); }

}  // namespace lockvm
