// Host threads running bytecode in one interpreter at the same time
// (ObjectLocks, BiasedRC): nothing is lost when they share objects, each
// host call keeps its own limits, and the engine's configuration can change
// while other threads run. Under GlobalLock the same tests run one thread at
// a time (the GIL) and must give the same results; NoLock allows one host
// thread at a time and is left out.
#include "embed_policies.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#ifdef LOCKVM_WITH_BRC
#include "policies/biased_refcount.hpp"
#endif

using lockvm::embed_test::error_of;

namespace {

template <class P>
bool threaded(lockvm::Interpreter<P>& vm) {
  return std::string_view(vm.policy_name()) != "nolock";
}

// BiasedRC: no thread is counted as running any more (host threads joined,
// interpreters gone), so lock elision is back on.
template <class P>
bool brc_count_back_to_zero() {
#ifdef LOCKVM_WITH_BRC
  if constexpr (std::is_same_v<P, lockvm::BiasedRC>) return !lockvm::BiasedRefcount::others_running();
#endif
  return true;
}

}  // namespace

TEST_CASE_TEMPLATE_DEFINE("embed parallel: host threads inside at once", P, embed_par_rendezvous) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    if (!threaded(vm)) return;
    // Each thread marks itself arrived, then spins in bytecode until the other
    // has arrived too. If host calls ran one at a time, the first would give
    // up after its 10 s (and return False) before the second could enter.
    vm.exec("import time\n"
            "arrived = {}\n"
            "def rendezvous(me, other):\n"
            "    arrived[me] = True\n"
            "    start = time.monotonic()\n"
            "    while other not in arrived:\n"
            "        if time.monotonic() - start > 10:\n"
            "            return False\n"
            "    return True\n");
    // (Under the GIL both get in too, taking turns every 5 ms.)
    bool a = false, b = false;
    std::thread other([&] { b = vm.call("rendezvous", "b", "a").template as<bool>(); });
    a = vm.call("rendezvous", "a", "b").template as<bool>();
    other.join();
    CHECK(a);
    CHECK(b);
  }
  CHECK(lockvm::live_object_count() == base);
  CHECK(brc_count_back_to_zero<P>());
}
LOCKVM_EMBED_POLICIES(embed_par_rendezvous)

TEST_CASE_TEMPLATE_DEFINE("embed parallel: shared list and own dicts, exact totals", P, embed_par_totals) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    if (!threaded(vm)) return;
    vm.exec("shared = []\n"
            "def append_many(k, n):\n"
            "    for i in range(n):\n"
            "        shared.append(k)\n"
            "def bump(d, n):\n"
            "    for i in range(n):\n"
            "        key = i % 97\n"
            "        d[key] = d.get(key, 0) + 1\n"
            "    return d\n");
    constexpr int kThreads = 4;
    constexpr int kN = 100000;
    std::vector<lockvm::Value> dicts;
    for (int k = 0; k < kThreads; ++k) dicts.push_back(vm.eval("{}"));
    std::atomic<int> errors{0};
    std::vector<std::thread> pool;
    // The creating thread (never counted by BiasedRC) works too.
    for (int k = 1; k < kThreads; ++k)
      pool.emplace_back([&, k] {
        try {
          vm.call("append_many", k, kN);
          vm.call("bump", dicts[k], kN);
        } catch (const lockvm::Error& e) {
          MESSAGE(e.what());
          ++errors;
        }
      });
    vm.call("append_many", 0, kN);
    vm.call("bump", dicts[0], kN);
    for (auto& th : pool) th.join();
    CHECK(errors == 0);
    CHECK(vm.template eval<int64_t>("len(shared)") == int64_t(kThreads) * kN);
    // Each thread's own appends, all there.
    auto counts = vm.template eval<std::vector<int64_t>>(
        "[shared.count(k) for k in range(" + std::to_string(kThreads) + ")]");
    for (int k = 0; k < kThreads; ++k) CHECK(counts[k] == kN);
    vm.set("dicts", vm.value(dicts));
    CHECK(vm.template eval<std::vector<int64_t>>("[sum(d.values()) for d in dicts]") ==
          std::vector<int64_t>(kThreads, kN));
    dicts.clear();
  }
  CHECK(lockvm::live_object_count() == base);
  CHECK(brc_count_back_to_zero<P>());
}
LOCKVM_EMBED_POLICIES(embed_par_totals)

