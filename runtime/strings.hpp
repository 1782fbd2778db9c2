// str essentials the VM itself needs: repr quoting, concatenation, hashing,
// indexing by code point. The user-facing str methods are in str_methods.hpp.
#pragma once

#include <string>

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/unicode.hpp"

namespace lockvm::rt {

// Python's repr() of a str: single quotes unless the text has a ' and no ".
inline std::string str_repr_text(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char q = (has_single && !has_double) ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += q;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = unicode::decode(s, i);
    if (c == static_cast<char32_t>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else if (c < 0x7F || unicode::is_printable(c)) {
      unicode::append_utf8(out, c);
    } else {
      char buf[16];
      if (c <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      else if (c <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  out += q;
  return out;
}

inline std::string bytes_repr_text(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char q = (has_single && !has_double) ? '"' : '\'';
  std::string out = "b";
  out += q;
  for (unsigned char c : s) {
    if (c == static_cast<unsigned char>(q) || c == '\\') { out += '\\'; out += static_cast<char>(c); }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  out += q;
  return out;
}

// FNV-1a, randomization-free: lockvm's str hashes are deterministic (like
// CPython with PYTHONHASHSEED=0), so runs are reproducible. FNV's last
// multiply carries the last byte only upward from its own bits, so the top
// bits of short strings' hashes barely differ ('x', 'y' and 'z' shared their
// top six); MurmurHash3's finalizer mixes every byte into every bit, which
// HashTable::key_bloom (the top bits) and the index (the low ones) rely on.
inline int64_t hash_bytes(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  int64_t r = static_cast<int64_t>(h >> 1);
  return r == -1 ? -2 : r;
}

inline int64_t str_hash(StrObject* s) {
  int64_t h = cached_hash(s->hash);
  if (h == -1) cache_hash(s->hash, h = hash_bytes(s->view()));
  return h;
}

template <LockPolicy P>
Value str_concat(Thread<P>& t, StrObject* a, StrObject* b) {
  if (a->size == 0) { incref<P>(b); return Value::object(b); }
  if (b->size == 0) { incref<P>(a); return Value::object(a); }
  StrObject* s = alloc_str(t, a->size + b->size);
  std::memcpy(s->data, a->data, a->size);
  std::memcpy(s->data + a->size, b->data, b->size);
  s->length = a->length + b->length;
  if (a->ascii() && b->ascii()) s->flags |= kStrAscii;
  return Value::object(s);
}

// Byte offset of code point `index` (0 <= index <= length).
inline size_t str_offset(StrObject* s, int64_t index) {
  if (s->ascii()) return static_cast<size_t>(index);
  return unicode::offset_of(s->view(), static_cast<size_t>(index));
}

// The substring of code points [start, stop).
template <LockPolicy P>
Value str_substr(Thread<P>& t, StrObject* s, int64_t start, int64_t stop) {
  if (start >= stop) return share<P>(t.interp.empty_str);
  if (start == 0 && stop == static_cast<int64_t>(s->length)) { incref<P>(s); return Value::object(s); }
  size_t a = str_offset(s, start);
  size_t b = s->ascii() ? static_cast<size_t>(stop) : a + unicode::offset_of(s->view().substr(a), stop - start);
  return new_str(t, s->view().substr(a, b - a));
}

template <LockPolicy P>
Value str_from(Thread<P>& t, const std::string& s) {
  return new_str(t, std::string_view(s));
}

}  // namespace lockvm::rt
