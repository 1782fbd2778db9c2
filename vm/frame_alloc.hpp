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

// A chunk holds many frames; frames are freed in LIFO order, so a stack of
// (chunk, used) is enough.
struct FrameStack {
  static constexpr size_t kChunk = 256 * 1024;
  struct Chunk {
    char* mem;
    size_t size;
    size_t used;
  };
  std::vector<Chunk> chunks;

  void* push(size_t bytes) {
    bytes = (bytes + 15) & ~size_t(15);
    if (!chunks.empty()) [[likely]] {
      Chunk& c = chunks.back();
      if (c.used + bytes <= c.size) [[likely]] {
        void* p = c.mem + c.used;
        c.used += bytes;
        return p;
      }
    }
    return push_slow(bytes);
  }

  void* push_slow(size_t bytes) {
    {
      size_t sz = bytes > kChunk ? bytes : kChunk;
      char* mem = static_cast<char*>(std::malloc(sz));
      if (!mem) throw std::bad_alloc();
      chunks.push_back({mem, sz, 0});
    }
    Chunk& c = chunks.back();
    void* p = c.mem + c.used;
    c.used += bytes;
    return p;
  }

  void pop(void* p) {
    Chunk& c = chunks.back();
    c.used = static_cast<size_t>(static_cast<char*>(p) - c.mem);
    if (c.used == 0 && chunks.size() > 1) [[unlikely]] {
      std::free(c.mem);
      chunks.pop_back();
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