// BiasedRC: the creating thread runs with object locks elided (no other
// thread yet) when a second host thread enters and starts appending to the
// same list. The newcomer must be counted, and the running thread must see
// the count, before the two touch the list together.
TEST_CASE_TEMPLATE_DEFINE("embed parallel: a host thread joins one running unlocked", P, embed_par_join_running) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    if (!threaded(vm)) return;
    std::atomic<bool> started{false};
    vm.def("started", [&] { started = true; });
    vm.exec("shared = []\n"
            "def append_many(n, tell):\n"
            "    if tell:\n"
            "        started()\n"
            "    for i in range(n):\n"
            "        shared.append(i)\n");
    constexpr int kN = 200000;
    for (int round = 0; round < 3; ++round) {
      vm.exec("shared.clear()");
      started = false;
      std::thread late([&] {
        while (!started) std::this_thread::yield();
        vm.call("append_many", kN, false);
      });
      vm.call("append_many", kN, true);
      late.join();
      CHECK(vm.template eval<int64_t>("len(shared)") == 2 * kN);
      CHECK(vm.template eval<int64_t>("sum(shared)") == int64_t(kN) * (kN - 1));
    }
  }
  CHECK(lockvm::live_object_count() == base);
  CHECK(brc_count_back_to_zero<P>());
}
LOCKVM_EMBED_POLICIES(embed_par_join_running)

TEST_CASE_TEMPLATE_DEFINE("embed parallel: tick limits are per host call", P, embed_par_ticks) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_ticks = 200000;
    lockvm::Interpreter<P> vm(opts);
    if (!threaded(vm)) return;
    vm.exec("def spin():\n    while True:\n        pass\n"
            "def work(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n");
    std::atomic<bool> spinning_done{false};
    std::string spin_error;
    std::thread spinner([&] {
      spin_error = error_of([&] { vm.call("spin"); });
      spinning_done = true;
    });
    // Short calls while the other thread spins: each has its own budget, and
    // neither refills nor drains the spinner's.
    int calls = 0, failed = 0;
    while (!spinning_done || calls < 20) {
      ++calls;
      if (error_of([&] { CHECK(vm.call("work", 1000).template as<int64_t>() == 499500); }) != "no error") ++failed;
      if (calls > 100000) break;  // the spinner never tripped
    }
    spinner.join();
    CHECK(spin_error == "RuntimeError: execution limit exceeded (200000 ticks)");
    CHECK(failed == 0);
    CHECK(calls <= 100000);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_par_ticks)

TEST_CASE_TEMPLATE_DEFINE("embed parallel: time limits are per host call", P, embed_par_time) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_seconds = 0.2;
    lockvm::Interpreter<P> vm(opts);
    if (!threaded(vm)) return;
    vm.exec("def spin():\n    while True:\n        pass\n"
            "def work(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n");
    std::atomic<bool> done{false};
    std::string spin_error;
    double spin_took = 0;
    std::thread spinner([&] {
      auto start = std::chrono::steady_clock::now();
      spin_error = error_of([&] { vm.call("spin"); });
      spin_took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      done = true;
    });
    // Short calls for 1.5 s, each well inside its own 0.2 s: they must not
    // move the spinner's deadline (it trips after its 0.2 s), and its
    // deadline passing must not trip them.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    int failed = 0;
    while (std::chrono::steady_clock::now() < until)
      if (error_of([&] { vm.call("work", 200); }) != "no error") ++failed;
    spinner.join();
    CHECK(spin_error == "RuntimeError: time limit exceeded (0.2 s)");
    CHECK(spin_took >= 0.2);
    CHECK(spin_took < 1.4);
    CHECK(failed == 0);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_par_time)

