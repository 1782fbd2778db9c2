// What each policy lets several host threads do, enforced: NoLock refuses a
// second host thread while one is inside; GlobalLock takes the GIL for each
// host call; ObjectLocks and BiasedRC run host calls in parallel (more in
// test_embed_parallel.cpp). Thread-safe host functions run with the lock
// released.
#include "embed_policies.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#ifdef LOCKVM_WITH_NOLOCK
TEST_CASE("embed: NoLock allows one host thread at a time") {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<lockvm::NoLock> vm;
    std::atomic<bool> inside{false}, release{false};
    std::string other_error;
    vm.def("hold", [&] {
      inside = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    std::thread other([&] {
      while (!inside) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      try {
        vm.eval("1 + 1");
      } catch (const lockvm::Error& e) {
        other_error = e.what();
      }
      release = true;
    });
    vm.exec("hold()");
    other.join();
    CHECK(other_error.find("NoLock allows one host thread at a time") != std::string::npos);
    // One at a time is fine, from any thread.
    int from_thread = 0;
    std::thread later([&] { from_thread = vm.template eval<int>("2 + 3"); });
    later.join();
    CHECK(from_thread == 5);
    CHECK(vm.template eval<int>("7") == 7);
  }
  CHECK(lockvm::live_object_count() == base);
}
#endif

TEST_CASE_TEMPLATE_DEFINE("embed: several host threads call one interpreter", P, embed_threads) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.exec("def work(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n"
            "results = []\n");
    int threads = 4;
    std::vector<std::thread> pool;
    std::atomic<int> wrong{0}, errors{0};
    bool nolock = std::string_view(vm.policy_name()) == "nolock";
    if (nolock) threads = 1;  // NoLock: one host thread at a time (see the test above)
    for (int k = 0; k < threads; ++k)
      pool.emplace_back([&, k] {
        try {
          for (int i = 0; i < 50; ++i) {
            int n = 100 + k * 10 + i;
            if (vm.call("work", n).template as<int64_t>() != int64_t(n) * (n - 1) / 2) ++wrong;
            lockvm::Value results = vm.get("results");
            results.attr("append")(k);
          }
        } catch (const lockvm::Error&) {
          ++errors;
        }
      });
    for (auto& th : pool) th.join();
    CHECK(wrong == 0);
    CHECK(errors == 0);
    CHECK(vm.template eval<int>("len(results)") == threads * 50);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_threads)

TEST_CASE_TEMPLATE_DEFINE("embed: thread-safe host functions run unlocked", P, embed_unlocked) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    std::atomic<int> now{0}, most{0};
    vm.def("slow", [&](int ms) {
      int n = ++now;
      int m = most;
      while (n > m && !most.compare_exchange_weak(m, n)) {}
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      --now;
      return ms;
    }, lockvm::Threading::ThreadSafe);
    bool nolock = std::string_view(vm.policy_name()) == "nolock";
    int threads = nolock ? 1 : 3;
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k)
      pool.emplace_back([&] {
        for (int i = 0; i < 3; ++i) CHECK(vm.template eval<int>("slow(20)") == 20);
      });
    for (auto& th : pool) th.join();
    if (!nolock) CHECK(most >= 2);  // two host threads were inside slow() at once
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_unlocked)

TEST_CASE_TEMPLATE_DEFINE("embed: objects made by a host thread that has exited", P, embed_thread_exit) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.exec("kept = []\ndef make(n):\n    kept.append([str(i) for i in range(n)])\n");
    std::thread maker([&] { vm.call("make", 50); });
    maker.join();
    CHECK(vm.template eval<int>("len(kept[0])") == 50);
    vm.exec("kept.clear()");  // the last references go on another thread than their owner's
    std::thread maker2([&] { vm.call("make", 20); });
    maker2.join();
  }
  CHECK(lockvm::live_object_count() == base);  // and the rest at teardown
}
LOCKVM_EMBED_POLICIES(embed_thread_exit)

TEST_CASE_TEMPLATE_DEFINE("embed: script threads call host functions", P, embed_script_threads) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.modules.push_back("threading");
    lockvm::Interpreter<P> vm(opts);
    std::atomic<int> calls{0};
    vm.def("label", [&](int i, lockvm::Value cb) {
      ++calls;
      return "item " + std::to_string(i) + cb(i).template as<std::string>();  // calls back into the script
    });
    vm.def("pause", [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); return ms; },
           lockvm::Threading::ThreadSafe);
    vm.exec("import threading\n"
            "out = []\n"
            "def suffix(i):\n    return '!' * (i % 3)\n"
            "def worker(k):\n"
            "    for i in range(20):\n"
            "        out.append(label(k * 100 + i, suffix))\n"
            "        if i % 5 == 0:\n            pause(1)\n"
            "ts = [threading.Thread(target=worker, args=(k,)) for k in range(3)]\n"
            "for t in ts:\n    t.start()\n"
            "for t in ts:\n    t.join()\n");
    CHECK(calls == 60);
    CHECK(vm.template eval<int>("len(out)") == 60);
    CHECK(vm.template eval<bool>("'item 101!!' in out and 'item 205!' in out"));
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_script_threads)
