// The embedding API's core: exec, eval, globals, calls both ways, errors
// both ways, output hooks, and no leaks after teardown.
#include "embed_policies.hpp"

#include <map>
#include <unordered_map>

using lockvm::embed_test::Captured;

TEST_CASE_TEMPLATE_DEFINE("embed: exec, eval and globals", P, embed_exec) {
  long long base = lockvm::live_object_count();
  {
    Captured cap;
    lockvm::Interpreter<P> vm(cap.options());
    vm.exec("x = 6 * 7\nprint('hello', x)\n");
    CHECK(cap.out == "hello 42\n");
    CHECK(vm.template get<int64_t>("x") == 42);
    CHECK(vm.template eval<int64_t>("x + 1") == 43);
    CHECK(vm.eval("'a' * 3").str() == "aaa");
    CHECK(vm.eval("[1, 'two']").repr() == "[1, 'two']");
    vm.set("name", std::string("lockvm"));
    vm.set("ratio", 0.5);
    CHECK(vm.template eval<std::string>("name.upper()") == "LOCKVM");
    CHECK(vm.template eval<double>("ratio * 4") == 2.0);
    CHECK(vm.has("x"));
    CHECK_FALSE(vm.has("nope"));
    CHECK_THROWS_AS(vm.get("nope"), lockvm::Error);
    CHECK(std::string(vm.policy_name()).size() > 0);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_exec)

TEST_CASE_TEMPLATE_DEFINE("embed: conversions both ways", P, embed_convert) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    CHECK(vm.template eval<bool>("1 < 2"));
    CHECK(vm.template eval<int>("-5") == -5);
    CHECK(vm.template eval<double>("3") == 3.0);  // an int converts to double
    CHECK(vm.template eval<std::vector<int64_t>>("[1, 2, 3]") == std::vector<int64_t>{1, 2, 3});
    CHECK(vm.template eval<std::vector<std::string>>("('a', 'b')") == std::vector<std::string>{"a", "b"});
    auto m = vm.template eval<std::map<std::string, double>>("{'a': 1.5, 'b': 2}");
    CHECK(m == std::map<std::string, double>{{"a", 1.5}, {"b", 2.0}});
    auto um = vm.template eval<std::unordered_map<int, std::vector<int>>>("{1: [2], 3: []}");
    CHECK(um.size() == 2);
    CHECK(um[1] == std::vector<int>{2});
    CHECK(vm.template eval<std::optional<int>>("None") == std::nullopt);
    CHECK(vm.template eval<std::optional<int>>("4") == 4);
    auto tup = vm.template eval<std::tuple<int, std::string, bool>>("(1, 'x', True)");
    CHECK(tup == std::tuple<int, std::string, bool>{1, "x", true});
    auto pr = vm.template eval<std::pair<double, double>>("[0.5, 1]");
    CHECK(pr.first == 0.5);

    // C++ -> script, checked by the script.
    vm.set("v", std::vector<int>{1, 2});
    vm.set("m", std::map<std::string, int>{{"k", 7}});
    vm.set("t", std::make_tuple(1, std::string("s"), 2.5));
    vm.set("o", std::optional<int>{});
    vm.set("b", true);
    CHECK(vm.template eval<bool>("v == [1, 2] and m == {'k': 7} and t == (1, 's', 2.5) and o is None and b is True"));

    // Mismatches are host-side TypeErrors, never undefined behaviour.
    auto type_error = [&](auto f) {
      try {
        f();
        return std::string("no error");
      } catch (const lockvm::Error& e) {
        return e.type_name() + ": " + e.message();
      }
    };
    CHECK(type_error([&] { (void)vm.template eval<int64_t>("'x'"); }) ==
          "TypeError: cannot convert to C++: value must be int, not str");
    CHECK(type_error([&] { (void)vm.template eval<std::string>("1"); }).find("must be str, not int") != std::string::npos);
    CHECK(type_error([&] { (void)vm.template eval<std::vector<int>>("[1, 'a']"); }).find("(item 1)") != std::string::npos);
    CHECK(type_error([&] { (void)vm.template eval<int8_t>("300"); }).find("out of range") != std::string::npos);
    CHECK(type_error([&] { (void)vm.template eval<int64_t>("2 ** 70"); }).find("too large") != std::string::npos);
    CHECK(type_error([&] { (void)vm.template eval<bool>("1"); }).find("must be bool") != std::string::npos);
    CHECK(type_error([&] { (void)vm.template eval<std::tuple<int, int>>("(1,)"); }).find("tuple of 2") != std::string::npos);
    CHECK(type_error([&] { (void)vm.template eval<std::map<int, int>>("{'a': 1}"); }).find("entry 'a'") != std::string::npos);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_convert)

