// The biased reference count protocol of BiasedRC (policies/biased_refcount.hpp)
// on bare headers, with real threads: the owner's fast path, another thread's
// shared count, the merge when the owner's count reaches zero, objects queued
// to their owner and merged there, an exited owner, immortal objects, and the
// counted mode of `lockvm --stats`. Each case says who must free the object:
// a wrong answer is a leak or a double free in the VM.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <thread>

#include "policies/biased_refcount.hpp"

namespace {

using lockvm::BiasedRefcount;
using Header = BiasedRefcount::Header;

// Runs fn on a new thread (a new owner index) and waits for it.
void on_other_thread(const std::function<void()>& fn) {
  std::thread th(fn);
  th.join();
}

}  // namespace

TEST_CASE("brc: the owner counts alone and frees at zero") {
  Header h;
  BiasedRefcount::init_header(h);
  CHECK(BiasedRefcount::refcount(h) == 1);
  BiasedRefcount::incref(h);
  BiasedRefcount::incref(h);
  CHECK(BiasedRefcount::refcount(h) == 3);
  CHECK(h.shared.load() == 0);
  CHECK_FALSE(BiasedRefcount::decref(h));
  CHECK_FALSE(BiasedRefcount::decref(h));
  CHECK(BiasedRefcount::decref(h));  // the last reference: the caller frees
}

TEST_CASE("brc: another thread counts in the shared field; the owner's zero merges") {
  Header h;
  BiasedRefcount::init_header(h);
  on_other_thread([&] { BiasedRefcount::incref(h); });
  CHECK(h.local.load() == 1);
  CHECK(h.shared.load() == (1 << BiasedRefcount::kShift));
  CHECK(BiasedRefcount::refcount(h) == 2);
  // The owner lets go of its reference: the other thread's is still alive,
  // so the counts merge and the object has no owner any more.
  CHECK_FALSE(BiasedRefcount::decref(h));
  CHECK(h.owner.load() == 0);
  CHECK((h.shared.load() & BiasedRefcount::kMerged) != 0);
  CHECK(BiasedRefcount::refcount(h) == 1);
  // The last reference goes on a third thread, which must free it.
  bool freed = false;
  on_other_thread([&] { freed = BiasedRefcount::decref(h); });
  CHECK(freed);
}

TEST_CASE("brc: a reference dropped by another thread below zero is queued to the owner") {
  Header h;
  std::atomic<int> stage{0};
  bool freed_by_dropper = true, freed_by_owner = false;
  size_t merged = 0;
  std::thread owner([&] {
    BiasedRefcount::init_header(h);  // this thread owns h, with one reference
    stage = 1;
    while (stage.load() != 2) std::this_thread::yield();
    merged = BiasedRefcount::merge_queued([&](Header& q) { freed_by_owner = &q == &h; });
  });
  while (stage.load() != 1) std::this_thread::yield();
  // The owner's one reference is handed to this thread, which drops it: the
  // shared count would go below zero, so the object is queued instead.
  freed_by_dropper = BiasedRefcount::decref(h);
  CHECK((h.shared.load() & BiasedRefcount::kQueued) != 0);
  stage = 2;
  owner.join();
  CHECK_FALSE(freed_by_dropper);
  CHECK(merged == 1);
  CHECK(freed_by_owner);  // merged: local 1 + shared 0 - the queued 1 = 0
}

TEST_CASE("brc: once the owner has exited, the dropping thread merges and frees") {
  Header h;
  std::thread owner([&] {
    BiasedRefcount::init_header(h);
    BiasedRefcount::thread_exit([](Header&) {});
  });
  owner.join();
  bool freed = false;
  on_other_thread([&] { freed = BiasedRefcount::decref(h); });
  CHECK(freed);
}

TEST_CASE("brc: immortal objects are never freed and never written by other threads") {
  Header h;
  BiasedRefcount::init_header(h);
  BiasedRefcount::make_immortal(h);
  CHECK(BiasedRefcount::is_immortal(h));
  for (int i = 0; i < 3; ++i) CHECK_FALSE(BiasedRefcount::decref(h));
  bool freed = false;
  on_other_thread([&] {
    BiasedRefcount::incref(h);
    for (int i = 0; i < 3; ++i) freed |= BiasedRefcount::decref(h);
  });
  CHECK_FALSE(freed);
  CHECK(h.shared.load() == 0);
  CHECK(BiasedRefcount::refcount(h) == (1l << 30));
}

TEST_CASE("brc: counted mode (lockvm --stats) counts the owner's updates and keeps their meaning") {
  Header h;
  BiasedRefcount::init_header(h);
  uint64_t fast = lockvm::policy_stats().biased_fast;
  BiasedRefcount::count_owner_updates(true);
  BiasedRefcount::incref(h);
  CHECK_FALSE(BiasedRefcount::decref(h));
  BiasedRefcount::count_owner_updates(false);
  CHECK(lockvm::policy_stats().biased_fast == fast + 2);
  CHECK(h.shared.load() == 0);  // still the owner's count, not a shared one
  CHECK(BiasedRefcount::decref(h));
  CHECK(lockvm::policy_stats().biased_fast == fast + 2);  // uncounted again
}
