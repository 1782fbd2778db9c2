// Non-atomic reference counts, shared by the policies that run one thread
// of bytecode at a time (NoLock, GlobalLock): with a single runner there is
// nobody to race with, so a plain increment is enough — the whole point of a GIL.
#pragma once

#include <cstdint>

namespace lockvm {

struct PlainRefcount {
  // 8 bytes: the count, and spare bits (immortality) that keep objects 8-aligned.
  struct Header {
    uint32_t refcnt;
    uint32_t flags;
  };
  static constexpr uint32_t kImmortalFlag = 1;
  // An immortal object's count starts this high and is never allowed to reach
  // zero through ordinary increments and decrements, so incref/decref need no
  // branch for immortality (CPython 3.11 does the same for its static objects).
  static constexpr uint32_t kImmortalCount = 1u << 30;

  static void init_header(Header& h) noexcept { h.refcnt = 1; h.flags = 0; }
  static void incref(Header& h) noexcept { ++h.refcnt; }
  static bool decref(Header& h) noexcept { return --h.refcnt == 0; }
  static long refcount(const Header& h) noexcept { return h.refcnt; }
  static void make_immortal(Header& h) noexcept { h.refcnt = kImmortalCount; h.flags |= kImmortalFlag; }
  static bool is_immortal(const Header& h) noexcept { return h.flags & kImmortalFlag; }
  static bool lock_object(Header&) noexcept { return false; }
  static void unlock_object(Header&, bool) noexcept {}
};

}  // namespace lockvm
