// The ways of an attribute cache site (runtime/attr_cache.hpp, attr_lookup and
// attr_insert): where a fill goes, that every filled type is found again,
// that a module word and a type word for tag 0 never mix, and that a class
// attribute is read only with the word it was filled with. The words are
// built by hand; no VM runs.
#include <doctest/doctest.h>

#include <cstdint>

#include "policies/biased_rc.hpp"
#include "policies/no_lock.hpp"
#include "runtime/classes.hpp"

namespace {

using lockvm::AttrCache;
using lockvm::BiasedRC;
using lockvm::NoLock;
using lockvm::Value;
using lockvm::rt::AttrKind;
using lockvm::rt::attr_class_value;
using lockvm::rt::attr_find;
using lockvm::rt::attr_insert;
using lockvm::rt::attr_kind;
using lockvm::rt::attr_lookup;
using lockvm::rt::attr_word;
using lockvm::rt::kAttrWayBusy;

uint64_t method(uint32_t version, uint32_t index) { return attr_word(version, AttrKind::Method, 1, index); }

}  // namespace

TEST_CASE("AttrCache: four types with different homes each sit in their home way") {
  AttrCache c;
  for (uint32_t v : {41u, 42u, 43u, 44u}) attr_insert(c, method(v, v));
  for (uint32_t v : {41u, 42u, 43u, 44u}) {
    CHECK(c.ways[v % AttrCache::kWays].word == method(v, v));
    CHECK(attr_lookup(c, v) == method(v, v));
  }
  CHECK(attr_lookup(c, 45) == 0);
}

TEST_CASE("AttrCache: a type whose home is taken goes to a free way and is found by the scan") {
  AttrCache c;
  attr_insert(c, method(8, 1));   // home 0
  attr_insert(c, method(12, 2));  // home 0 too: goes to way 1, the first free one
  attr_insert(c, method(16, 3));  // and way 2
  CHECK(c.ways[0].word == method(8, 1));
  CHECK(attr_lookup(c, 8) == method(8, 1));
  CHECK(attr_lookup(c, 12) == method(12, 2));
  CHECK(attr_lookup(c, 16) == method(16, 3));
  // A refill for a tag already cached replaces its word where it is.
  attr_insert(c, method(12, 7));
  CHECK(attr_lookup(c, 12) == method(12, 7));
  int with_12 = 0;
  for (const AttrCache::Way& way : c.ways) with_12 += lockvm::rt::attr_version(way.word) == 12;
  CHECK(with_12 == 1);
}

TEST_CASE("AttrCache: with every way taken, a new type evicts its home's occupant") {
  AttrCache c;
  for (uint32_t v : {4u, 8u, 12u, 16u}) attr_insert(c, method(v, v));  // all home 0
  for (uint32_t v : {4u, 8u, 12u, 16u}) CHECK(attr_lookup(c, v) == method(v, v));
  attr_insert(c, method(21, 5));  // home 1, held by 8
  CHECK(attr_lookup(c, 21) == method(21, 5));
  CHECK(attr_lookup(c, 8) == 0);
  CHECK(attr_lookup(c, 4) == method(4, 4));
}

TEST_CASE("AttrCache: module words live in way 0; a tag-0 lookup finds them or nothing") {
  AttrCache c;
  CHECK(attr_kind(attr_lookup(c, 0)) == AttrKind::Empty);
  uint64_t module_word = attr_word(0, AttrKind::ModuleValue, 0, 9);
  attr_insert(c, module_word);
  CHECK(attr_lookup(c, 0) == module_word);
  attr_insert(c, method(5, 1));  // home 1
  CHECK(attr_lookup(c, 0) == module_word);
  // A type with home 0 evicts the module word only when no other way is free.
  attr_insert(c, method(4, 2));
  CHECK(attr_lookup(c, 0) == module_word);
  CHECK(attr_lookup(c, 4) == method(4, 2));
  attr_insert(c, method(8, 3));
  attr_insert(c, method(12, 4));  // every way full: 12 takes way 0
  CHECK(attr_kind(attr_lookup(c, 0)) != AttrKind::ModuleValue);
  CHECK(attr_lookup(c, 12) == method(12, 4));
  // Refilled, the module word takes way 0 back.
  attr_insert(c, module_word);
  CHECK(attr_lookup(c, 0) == module_word);
}

TEST_CASE("AttrCache: a class attribute is kept with its word, and a refill replaces both") {
  AttrCache c;
  attr_insert(c, method(8, 1), Value::integer(100));
  attr_insert(c, method(12, 2), Value::integer(200));  // home 0 taken: way 1
  CHECK(attr_class_value<NoLock>(attr_find(c, 8)).i == 100);
  CHECK(attr_class_value<NoLock>(attr_find(c, 12)).i == 200);
  attr_insert(c, method(12, 3), Value::integer(300));
  auto h = attr_find(c, 12);
  CHECK(h.w == method(12, 3));
  CHECK(h.way == &c.ways[1]);
  CHECK(attr_class_value<NoLock>(h).i == 300);
  // An instance-value word carries no class attribute.
  attr_insert(c, attr_word(16, AttrKind::InstanceValue, 1, 0));
  CHECK(attr_find(c, 16).way->value.is_null());
}

TEST_CASE("AttrCache: a reader that raced with a refill of its way gets Null, not the new fill's value") {
  AttrCache c;
  attr_insert(c, method(8, 1), Value::integer(100));
  auto h = attr_find(c, 8);  // the word is read ...
  attr_insert(c, method(8, 2), Value::integer(200));  // ... another thread refills the way ...
  CHECK(attr_class_value<BiasedRC>(h).is_null());  // ... so the value read next is not trusted
  CHECK(attr_class_value<BiasedRC>(attr_find(c, 8)).i == 200);
}

TEST_CASE("AttrCache: a fill gives up on a way another fill holds") {
  AttrCache c;
  for (AttrCache::Way& way : c.ways) way.word = kAttrWayBusy;
  attr_insert(c, method(8, 1), Value::integer(1));
  for (const AttrCache::Way& way : c.ways) CHECK(way.word == kAttrWayBusy);
  CHECK(attr_find(c, 8).w == 0);
  CHECK(attr_find(c, 0).w == 0);  // nor does a busy word pass for a module word
}
