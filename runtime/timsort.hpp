// CPython's list.sort algorithm (3.11): binary insertion sort of short
// runs, natural runs, the powersort merge policy and galloping merges, with
// a comparator that may fail or be inconsistent. Pure C++ (no VM types), so
// it is unit-tested on its own (tests/unit/test_builtins.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace lockvm::rt::core {

// ============================================================== timsort
//
// Sorts a[0:n] stably with `lt(x, y)` returning 1 if x < y, 0 if not, and -1
// on error. Stops at the first error and returns false; a[] is then still a
// permutation of its input (never loses or duplicates an element), whatever
// the comparator did. An inconsistent comparator cannot make it read or
// write out of bounds. The order of comparisons is CPython 3.11's, so user
// __lt__ methods with side effects and error messages behave the same.
namespace detail {

template <class T>
inline void move_items(T* dst, const T* src, ptrdiff_t n) {  // memmove semantics
  if (n <= 0 || dst == src) return;
  if (dst < src) std::copy(src, src + n, dst);
  else std::copy_backward(src, src + n, dst + n);
}

template <class T, class Less>
struct TimSort {
  static constexpr ptrdiff_t kMinGallop = 7;
  static constexpr ptrdiff_t kMaxMinRun = 64;

  struct Run {
    ptrdiff_t base, len;
    int power;
  };

  T* a;
  ptrdiff_t n;
  Less& lt;
  std::vector<T> tmp;
  std::vector<Run> pending;
  ptrdiff_t min_gallop = kMinGallop;

  // returns <0 error, 0 false, 1 true
  int islt(const T& x, const T& y) { return lt(x, y); }

