// A list's items: the part of std::vector<Value>'s interface the VM uses,
// over storage that grows in place instead of by copying.
//
// Why not std::vector: it grows by allocating a block twice the size, copying
// the items and freeing the old block, so while a list of N items grows, 2N
// items' worth of memory is resident at once; a 2.5-million-item list
// (bench/programs/threads_dict.py) peaked at 64 MB for 40 MB of items.
// CPython's lists grow with realloc(), which glibc turns into mremap() for
// large blocks: the pages are moved, not copied. mimalloc's realloc copies,
// and std::allocator has no realloc at all, so this class does the same
// itself: small blocks come from the VM's allocator (raw_alloc.hpp, where
// realloc can extend a block within its size class), blocks from kMapBytes up
// are mappings of their own that mremap() grows. Capacity beyond the size is
// address space only: a page becomes resident when an item is written to it.
//
// A Value's copy is two word moves (value.hpp writes it out by hand, which
// makes it not "trivially copyable" to the compiler), and it has no
// destructor, so storage is moved with memcpy/memmove/mremap and no
// constructor or destructor runs for an item; the references the items
// hold are the owner's business (ListObject), as they were with std::vector.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <new>
#include <type_traits>
#include <utility>

#include "vm/raw_alloc.hpp"
#include "vm/value.hpp"

