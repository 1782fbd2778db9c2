// RelocatableVector (vm/relocatable_vector.hpp), a list's items and a
// dict's entries: std::vector's behaviour on both sides of the size where storage becomes a mapping of its own, and
// the cases where the source of an insert or assign is the vector itself.
// Each check compares with a std::vector<int64_t> doing the same.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "vm/relocatable_vector.hpp"

namespace {

using lockvm::Value;
using lockvm::ValueVector;
namespace storage = lockvm::vector_storage;

// The number of items whose storage is mapped (in the sanitizer builds, where
// nothing is, the same sizes run through the allocator).
constexpr size_t kMappedItems = storage::kMapBytes / sizeof(Value);

Value I(int64_t x) { return Value::integer(x); }

void check_same(const ValueVector& v, const std::vector<int64_t>& expect) {
  REQUIRE(v.size() == expect.size());
  for (size_t i = 0; i < expect.size(); ++i) {
    CHECK(v[i].is_int());
    if (v[i].i != expect[i]) {
      FAIL("item ", i, " is ", v[i].i, ", expected ", expect[i]);
      return;
    }
  }
}

}  // namespace

TEST_CASE("ValueVector: appends grow it across the mapping threshold and keep every item") {
  ValueVector v;
  std::vector<int64_t> expect;
  size_t last_capacity = 0;
  int growths = 0;
  for (int64_t i = 0; i < static_cast<int64_t>(4 * kMappedItems + 17); ++i) {
    v.push_back(I(i * 3));
    expect.push_back(i * 3);
    if (v.capacity() != last_capacity) {
      ++growths;
      last_capacity = v.capacity();
    }
  }
  check_same(v, expect);
  CHECK(v.capacity() >= v.size());
  CHECK(growths < 40);  // geometric growth: amortized O(1) appends
  CHECK(storage::is_mapped(v.capacity() * sizeof(Value)) == storage::kMaps);
  // Shrinking below the threshold moves the items back into the allocator.
  v.resize(100);
  v.shrink_to_fit();
  CHECK(v.capacity() == 100);
  CHECK_FALSE(storage::is_mapped(v.capacity() * sizeof(Value)));
  expect.resize(100);
  check_same(v, expect);
  v.shrink_to_fit();
  v.clear();
  v.shrink_to_fit();
  CHECK(v.capacity() == 0);
  CHECK(v.data() == nullptr);
}

TEST_CASE("ValueVector: an item of the vector appended to it while it grows") {
  ValueVector v;
  std::vector<int64_t> expect;
  for (int64_t i = 0; i < 5; ++i) {
    v.push_back(I(i));
    expect.push_back(i);
  }
  // The argument is a reference into the storage that growing moves.
  for (int k = 0; k < 20000; ++k) {
    REQUIRE(v.size() == expect.size());
    v.push_back(v[static_cast<size_t>(k) % 5]);
    expect.push_back(expect[static_cast<size_t>(k) % 5]);
  }
  check_same(v, expect);
  v.insert(v.begin(), v.back());
  expect.insert(expect.begin(), expect.back());
  check_same(v, expect);
}

TEST_CASE("ValueVector: insert, erase and assign, from outside and from itself") {
  for (size_t n : {size_t{7}, kMappedItems + 5}) {
    ValueVector v;
    std::vector<int64_t> expect;
    for (size_t i = 0; i < n; ++i) {
      v.push_back(I(static_cast<int64_t>(i)));
      expect.push_back(static_cast<int64_t>(i));
    }
    // l[2:2] = l: the vector inserted into itself.
    v.insert(v.begin() + 2, v.begin(), v.end());
    std::vector<int64_t> before = expect;
    expect.insert(expect.begin() + 2, before.begin(), before.end());
    check_same(v, expect);
    // A range from elsewhere, and n copies of one value.
    std::vector<Value> other{I(-1), I(-2), I(-3)};
    v.insert(v.end() - 1, other.begin(), other.end());
    expect.insert(expect.end() - 1, {-1, -2, -3});
    v.insert(v.begin() + 1, 4, I(99));
    expect.insert(expect.begin() + 1, 4, 99);
    check_same(v, expect);
    v.erase(v.begin() + 3);
    expect.erase(expect.begin() + 3);
    v.erase(v.begin() + 1, v.begin() + 6);
    expect.erase(expect.begin() + 1, expect.begin() + 6);
    check_same(v, expect);
    // l[:] = l[3:-2]: assigned a part of itself.
    v.assign(v.begin() + 3, v.end() - 2);
    expect = std::vector<int64_t>(expect.begin() + 3, expect.end() - 2);
    check_same(v, expect);
    v.assign(3, I(5));
    check_same(v, {5, 5, 5});
  }
}

TEST_CASE("ValueVector: copies, moves and swaps own their storage") {
  ValueVector a;
  for (int64_t i = 0; i < static_cast<int64_t>(kMappedItems + 3); ++i) a.push_back(I(i));
  ValueVector b(a);
  CHECK(b.data() != a.data());
  b[0] = I(-7);
  CHECK(a[0].i == 0);
  ValueVector c(std::move(a));
  CHECK(a.empty());
  CHECK(a.data() == nullptr);
  CHECK(c.size() == kMappedItems + 3);
  CHECK(c.back().i == static_cast<int64_t>(kMappedItems + 2));
  ValueVector small{I(1), I(2)};
  swap(small, c);
  CHECK(small.size() == kMappedItems + 3);
  CHECK(c.size() == 2);
  c = small;
  CHECK(c.size() == kMappedItems + 3);
  c = std::move(b);
  CHECK(c[0].i == -7);
  c.resize(c.size() + 3, Value::none());
  CHECK(c.back().is_none());
  c.resize(c.size() + 1);
  CHECK(c.back().is_null());
}

TEST_CASE("RelocatableVector: items of a size that does not divide a page (a dict's entries)") {
  struct Entry {  // HashEntry's 40 bytes
    Value key, value;
    int64_t hash;
  };
  static_assert(sizeof(Entry) == 40);
  lockvm::RelocatableVector<Entry> v;
  const size_t n = storage::kMapBytes / sizeof(Entry) * 3 + 11;
  for (size_t i = 0; i < n; ++i) {
    v.push_back(Entry{I(static_cast<int64_t>(i)), Value::none(), static_cast<int64_t>(i * 31)});
    // Whole items only, and a mapped block's capacity still reads as mapped.
    REQUIRE(v.capacity() * sizeof(Entry) >= v.size() * sizeof(Entry));
    if (storage::is_mapped(v.size() * sizeof(Entry))) REQUIRE(storage::is_mapped(v.capacity() * sizeof(Entry)));
  }
  bool ok = true;
  for (size_t i = 0; i < n; ++i)
    ok &= v[i].key.i == static_cast<int64_t>(i) && v[i].value.is_none() && v[i].hash == static_cast<int64_t>(i * 31);
  CHECK(ok);
  v.resize(storage::kMapBytes / sizeof(Entry));  // exactly at the threshold's item count
  v.shrink_to_fit();
  CHECK(v.back().hash == static_cast<int64_t>((v.size() - 1) * 31));
  v.pop_back();
  v.shrink_to_fit();
  CHECK_FALSE(storage::is_mapped(v.capacity() * sizeof(Entry)));
  CHECK(v.back().key.i == static_cast<int64_t>(v.size() - 1));
}