TEST_CASE_TEMPLATE_DEFINE("embed: calling script functions", P, embed_call) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.exec("def f(a, b=10):\n    return a * b\n"
            "def greet(who):\n    return 'hi ' + who\n");
    CHECK(vm.call("f", 2, 2.5).template as<double>() == 5.0);
    CHECK(vm.call("f", 3).template as<int64_t>() == 30);
    CHECK(vm.call("f", 3, lockvm::arg("b") = 4).template as<int64_t>() == 12);  // keyword arguments
    CHECK(vm.call("f", lockvm::arg("b") = 2, lockvm::arg("a") = 5).template as<int64_t>() == 10);
    CHECK_THROWS_AS(vm.call("f", lockvm::arg("b") = 2, 1), lockvm::Error);  // positional after keyword
    CHECK_THROWS_AS(vm.call("f", 1, lockvm::arg("c") = 2), lockvm::Error);  // TypeError from the script
    CHECK(vm.call("greet", "bob").template as<std::string>() == "hi bob");
    lockvm::Value f = vm.get("f");  // kept across calls
    for (int i = 0; i < 3; ++i) CHECK(f(i, 2).template as<int>() == 2 * i);
    CHECK(f(7, lockvm::arg("b") = 1).template as<int>() == 7);
    CHECK(vm.call(f, std::vector<int>{1}, 3).repr() == "[1, 1, 1]");
    lockvm::Value upper = vm.eval("'abc'").attr("upper");
    CHECK(upper().str() == "ABC");
    CHECK_THROWS_AS(vm.call("greet"), lockvm::Error);  // missing argument: TypeError
    CHECK_THROWS_AS(vm.call("nope"), lockvm::Error);
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_call)

TEST_CASE_TEMPLATE_DEFINE("embed: script exceptions reach the host", P, embed_errors) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.exec("def boom():\n    raise ValueError('boom')\n", "rules.py");
    try {
      vm.call("boom");
      FAIL("no exception");
    } catch (const lockvm::Error& e) {
      CHECK(e.type_name() == "ValueError");
      CHECK(e.message() == "boom");
      std::string what = e.what();
      CHECK(what.starts_with("Traceback (most recent call last):\n"));
      CHECK(what.find("File \"rules.py\", line 2, in boom") != std::string::npos);
      CHECK(what.ends_with("\nValueError: boom"));
      CHECK(e.exception().attr("args").repr() == "('boom',)");
    }
    try {
      vm.exec("x = (1 +\n");
      FAIL("no exception");
    } catch (const lockvm::Error& e) {
      CHECK(e.type_name() == "SyntaxError");
    }
    CHECK_THROWS_WITH_AS(vm.eval("1 / 0"), doctest::Contains("ZeroDivisionError: division by zero"), lockvm::Error);
    CHECK_THROWS_WITH_AS(vm.exec_file("/nonexistent/x.py"), doctest::Contains("FileNotFoundError"), lockvm::Error);
    CHECK(vm.template eval<int>("1 + 1") == 2);  // still usable
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_errors)

TEST_CASE_TEMPLATE_DEFINE("embed: output hooks and several interpreters", P, embed_output2) {
  long long base = lockvm::live_object_count();
  {
    Captured a, b;
    lockvm::Options oa = a.options();
    oa.modules.push_back("sys");
    lockvm::Interpreter<P> one(oa);
    lockvm::Interpreter<P> two(b.options());
    one.exec("import sys\nx = 1\nprint('one')\nsys.stderr.write('err1\\n')");
    two.exec("x = 2\nprint('two', end='')");
    CHECK(a.out == "one\n");
    CHECK(a.err == "err1\n");
    CHECK(b.out == "two");
    CHECK(one.template get<int>("x") == 1);
    CHECK(two.template get<int>("x") == 2);
    std::string late;
    two.set_output([&](std::string_view s) { late += s; });
    two.exec("print('later')");
    CHECK(late == "later\n");
    lockvm::Value kept = one.eval("[1, 2]");
    {
      lockvm::Interpreter<P> three;  // created and destroyed between uses of the others
      three.exec("y = [i for i in range(100)]");
    }
    CHECK(kept.repr() == "[1, 2]");
    CHECK_THROWS_AS(two.set("z", kept), lockvm::Error);  // a Value of another interpreter
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_output2)

TEST_CASE_TEMPLATE_DEFINE("embed: Values outliving their interpreter", P, embed_outlive) {
  lockvm::Value v;
  {
    lockvm::Interpreter<P> vm;
    v = vm.eval("'still here?'");
    CHECK(v.str() == "still here?");
  }
  CHECK_THROWS_AS((void)v.template as<std::string>(), lockvm::Error);
  CHECK_THROWS_AS((void)v.str(), lockvm::Error);
}
LOCKVM_EMBED_POLICIES(embed_outlive)