namespace lockvm {

static_assert(std::is_trivially_destructible_v<Value> && sizeof(Value) == 16);

namespace value_storage {
// From this size on a list's items live in a mapping of their own. 1 MiB
// (65,536 items): below it, copying on growth costs less than a system call,
// and the mapping's page rounding is lost in the size.
inline constexpr size_t kMapBytes = size_t{1} << 20;
// Sanitizer builds keep every block in the allocator, where AddressSanitizer
// sees overflows and leaks; a mapping of our own it would not check.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kMaps = false;
#else
inline constexpr bool kMaps = true;
#endif
inline bool is_mapped(size_t bytes) noexcept { return kMaps && bytes >= kMapBytes; }
// Grows or allocates (old == nullptr) a block of old_bytes to new_bytes,
// keeping its first `keep` bytes; frees with new_bytes == 0. Returns the block,
// or nullptr when the system has no memory left (the block is then unchanged).
void* resize(void* old, size_t old_bytes, size_t new_bytes, size_t keep) noexcept;
// The bytes a request of `bytes` is rounded up to (whole pages once mapped).
size_t round_up(size_t bytes) noexcept;
}  // namespace value_storage

class ValueVector {
 public:
  using value_type = Value;
  using size_type = size_t;
  using difference_type = ptrdiff_t;
  using reference = Value&;
  using const_reference = const Value&;
  using pointer = Value*;
  using const_pointer = const Value*;
  using iterator = Value*;
  using const_iterator = const Value*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  ValueVector() noexcept = default;
  ValueVector(size_t n, const Value& v) { assign(n, v); }
  template <class It>
    requires(!std::is_integral_v<It>)
  ValueVector(It first, It last) { assign(first, last); }
  ValueVector(std::initializer_list<Value> init) { assign(init.begin(), init.end()); }
  ValueVector(const ValueVector& o) { assign(o.begin(), o.end()); }
  ValueVector(ValueVector&& o) noexcept { swap(o); }
  ValueVector& operator=(const ValueVector& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  ValueVector& operator=(ValueVector&& o) noexcept {
    ValueVector tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  ~ValueVector() {
    if (!value_storage::is_mapped(cap_ * sizeof(Value)))
      raw_free(data_);  // the common case, inline
    else
      value_storage::resize(data_, cap_ * sizeof(Value), 0, 0);
  }

  size_t size() const noexcept { return size_; }
  size_t capacity() const noexcept { return cap_; }
  bool empty() const noexcept { return size_ == 0; }
  Value* data() noexcept { return data_; }
  const Value* data() const noexcept { return data_; }
  Value* begin() noexcept { return data_; }
  Value* end() noexcept { return data_ + size_; }
  const Value* begin() const noexcept { return data_; }
  const Value* end() const noexcept { return data_ + size_; }
  const Value* cbegin() const noexcept { return data_; }
  const Value* cend() const noexcept { return data_ + size_; }
  reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
  reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }
  Value& operator[](size_t i) noexcept { return data_[i]; }
  const Value& operator[](size_t i) const noexcept { return data_[i]; }
  Value& front() noexcept { return data_[0]; }
  Value& back() noexcept { return data_[size_ - 1]; }
  const Value& front() const noexcept { return data_[0]; }
  const Value& back() const noexcept { return data_[size_ - 1]; }

  void push_back(const Value& v) {
    if (size_ == cap_) [[unlikely]] {
      Value copy = v;  // v may be one of the items, and growing may move them
      grow_for(size_ + 1);
      data_[size_++] = copy;
      return;
    }
    data_[size_++] = v;
  }
  Value& emplace_back(const Value& v) {
    push_back(v);
    return back();
  }
  void pop_back() noexcept { --size_; }
  void clear() noexcept { size_ = 0; }
  void reserve(size_t n) {
    if (n > cap_) set_capacity(n);
  }
  void shrink_to_fit() {
    if (cap_ > size_) set_capacity(size_);
  }
  void resize(size_t n) { resize(n, Value()); }
  void resize(size_t n, const Value& v) {
    if (n > size_) {
      Value copy = v;
      if (n > cap_) grow_for(n);
      std::fill(data_ + size_, data_ + n, copy);
    }
    size_ = n;
  }

  void assign(size_t n, const Value& v) {
    Value copy = v;
    size_ = 0;
    resize(n, copy);
  }
  template <class It>
    requires(!std::is_integral_v<It>)
  void assign(It first, It last) {
    if constexpr (std::is_pointer_v<It>) {
      if (first >= data_ && first <= data_ + size_) {  // a part of this vector itself
        size_t n = static_cast<size_t>(last - first);
        move_items(data_, first, n);
        size_ = n;
        return;
      }
    }
    size_ = 0;
    insert(end(), first, last);
  }

  Value* insert(const Value* pos, const Value& v) {
    size_t at = static_cast<size_t>(pos - data_);
    Value copy = v;
    if (size_ == cap_) grow_for(size_ + 1);
    move_items(data_ + at + 1, data_ + at, (size_ - at));
    data_[at] = copy;
    ++size_;
    return data_ + at;
  }
  Value* insert(const Value* pos, size_t n, const Value& v) {
    size_t at = static_cast<size_t>(pos - data_);
    Value copy = v;
    Value* gap = open_gap(at, n);
    std::fill(gap, gap + n, copy);
    return gap;
  }
  template <class It>
    requires(!std::is_integral_v<It>)
  Value* insert(const Value* pos, It first, It last) {
    size_t at = static_cast<size_t>(pos - data_);
    if constexpr (std::is_pointer_v<It>) {
      if (first >= data_ && first <= data_ + size_) {  // from this vector itself: copy it out first
        ValueVector tmp(first, last);
        return insert(data_ + at, tmp.begin(), tmp.end());
      }
    }
    if constexpr (std::forward_iterator<It>) {
      size_t n = static_cast<size_t>(std::distance(first, last));
      Value* gap = open_gap(at, n);
      std::copy(first, last, gap);
      return gap;
    } else {
      for (size_t i = at; first != last; ++first, ++i) insert(data_ + i, *first);
      return data_ + at;
    }
  }

  Value* erase(const Value* pos) noexcept { return erase(pos, pos + 1); }
  Value* erase(const Value* first, const Value* last) noexcept {
    size_t at = static_cast<size_t>(first - data_);
    size_t n = static_cast<size_t>(last - first);
    move_items(data_ + at, data_ + at + n, (size_ - at - n));
    size_ -= n;
    return data_ + at;
  }

  void swap(ValueVector& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(cap_, o.cap_);
  }
  friend void swap(ValueVector& a, ValueVector& b) noexcept { a.swap(b); }

 private:
  static void move_items(Value* to, const Value* from, size_t n) noexcept {
    std::memmove(static_cast<void*>(to), static_cast<const void*>(from), n * sizeof(Value));
  }
  // Room for n more items at `at`, the items from `at` moved up; size grows by n.
  Value* open_gap(size_t at, size_t n) {
    if (size_ + n > cap_) grow_for(size_ + n);
    move_items(data_ + at + n, data_ + at, (size_ - at));
    size_ += n;
    return data_ + at;
  }
  // Doubling, as std::vector (amortized O(1) appends); once mapped, the
  // capacity not yet written to costs address space, not memory.
  void grow_for(size_t needed) { set_capacity(std::max(needed, cap_ < 4 ? 4 : cap_ * 2)); }
  void set_capacity(size_t n) {
    if (n > SIZE_MAX / 2 / sizeof(Value)) throw std::bad_alloc();
    size_t bytes = value_storage::round_up(n * sizeof(Value));
    // A new small block (a list being built, a slice) straight from the
    // allocator: realloc's look-up of an old block costs as much again.
    void* p = data_ == nullptr && !value_storage::is_mapped(bytes)
                  ? raw_alloc(bytes)
                  : value_storage::resize(data_, cap_ * sizeof(Value), bytes, size_ * sizeof(Value));
    if (p == nullptr && bytes != 0) throw std::bad_alloc();
    data_ = static_cast<Value*>(p);
    cap_ = bytes / sizeof(Value);
  }

  Value* data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
};

}  // namespace lockvm
