// VM tests: whole programs through the Session interface, under every policy
// built into the binary, with output captured and the live-object counter
// checked after each interpreter is torn down.
#include <doctest/doctest.h>

#include <string>
#include <thread>

#include "runtime/session.hpp"

namespace {

struct Run {
  int status = 0;
  std::string out, err;
  long long leaked = 0;
};

// The tests that are about the VM rather than a policy run under the first
// policy built in (nolock, except in the TSan build, which has no fibers).
std::string first_policy() { return lockvm::policy_names().front(); }

Run run(const std::string& policy, const std::string& source) {
  Run r;
  lockvm::SessionOptions opts;
  opts.write_out = [&](std::string_view s) { r.out += s; };
  opts.write_err = [&](std::string_view s) { r.err += s; };
  opts.argv = {"test.py"};
  long long before = lockvm::live_object_count();
  {
    auto session = lockvm::make_session_by_name(policy, opts);
    REQUIRE(session);
    r.status = session->run_main(source, "<test>");
    session->shutdown();
  }
  r.leaked = lockvm::live_object_count() - before;
  return r;
}

}  // namespace

TEST_CASE("every policy runs the same program to the same output, without leaks") {
  const char* program =
      "def fib(n):\n"
      "    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
      "class P:\n"
      "    def __init__(self, x): self.x = x\n"
      "    def __repr__(self): return f'P({self.x!r})'\n"
      "d = {i: P(i * i) for i in range(3)}\n"
      "print(fib(15), d, 2 ** 70, 1 / 4, 'é'.upper())\n";
  for (const std::string& policy : lockvm::policy_names()) {
    CAPTURE(policy);
    Run r = run(policy, program);
    CHECK(r.status == 0);
    CHECK(r.err == "");
    CHECK(r.out == "610 {0: P(0), 1: P(1), 2: P(4)} 1180591620717411303424 0.25 É\n");
    CHECK(r.leaked == 0);
  }
}

TEST_CASE("an uncaught exception prints a traceback and exits with status 1") {
  Run r = run(first_policy(), "def f():\n    raise ValueError('boom')\nf()\n");
  CHECK(r.status == 1);
  CHECK(r.err.find("Traceback (most recent call last):\n") == 0);
  CHECK(r.err.find("  File \"<test>\", line 2, in f\n") != std::string::npos);
  CHECK(r.err.substr(r.err.size() - 17) == "ValueError: boom\n");
  CHECK(r.leaked == 0);
}

TEST_CASE("sys.exit sets the status; SystemExit with a message prints it") {
  CHECK(run(first_policy(), "import sys\nsys.exit(3)\n").status == 3);
  Run r = run(first_policy(), "import sys\nsys.exit('bye')\n");
  CHECK(r.status == 1);
  CHECK(r.err == "bye\n");
}

TEST_CASE("a syntax error is reported with line, caret and message, and nothing runs") {
  Run r = run(first_policy(), "print('ran')\nx = (1 +\n");
  CHECK(r.status == 1);
  CHECK(r.out == "");
  CHECK(r.err.find("line 2") != std::string::npos);
  CHECK(r.err.find("^") != std::string::npos);
  CHECK(r.err.find("SyntaxError: '(' was never closed") != std::string::npos);
}

TEST_CASE("unbounded recursion is a RecursionError, not a crash") {
  Run r = run(first_policy(),
              "def f(n):\n    return f(n + 1)\n"
              "try:\n    f(0)\nexcept RecursionError as e:\n    print('caught', e)\n");
  CHECK(r.status == 0);
  CHECK(r.out == "caught maximum recursion depth exceeded\n");
  CHECK(r.leaked == 0);
}

TEST_CASE("deep recursion through C++ callbacks is a RecursionError too") {
  Run r = run(first_policy(),
              "class K:\n    def __lt__(self, other):\n        return sorted([K(), K()]) and True\n"
              "try:\n    sorted([K(), K()])\nexcept RecursionError:\n    print('caught')\n");
  CHECK(r.out == "caught\n");
}

TEST_CASE("freeing a long chain of objects does not overflow the C++ stack") {
  Run r = run(first_policy(),
              "head = None\nfor i in range(1000000):\n    head = [head]\nhead = None\nprint('ok')\n");
  CHECK(r.out == "ok\n");
  CHECK(r.leaked == 0);
}

TEST_CASE("interrupt() raises KeyboardInterrupt in a running loop") {
  lockvm::SessionOptions opts;
  std::string err;
  opts.write_out = [](std::string_view) {};
  opts.write_err = [&](std::string_view s) { err += s; };
  for (const std::string& policy : lockvm::policy_names()) {
    CAPTURE(policy);
    err.clear();
    auto session = lockvm::make_session_by_name(policy, opts);
    std::thread stopper([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      session->interrupt();
    });
    int status = session->run_main("while True:\n    pass\n", "<test>");
    stopper.join();
    CHECK(status == 130);
    CHECK(err.find("KeyboardInterrupt") != std::string::npos);
    session->shutdown();
  }
}

TEST_CASE("exceptions chain: raise from, and raising inside except") {
  Run r = run(first_policy(),
              "try:\n    try:\n        1/0\n    except ZeroDivisionError as e:\n        raise KeyError('k') from e\n"
              "except KeyError as e:\n    print(type(e.__cause__).__name__, e.__suppress_context__)\n"
              "try:\n    try:\n        [][0]\n    except IndexError:\n        {}['x']\n"
              "except KeyError as e:\n    print(type(e.__context__).__name__)\n");
  CHECK(r.out == "ZeroDivisionError True\nIndexError\n");
  CHECK(r.leaked == 0);
}

TEST_CASE("generators, closures and classes release everything they hold") {
  Run r = run(first_policy(),
              "def gen(n):\n    for i in range(n):\n        yield i\n"
              "def counter():\n    c = 0\n    def inc():\n        nonlocal c\n        c += 1\n        return c\n"
              "    return inc\n"
              "g = gen(10)\nnext(g)\ninc = counter()\ninc(); inc()\n"
              "class A:\n    def m(self):\n        return super().__repr__() is not None\n"
              "print(sum(gen(5)), inc(), A().m())\n");
  CHECK(r.out == "10 3 True\n");
  CHECK(r.leaked == 0);
}
