// The sandbox (modules a host did not enable) and the limits (ticks, time,
// heap, recursion): each trips as a catchable script exception and leaves the
// interpreter usable.
#include "embed_policies.hpp"

#include <chrono>

using lockvm::embed_test::error_of;

TEST_CASE_TEMPLATE_DEFINE("embed: sandbox", P, embed_sandbox) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.exec("import math, random, time\nroot = math.sqrt(16)");
    CHECK(vm.template get<double>("root") == 4.0);
    for (const char* m : {"socket", "_thread", "threading", "queue", "sys", "gc"})
      CHECK(error_of([&] { vm.exec(std::string("import ") + m); }) ==
            std::string("ModuleNotFoundError: No module named '") + m + "' (not enabled by the host)");
    CHECK(error_of([&] { vm.exec("open('/etc/passwd')"); }).starts_with("NotImplementedError"));
    // No imports from files unless Options::module_path says where.
    CHECK(error_of([&] { vm.exec("import os"); }).starts_with("ModuleNotFoundError"));
    vm.enable("sys");
    vm.exec("import sys");
    CHECK_THROWS_AS(vm.enable("nonsense"), lockvm::Error);

    lockvm::Options opts;
    opts.modules = {};  // not even math
    lockvm::Interpreter<P> bare(opts);
    CHECK(error_of([&] { bare.exec("import math"); }).starts_with("ModuleNotFoundError"));
    CHECK(bare.template eval<int>("len([1, 2])") == 2);  // builtins are always there
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_sandbox)

TEST_CASE_TEMPLATE_DEFINE("embed: threads enabled on request", P, embed_threads_enabled) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.modules.push_back("threading");
    lockvm::Interpreter<P> vm(opts);
    vm.exec("import threading, queue\nout = queue.Queue()\n"
            "def work(n):\n    out.put(n * 2)\n");
    vm.exec("t = threading.Thread(target=work, args=(21,))\nt.start()\nt.join()\nr = out.get()");
    CHECK(vm.template get<int>("r") == 42);
    // A thread still running when the interpreter goes is joined first.
    vm.exec("import time\ndef slow():\n    time.sleep(0.05)\n    out.put(1)\n"
            "threading.Thread(target=slow).start()");
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_threads_enabled)

TEST_CASE_TEMPLATE_DEFINE("embed: interpreters enabled on request", P, embed_interpreters) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    CHECK(error_of([&] { vm.exec("import interpreters"); }) ==
          "ModuleNotFoundError: No module named 'interpreters' (not enabled by the host)");
    vm.enable("interpreters");
    vm.exec("import interpreters\nsub = interpreters.create()\nsub.exec('import math\\nx = math.sqrt(49)')\n"
            "n = sub.call(len, 'abcd')\n"
            "try:\n    sub.exec('import socket')\n    blocked = 'no'\n"
            "except interpreters.ExecutionFailed as e:\n    blocked = e.excinfo.type.__name__\n");
    CHECK(vm.template get<int>("n") == 4);
    // The host's sandbox holds in the interpreters its scripts create.
    CHECK(vm.template get<std::string>("blocked") == "ModuleNotFoundError");
    // `sub` is left open: the host interpreter's shutdown closes it.
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_interpreters)

TEST_CASE_TEMPLATE_DEFINE("embed: tick limit", P, embed_ticks) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_ticks = 10000;
    lockvm::Interpreter<P> vm(opts);
    CHECK(error_of([&] { vm.exec("while True:\n    pass\n"); }) == "RuntimeError: execution limit exceeded (10000 ticks)");
    // Catching it does not let the script go on: it trips again at the next check.
    vm.exec("def spin():\n    n = 0\n    while True:\n        n += 1\n"
            "def swallow():\n    try:\n        spin()\n    except RuntimeError:\n        pass\n    while True:\n        pass\n");
    CHECK(error_of([&] { vm.call("swallow"); }).starts_with("RuntimeError: execution limit exceeded"));
    // Each host call has a fresh budget, and the interpreter is usable.
    CHECK(vm.template eval<int>("sum(range(100))") == 4950);
    vm.exec("total = 0\nfor i in range(1000):\n    total += i\n");
    CHECK(vm.template get<int>("total") == 499500);
    vm.set_limits(0);  // no limit
    vm.exec("for i in range(100000):\n    pass\n");
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_ticks)

TEST_CASE_TEMPLATE_DEFINE("embed: time limit", P, embed_time) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_seconds = 0.05;
    lockvm::Interpreter<P> vm(opts);
    auto start = std::chrono::steady_clock::now();
    CHECK(error_of([&] { vm.exec("while True:\n    pass\n"); }) == "RuntimeError: time limit exceeded (0.05 s)");
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(took >= 0.05);
    CHECK(took < 2.0);
    vm.exec("try:\n    while True:\n        pass\nexcept RuntimeError as e:\n    msg = str(e)\n");
    CHECK(vm.template get<std::string>("msg") == "time limit exceeded (0.05 s)");
    // Once expired, every check raises: a handler cannot loop on.
    vm.exec("n = 0\ntry:\n    while True:\n        pass\nexcept RuntimeError:\n"
            "    try:\n        while True:\n            n += 1\n    except RuntimeError:\n        pass\n");
    CHECK(vm.template get<int>("n") <= 1);  // the first iteration runs before the loop's check
    CHECK(vm.template eval<int>("1 + 1") == 2);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_time)

TEST_CASE_TEMPLATE_DEFINE("embed: heap limit", P, embed_heap) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_heap_bytes = 1 << 20;
    lockvm::Interpreter<P> vm(opts);
    vm.exec("small = [str(i) for i in range(100)]");
    CHECK(error_of([&] { vm.exec("big = []\nwhile True:\n    big.append(str(len(big)) * 3)\n"); }) ==
          "MemoryError: heap limit exceeded (1048576 bytes)");
    // What the script allocated is still referenced: over the limit, every
    // host call raises MemoryError at once, until the host lets it go.
    CHECK(error_of([&] { vm.exec("x = 1"); }).starts_with("MemoryError"));
    vm.set("big", lockvm::Value());  // allocates nothing, frees the list
    CHECK(vm.template eval<int>("len(small)") == 100);
    vm.exec("again = [str(i) for i in range(100)]");
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_heap)

TEST_CASE_TEMPLATE_DEFINE("embed: recursion limit", P, embed_recursion) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Options opts;
    opts.max_recursion = 50;
    lockvm::Interpreter<P> vm(opts);
    vm.exec("def deep(n):\n    return 0 if n == 0 else 1 + deep(n - 1)\n");
    CHECK(vm.call("deep", 30).template as<int>() == 30);
    CHECK(error_of([&] { vm.call("deep", 100); }).starts_with("RecursionError"));
    vm.exec("try:\n    deep(100)\nexcept RecursionError:\n    ok = True\n");
    CHECK(vm.template get<bool>("ok"));
    CHECK(vm.call("deep", 40).template as<int>() == 40);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_recursion)
