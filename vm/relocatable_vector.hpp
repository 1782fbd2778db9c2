// A list's items and a dict's entries: the part of std::vector's interface
// the VM uses, over storage that grows in place instead of by copying.
//
// Why not std::vector: it grows by allocating a block twice the size, copying
// the items and freeing the old block, so while a list of N items grows, 2N
// items' worth of memory is resident at once; a 2.5-million-item list
// (bench/programs/threads_dict.py, 38 MiB of items) held two 32 MiB arrays
// at once while it grew. (A dict's index is rebuilt on growth, as CPython's
// is; its entries grow here.)
// CPython's lists grow with realloc(), which glibc turns into mremap() for
// large blocks: the pages are moved, not copied. mimalloc's realloc copies,
// and std::allocator has no realloc at all, so this class does the same
// itself: small blocks come from the VM's allocator (raw_alloc.hpp, where
// realloc can extend a block within its size class), blocks from kMapBytes up
// are mappings of their own that mremap() grows. Capacity beyond the size is
// address space only: a page becomes resident when an item is written to it.
//
// T is relocatable: a Value's copy is two word moves (value.hpp writes it out
// by hand, which makes it not "trivially copyable" to the compiler), a
// HashEntry is two Values and a hash, and neither has a destructor; so storage
// is moved with memcpy/memmove/mremap and no constructor or destructor runs
// for an item. The references the items hold are the owner's business
// (ListObject, HashTable), as they were with std::vector.
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

namespace vector_storage {
// From this size on a vector's items live in a mapping of their own. 1 MiB
// (65,536 Values, 26,214 dict entries): below it, copying on growth costs
// less than a system call, and the mapping's page rounding is lost in the
// size.
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
// The bytes a request of `bytes` is rounded up to: whole pages once mapped
// (4 KiB; where pages are larger the kernel rounds the rest, unseen).
inline size_t round_up(size_t bytes) noexcept {
  constexpr size_t kPage = 4096;
  return is_mapped(bytes) ? (bytes + kPage - 1) & ~(kPage - 1) : bytes;
}
}  // namespace vector_storage

template <class T>
class RelocatableVector {
  static_assert(std::is_trivially_destructible_v<T> && std::is_copy_constructible_v<T>);