  static ptrdiff_t compute_minrun(ptrdiff_t n) {
    ptrdiff_t r = 0;
    while (n >= kMaxMinRun) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // CPython 3.11 count_run: length of the run at lo (strictly descending
  // runs are reported with descending = true). -1 on error.
  ptrdiff_t count_run(T* lo, T* hi, bool& descending) {
    descending = false;
    ++lo;
    if (lo == hi) return 1;
    ptrdiff_t k = 2;
    int c = islt(*lo, *(lo - 1));
    if (c < 0) return -1;
    if (c) {
      descending = true;
      for (lo = lo + 1; lo < hi; ++lo, ++k) {
        c = islt(*lo, *(lo - 1));
        if (c < 0) return -1;
        if (!c) break;
      }
    } else {
      for (lo = lo + 1; lo < hi; ++lo, ++k) {
        c = islt(*lo, *(lo - 1));
        if (c < 0) return -1;
        if (c) break;
      }
    }
    return k;
  }

  // Binary insertion sort of [lo, hi) where [lo, start) is already sorted.
  bool binarysort(T* lo, T* hi, T* start) {
    if (lo == start) ++start;
    for (; start < hi; ++start) {
      T* l = lo;
      T* r = start;
      T pivot = *r;
      do {
        T* p = l + ((r - l) >> 1);
        int c = islt(pivot, *p);
        if (c < 0) return false;
        if (c) r = p;
        else l = p + 1;
      } while (l < r);
      for (T* p = start; p > l; --p) *p = *(p - 1);
      *l = pivot;
    }
    return true;
  }

  ptrdiff_t gallop_left(const T& key, T* base, ptrdiff_t len, ptrdiff_t hint) {
    T* p = base + hint;
    ptrdiff_t lastofs = 0, ofs = 1;
    int c = islt(*p, key);
    if (c < 0) return -1;
    if (c) {
      const ptrdiff_t maxofs = len - hint;
      while (ofs < maxofs) {
        c = islt(p[ofs], key);
        if (c < 0) return -1;
        if (c) {
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        } else break;
      }
      if (ofs > maxofs) ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    } else {
      const ptrdiff_t maxofs = hint + 1;
      while (ofs < maxofs) {
        c = islt(*(p - ofs), key);
        if (c < 0) return -1;
        if (c) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      ptrdiff_t k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    }
    ++lastofs;
    while (lastofs < ofs) {
      ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
      c = islt(base[m], key);
      if (c < 0) return -1;
      if (c) lastofs = m + 1;
      else ofs = m;
    }
    return ofs;
  }

  ptrdiff_t gallop_right(const T& key, T* base, ptrdiff_t len, ptrdiff_t hint) {
    T* p = base + hint;
    ptrdiff_t lastofs = 0, ofs = 1;
    int c = islt(key, *p);
    if (c < 0) return -1;
    if (c) {
      const ptrdiff_t maxofs = hint + 1;
      while (ofs < maxofs) {
        c = islt(key, *(p - ofs));
        if (c < 0) return -1;
        if (c) {
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        } else break;
      }
      if (ofs > maxofs) ofs = maxofs;
      ptrdiff_t k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    } else {
      const ptrdiff_t maxofs = len - hint;
      while (ofs < maxofs) {
        c = islt(key, p[ofs]);
        if (c < 0) return -1;
        if (c) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
    ++lastofs;
    while (lastofs < ofs) {
      ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
      c = islt(key, base[m]);
      if (c < 0) return -1;
      if (c) ofs = m;
      else lastofs = m + 1;
    }
    return ofs;
  }

  // Merges a[pa:pa+na] and a[pb:pb+nb] (adjacent), na <= nb, using tmp for A.
  bool merge_lo(ptrdiff_t pa_i, ptrdiff_t na, ptrdiff_t pb_i, ptrdiff_t nb) {
    tmp.assign(a + pa_i, a + pa_i + na);
    T* dest = a + pa_i;
    T* pa = tmp.data();
    T* pb = a + pb_i;
    bool result = false;
    ptrdiff_t mg;

    *dest++ = *pb++;
    --nb;
    if (nb == 0) goto Succeed;
    if (na == 1) goto CopyB;

    mg = min_gallop;
    for (;;) {
      ptrdiff_t acount = 0, bcount = 0;
      for (;;) {
        int k = islt(*pb, *pa);
        if (k) {
          if (k < 0) goto Fail;
          *dest++ = *pb++;
          ++bcount;
          acount = 0;
          --nb;
          if (nb == 0) goto Succeed;
          if (bcount >= mg) break;
        } else {
          *dest++ = *pa++;
          ++acount;
          bcount = 0;
          --na;
          if (na == 1) goto CopyB;
          if (acount >= mg) break;
        }
      }
      ++mg;
      do {
        mg -= mg > 1;
        min_gallop = mg;
        ptrdiff_t k = gallop_right(*pb, pa, na, 0);
        acount = k;
        if (k) {
          if (k < 0) goto Fail;
          std::copy(pa, pa + k, dest);
          dest += k;
          pa += k;
          na -= k;
          if (na == 1) goto CopyB;
          if (na == 0) goto Succeed;  // only with an inconsistent comparator
        }
        *dest++ = *pb++;
        --nb;
        if (nb == 0) goto Succeed;
        k = gallop_left(*pa, pb, nb, 0);
        bcount = k;
        if (k) {
          if (k < 0) goto Fail;
          move_items(dest, pb, k);
          dest += k;
          pb += k;
          nb -= k;
          if (nb == 0) goto Succeed;
        }
        *dest++ = *pa++;
        --na;
        if (na == 1) goto CopyB;
      } while (acount >= kMinGallop || bcount >= kMinGallop);
      ++mg;
      min_gallop = mg;
    }
  Succeed:
    result = true;
  Fail:
    if (na) std::copy(pa, pa + na, dest);
    return result;
  CopyB:
    // The last element of A belongs at the end of the merge.
    move_items(dest, pb, nb);
    dest[nb] = *pa;
    return true;
  }

  // Merges a[pa:pa+na] and a[pb:pb+nb] (adjacent), na >= nb, using tmp for B.
  bool merge_hi(ptrdiff_t pa_i, ptrdiff_t na, ptrdiff_t pb_i, ptrdiff_t nb) {
    tmp.assign(a + pb_i, a + pb_i + nb);
    T* dest = a + pb_i + nb - 1;
    T* basea = a + pa_i;
    T* baseb = tmp.data();
    T* pb = baseb + nb - 1;
    T* pa = basea + na - 1;
    bool result = false;
    ptrdiff_t mg;

    *dest-- = *pa--;
    --na;
    if (na == 0) goto Succeed;
    if (nb == 1) goto CopyA;

    mg = min_gallop;
    for (;;) {
      ptrdiff_t acount = 0, bcount = 0;
      for (;;) {
        int k = islt(*pb, *pa);
        if (k) {
          if (k < 0) goto Fail;
          *dest-- = *pa--;
          ++acount;
          bcount = 0;
          --na;
          if (na == 0) goto Succeed;
          if (acount >= mg) break;
        } else {
          *dest-- = *pb--;
          ++bcount;
          acount = 0;
          --nb;
          if (nb == 1) goto CopyA;
          if (bcount >= mg) break;
        }
      }
      ++mg;
      do {
        mg -= mg > 1;
        min_gallop = mg;
        ptrdiff_t k = gallop_right(*pb, basea, na, na - 1);
        if (k < 0) goto Fail;
        k = na - k;
        acount = k;
        if (k) {
          dest -= k;
          pa -= k;
          move_items(dest + 1, pa + 1, k);
          na -= k;
          if (na == 0) goto Succeed;
        }
        *dest-- = *pb--;
        --nb;
        if (nb == 1) goto CopyA;
        k = gallop_left(*pa, baseb, nb, nb - 1);
        if (k < 0) goto Fail;
        k = nb - k;
        bcount = k;
        if (k) {
          dest -= k;
          pb -= k;
          std::copy(pb + 1, pb + 1 + k, dest + 1);
          nb -= k;
          if (nb == 1) goto CopyA;
          if (nb == 0) goto Succeed;  // only with an inconsistent comparator
        }
        *dest-- = *pa--;
        --na;
        if (na == 0) goto Succeed;
      } while (acount >= kMinGallop || bcount >= kMinGallop);
      ++mg;
      min_gallop = mg;
    }
  Succeed:
    result = true;
  Fail:
    if (nb) std::copy(baseb, baseb + nb, dest - (nb - 1));
    return result;
  CopyA:
    // The first element of B belongs at the front of the merge.
    dest -= na;
    pa -= na;
    move_items(dest + 1, pa + 1, na);
    *dest = *pb;
    return true;
  }

  bool merge_at(size_t i) {
    ptrdiff_t pa = pending[i].base, na = pending[i].len;
    ptrdiff_t pb = pending[i + 1].base, nb = pending[i + 1].len;
    pending[i].len = na + nb;
    if (i + 3 == pending.size()) pending[i + 1] = pending[i + 2];
    pending.pop_back();

    ptrdiff_t k = gallop_right(a[pb], a + pa, na, 0);
    if (k < 0) return false;
    pa += k;
    na -= k;
    if (na == 0) return true;
    nb = gallop_left(a[pa + na - 1], a + pb, nb, nb - 1);
    if (nb <= 0) return nb == 0;
    if (na <= nb) return merge_lo(pa, na, pb, nb);
    return merge_hi(pa, na, pb, nb);
  }

  static int powerloop(ptrdiff_t s1, ptrdiff_t n1, ptrdiff_t n2, ptrdiff_t n) {
    int result = 0;
    ptrdiff_t x = 2 * s1 + n1;
    ptrdiff_t y = x + n1 + n2;
    for (;;) {
      ++result;
      if (x >= n) {
        x -= n;
        y -= n;
      } else if (y >= n) {
        break;
      }
      x <<= 1;
      y <<= 1;
    }
    return result;
  }

  bool found_new_run(ptrdiff_t n2) {
    if (!pending.empty()) {
      ptrdiff_t s1 = pending.back().base, n1 = pending.back().len;
      int power = powerloop(s1, n1, n2, n);
      while (pending.size() > 1 && pending[pending.size() - 2].power > power)
        if (!merge_at(pending.size() - 2)) return false;
      pending.back().power = power;
    }
    return true;
  }

  bool force_collapse() {
    while (pending.size() > 1) {
      size_t k = pending.size() - 2;
      if (k > 0 && pending[k - 1].len < pending[k + 1].len) --k;
      if (!merge_at(k)) return false;
    }
    return true;
  }

  bool run() {
    if (n < 2) return true;
    ptrdiff_t nremaining = n, lo = 0;
    ptrdiff_t minrun = compute_minrun(nremaining);
    do {
      bool descending;
      ptrdiff_t k = count_run(a + lo, a + lo + nremaining, descending);
      if (k < 0) return false;
      if (descending) std::reverse(a + lo, a + lo + k);
      if (k < minrun) {
        ptrdiff_t force = nremaining <= minrun ? nremaining : minrun;
        if (!binarysort(a + lo, a + lo + force, a + lo + k)) return false;
        k = force;
      }
      if (!found_new_run(k)) return false;
      pending.push_back(Run{lo, k, 0});
      lo += k;
      nremaining -= k;
    } while (nremaining);
    return force_collapse();
  }
};

}  // namespace detail

template <class T, class Less>
bool timsort(T* a, size_t n, Less&& lt) {
  detail::TimSort<T, std::remove_reference_t<Less>> s{a, static_cast<ptrdiff_t>(n), lt, {}, {}};
  return s.run();
}

}  // namespace lockvm::rt::core
