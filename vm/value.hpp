// A Python value as the VM holds it: 16 bytes, like Lua's TValue.
//
// None, bools, ints that fit in 64 bits and floats live inside the Value, so
// arithmetic on them never allocates and never touches a reference count.
// Everything else is a pointer to a heap Object (object.hpp). The Null tag is
// the "no value" sentinel: an unbound local, an empty slot, or — as a return
// value of a runtime function — "an exception is pending in the thread state"
// (CPython's NULL convention, which keeps error paths free of C++ throws).
#pragma once

#include <cstdint>
#include <bit>
#include <cstring>

namespace lockvm {

struct Object;

// The tag is a full word, and a Value is copied word by word, so that every
// load of a Value's half matches the store that wrote it. A byte-wide tag, or
// the 16-byte SSE copy GCC uses for a trivially copyable struct, made the CPU's
// store-to-load forwarding fail on every push/pop pair (about 12 cycles each;
// it was a third of a Python call's time).
enum class Tag : uint64_t { Null = 0, None, Bool, Int, Float, Obj };

struct Value {
  union {
    int64_t i;
    double f;
    Object* o;
    bool b;
  };
  Tag tag;

  constexpr Value() : i(0), tag(Tag::Null) {}
  constexpr Value(const Value& v) noexcept : i(v.i), tag(v.tag) {}
  constexpr Value& operator=(const Value& v) noexcept {
    i = v.i;
    tag = v.tag;
    return *this;
  }

  static constexpr Value null() { return Value(); }
  static constexpr Value none() { Value v; v.tag = Tag::None; return v; }
  static constexpr Value boolean(bool x) { Value v; v.i = x; v.tag = Tag::Bool; return v; }  // b aliases i's low byte
  static constexpr Value integer(int64_t x) { Value v; v.i = x; v.tag = Tag::Int; return v; }
  static constexpr Value number(double x) { Value v; v.f = x; v.tag = Tag::Float; return v; }
  static Value object(Object* p) { Value v; v.o = p; v.tag = Tag::Obj; return v; }

  bool is_null() const { return tag == Tag::Null; }
  bool is_none() const { return tag == Tag::None; }
  bool is_bool() const { return tag == Tag::Bool; }
  bool is_int() const { return tag == Tag::Int; }
  bool is_float() const { return tag == Tag::Float; }
  bool is_obj() const { return tag == Tag::Obj; }
  explicit operator bool() const = delete;  // ambiguous: use is_null()/truthy()

  // Identity, as Python's `is`: unboxed values compare by value, which is
  // what CPython shows for small ints and is harmless for the rest.
  bool identical(const Value& w) const {
    if (tag != w.tag) return false;
    switch (tag) {
      case Tag::Null:
      case Tag::None: return true;
      case Tag::Bool: return b == w.b;
      case Tag::Int: return i == w.i;
      case Tag::Float: return std::memcmp(&f, &w.f, sizeof f) == 0;
      case Tag::Obj: return o == w.o;
    }
    return false;
  }
};
static_assert(sizeof(Value) == 16);
static_assert(std::endian::native == std::endian::little, "Value::b reads the low byte of i");

}  // namespace lockvm