TEST_CASE_TEMPLATE_DEFINE("embed parallel: heap meter shared by host threads", P, embed_par_heap) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_heap_bytes = 8 << 20;
    lockvm::Interpreter<P> vm(opts);
    if (!threaded(vm)) return;
    vm.exec("def churn(n):\n"
            "    for i in range(n):\n"
            "        s = [str(i)] * 4\n"
            "    return len(s)\n"
            "def hog():\n"
            "    big = []\n"
            "    while True:\n"
            "        big.append(str(len(big)) * 8)\n");
    std::vector<std::thread> pool;
    std::atomic<int> errors{0};
    for (int k = 0; k < 2; ++k)
      pool.emplace_back([&] {
        for (int i = 0; i < 20; ++i)
          if (error_of([&] { vm.call("churn", 2000); }) != "no error") ++errors;
      });
    for (auto& th : pool) th.join();
    CHECK(errors == 0);  // churn frees what it makes: the meter goes back down
    // Over the limit on one thread: MemoryError there, and the interpreter
    // usable once the memory is gone (hog's list dies with its frame).
    CHECK(error_of([&] { vm.call("hog"); }) == "MemoryError: heap limit exceeded (8388608 bytes)");
    CHECK(vm.call("churn", 10).template as<int>() == 4);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_par_heap)

TEST_CASE_TEMPLATE_DEFINE("embed parallel: configuration changes while threads run", P, embed_par_config) {
  long long base = lockvm::live_object_count();
  {
    std::mutex mu;
    std::string out1, out2;
    lockvm::Options opts;
    opts.out = [&](std::string_view s) { std::lock_guard lk(mu); out1 += s; };
    lockvm::Interpreter<P> vm(opts);
    if (!threaded(vm)) return;
    struct Point {
      int x = 0;
    };
    vm.exec("def chatter(n):\n    for i in range(n):\n        print(i)\n"
            "def spin(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n");
    std::atomic<bool> stop{false};
    std::atomic<int> errors{0};
    std::vector<std::thread> pool;
    pool.emplace_back([&] {
      while (!stop)
        if (error_of([&] { vm.call("chatter", 50); }) != "no error") ++errors;
    });
    pool.emplace_back([&] {
      while (!stop)
        if (error_of([&] { vm.call("spin", 5000); }) != "no error") ++errors;
    });
    // Meanwhile: hooks, limits, the sandbox, host functions and classes.
    for (int i = 0; i < 20; ++i) {
      vm.set_output([&, i](std::string_view s) { std::lock_guard lk(mu); (i % 2 ? out1 : out2) += s; });
      vm.set_limits(0, 0, 0, 500 + i);
      vm.def("f" + std::to_string(i), [i] { return i; });
    }
    vm.enable("sys");
    vm.template class_<Point>("Point").template init<>().property("x", [](const Point& p) { return p.x; });
    vm.def("origin", [] { return Point{}; });
    pool.emplace_back([&] {
      while (!stop)
        if (error_of([&] { CHECK(vm.template eval<int>("origin().x + f7()") == 7); }) != "no error") ++errors;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
    for (auto& th : pool) th.join();
    CHECK(errors == 0);
    CHECK(vm.template eval<int>("f19()") == 19);
    vm.exec("import sys\nlimit = sys.getrecursionlimit()");
    CHECK(vm.template get<int>("limit") == 519);
    vm.exec("print('last')");
    std::lock_guard lk(mu);
    CHECK((out1 + out2).find("49\n") != std::string::npos);
    CHECK(out1.ends_with("last\n"));  // the last hook set (i = 19)
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_par_config)

TEST_CASE_TEMPLATE_DEFINE("embed parallel: many short-lived host threads", P, embed_par_short_lived) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    if (!threaded(vm)) return;
    vm.exec("made = []\ndef make(k):\n    made.append([k, str(k)])\n    return len(made[-1])\n");
    // Thread ids get reused: each new thread must get state of its own.
    for (int round = 0; round < 20; ++round) {
      std::vector<std::thread> pool;
      for (int k = 0; k < 3; ++k)
        pool.emplace_back([&, k] { CHECK(vm.call("make", round * 3 + k).template as<int>() == 2); });
      for (auto& th : pool) th.join();
    }
    CHECK(vm.template eval<int>("len(made)") == 60);
    vm.exec("made.clear()");  // objects owned by exited threads, freed here
    CHECK(brc_count_back_to_zero<P>());  // each exited thread was uncounted at its exit
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_par_short_lived)