 public:
  using value_type = T;
  using size_type = size_t;
  using difference_type = ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  RelocatableVector() noexcept = default;
  RelocatableVector(size_t n, const T& v) { assign(n, v); }
  template <class It>
    requires(!std::is_integral_v<It>)
  RelocatableVector(It first, It last) { assign(first, last); }
  RelocatableVector(std::initializer_list<T> init) { assign(init.begin(), init.end()); }
  RelocatableVector(const RelocatableVector& o) { assign(o.begin(), o.end()); }
  RelocatableVector(RelocatableVector&& o) noexcept { swap(o); }
  RelocatableVector& operator=(const RelocatableVector& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  RelocatableVector& operator=(RelocatableVector&& o) noexcept {
    RelocatableVector tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  ~RelocatableVector() {
    if (!vector_storage::is_mapped(capacity_bytes()))
      raw_free(data_);  // the common case, inline
    else
      vector_storage::resize(data_, capacity_bytes(), 0, 0);
  }

  // Three pointers, as std::vector keeps: end() is a load, not a multiply
  // by sizeof(T) (a dict's entry is 40 bytes; the attribute caches test an
  // index against end(), runtime/classes.hpp).
  size_t size() const noexcept { return static_cast<size_t>(end_ - data_); }
  size_t capacity() const noexcept { return static_cast<size_t>(cap_end_ - data_); }
  bool empty() const noexcept { return end_ == data_; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return end_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return end_; }
  const T* cbegin() const noexcept { return data_; }
  const T* cend() const noexcept { return end_; }
  reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
  reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }
  T& operator[](size_t i) noexcept { return data_[i]; }
  const T& operator[](size_t i) const noexcept { return data_[i]; }
  T& front() noexcept { return data_[0]; }
  T& back() noexcept { return end_[-1]; }
  const T& front() const noexcept { return data_[0]; }
  const T& back() const noexcept { return end_[-1]; }

  void push_back(const T& v) {
    if (end_ == cap_end_) [[unlikely]] {
      T copy = v;  // v may be one of the items, and growing may move them
      grow_for(size() + 1);
      *end_++ = copy;
      return;
    }
    *end_++ = v;
  }
  // Whether there is room for one more item without growing.
  bool has_room() const noexcept { return end_ != cap_end_; }
  // push_back for a caller that has checked has_room(): no growth path.
  void push_back_in_room(const T& v) noexcept { *end_++ = v; }
  T& emplace_back(const T& v) {
    push_back(v);
    return back();
  }
  void pop_back() noexcept { --end_; }
  void clear() noexcept { end_ = data_; }
  void reserve(size_t n) {
    if (n > capacity()) set_capacity(n);
  }
  void shrink_to_fit() {
    if (cap_end_ != end_) set_capacity(size());
  }
  void resize(size_t n) { resize(n, T{}); }
  void resize(size_t n, const T& v) {
    size_t old = size();
    if (n > old) {
      T copy = v;
      if (n > capacity()) grow_for(n);
      std::fill(data_ + old, data_ + n, copy);
    }
    end_ = data_ + n;
  }

  void assign(size_t n, const T& v) {
    T copy = v;
    clear();
    resize(n, copy);
  }
  template <class It>
    requires(!std::is_integral_v<It>)
  void assign(It first, It last) {
    if constexpr (std::is_pointer_v<It>) {
      if (first >= data_ && first <= end_) {  // a part of this vector itself
        size_t n = static_cast<size_t>(last - first);
        move_items(data_, first, n);
        end_ = data_ + n;
        return;
      }
    }
    if constexpr (std::forward_iterator<It>) {
      size_t n = static_cast<size_t>(std::distance(first, last));
      if (n > capacity()) {
        clear();  // nothing to keep: the new block is not filled from the old
        set_capacity(n);
      }
      std::copy(first, last, data_);
      end_ = data_ + n;
    } else {
      clear();
      insert(end(), first, last);
    }
  }

  T* insert(const T* pos, const T& v) {
    T copy = v;
    T* gap = open_gap(static_cast<size_t>(pos - data_), 1);
    *gap = copy;
    return gap;
  }
  T* insert(const T* pos, size_t n, const T& v) {
    T copy = v;
    T* gap = open_gap(static_cast<size_t>(pos - data_), n);
    std::fill(gap, gap + n, copy);
    return gap;
  }
  template <class It>
    requires(!std::is_integral_v<It>)
  T* insert(const T* pos, It first, It last) {
    size_t at = static_cast<size_t>(pos - data_);
    if constexpr (std::is_pointer_v<It>) {
      if (first >= data_ && first <= end_) {  // from this vector itself: copy it out first
        RelocatableVector tmp(first, last);
        return insert(data_ + at, tmp.begin(), tmp.end());
      }
    }
    if constexpr (std::forward_iterator<It>) {
      T* gap = open_gap(at, static_cast<size_t>(std::distance(first, last)));
      std::copy(first, last, gap);
      return gap;
    } else {
      for (size_t i = at; first != last; ++first, ++i) insert(data_ + i, *first);
      return data_ + at;
    }
  }

  T* erase(const T* pos) noexcept { return erase(pos, pos + 1); }
  T* erase(const T* first, const T* last) noexcept {
    T* at = data_ + (first - data_);
    move_items(at, last, static_cast<size_t>(end_ - last));
    end_ -= last - first;
    return at;
  }

  void swap(RelocatableVector& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(end_, o.end_);
    std::swap(cap_end_, o.cap_end_);
  }
  friend void swap(RelocatableVector& a, RelocatableVector& b) noexcept { a.swap(b); }

 private:
  // n == 0 may come with null pointers (an empty vector), which memmove
  // must not be given.
  static void move_items(T* to, const T* from, size_t n) noexcept {
    if (n != 0) std::memmove(static_cast<void*>(to), static_cast<const void*>(from), n * sizeof(T));
  }
  size_t capacity_bytes() const noexcept { return capacity() * sizeof(T); }
  // Room for n more items at `at`, the items from `at` moved up; size grows by n.
  T* open_gap(size_t at, size_t n) {
    size_t old = size();
    if (old + n > capacity()) grow_for(old + n);
    if (at != old) move_items(data_ + at + n, data_ + at, old - at);
    end_ += n;
    return data_ + at;
  }
  // Doubling, as std::vector (amortized O(1) appends); once mapped, the
  // capacity not yet written to costs address space, not memory.
  void grow_for(size_t needed) {
    size_t cap = capacity();
    set_capacity(std::max(needed, cap < 4 ? 4 : cap * 2));
  }
  void set_capacity(size_t n) {
    if (n > SIZE_MAX / 2 / sizeof(T)) throw std::bad_alloc();
    size_t bytes = vector_storage::round_up(n * sizeof(T));
    size_t keep = size();
    // A new small block (a list being built, a slice) straight from the
    // allocator: realloc's look-up of an old block costs as much again.
    void* p = data_ == nullptr && !vector_storage::is_mapped(bytes)
                  ? raw_alloc(bytes)
                  : vector_storage::resize(data_, capacity_bytes(), bytes, keep * sizeof(T));
    if (p == nullptr && bytes != 0) throw std::bad_alloc();
    data_ = static_cast<T*>(p);
    end_ = data_ + std::min(keep, n);
    // Whole items only. A mapped block keeps capacity_bytes() >= n *
    // sizeof(T) >= kMapBytes, so is_mapped(capacity_bytes()) still tells how
    // the block was made, and that length rounds up to the mapping's pages.
    cap_end_ = data_ + bytes / sizeof(T);
  }

  T* data_ = nullptr;
  T* end_ = nullptr;
  T* cap_end_ = nullptr;
};

using ValueVector = RelocatableVector<Value>;

}  // namespace lockvm
