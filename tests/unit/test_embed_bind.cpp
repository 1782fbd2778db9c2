// Host functions (signature conversion, keywords, defaults, exceptions both
// ways), host modules and host classes.
#include "embed_policies.hpp"

#include <map>
#include <stdexcept>

using lockvm::embed_test::error_of;

namespace {
struct Inventory {
  explicit Inventory(int capacity) : capacity(capacity) { ++alive; }
  Inventory(const Inventory& o) : capacity(o.capacity), items(o.items) { ++alive; }
  ~Inventory() { --alive; }
  bool add(const std::string& item, int count) {
    if (static_cast<int>(items.size()) + count > capacity) return false;
    for (int i = 0; i < count; ++i) items.push_back(item);
    return true;
  }
  int size() const { return static_cast<int>(items.size()); }
  int capacity;
  std::vector<std::string> items;
  static inline int alive = 0;
};

int64_t add_fn(int64_t a, int64_t b) { return a + b; }

}  // namespace

TEST_CASE_TEMPLATE_DEFINE("embed: host functions", P, embed_def) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.def("add", &add_fn);
    vm.def("scale", [](double x, double factor) { return x * factor; },
           {lockvm::arg("x"), lockvm::arg("factor") = 2.0});
    vm.def("join", [](const std::vector<std::string>& parts, std::string_view sep) {
      std::string out;
      for (size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(sep) : "") + parts[i];
      return out;
    }, {lockvm::arg("parts"), lockvm::arg("sep") = ", "});
    vm.def("count", [](const std::map<std::string, int>& m) { return static_cast<int64_t>(m.size()); });
    vm.def("maybe", [](std::optional<int> x) { return x ? *x * 2 : -1; });
    vm.def("swap", [](std::tuple<int, std::string> t) { return std::make_tuple(std::get<1>(t), std::get<0>(t)); });
    vm.def("anything", [](lockvm::Value v) { return v.type_name(); });
    int calls = 0;
    vm.def("touch", [&calls]() { ++calls; });

    CHECK(vm.template eval<int64_t>("add(2, 3)") == 5);
    CHECK(vm.template eval<double>("scale(3)") == 6.0);
    CHECK(vm.template eval<double>("scale(3, factor=0.5)") == 1.5);
    CHECK(vm.template eval<double>("scale(factor=3, x=2)") == 6.0);
    CHECK(vm.template eval<std::string>("join(['a', 'b'])") == "a, b");
    CHECK(vm.template eval<std::string>("join(('a', 'b'), sep='-')") == "a-b");
    CHECK(vm.template eval<int64_t>("count({'a': 1, 'b': 2})") == 2);
    CHECK(vm.template eval<int>("maybe(None)") == -1);
    CHECK(vm.template eval<int>("maybe(4)") == 8);
    CHECK(vm.eval("swap((1, 'one'))").repr() == "('one', 1)");
    CHECK(vm.template eval<std::string>("anything([])") == "list");
    vm.exec("touch()\ntouch()");
    CHECK(calls == 2);
    CHECK(vm.eval("touch()").is_none());
    CHECK(vm.eval("add").repr().find("add") != std::string::npos);

    // Bad arguments are script TypeErrors, catchable by the script.
    CHECK(error_of([&] { vm.eval("add(1, 'x')"); }) == "TypeError: add() argument 'arg1' must be int, not str");
    CHECK(error_of([&] { vm.eval("scale('x')"); }) == "TypeError: scale() argument 'x' must be float, not str");
    CHECK(error_of([&] { vm.eval("scale()"); }).find("missing required argument 'x'") != std::string::npos);
    CHECK(error_of([&] { vm.eval("scale(1, 2, 3)"); }).find("takes") != std::string::npos);
    CHECK(error_of([&] { vm.eval("scale(1, y=2)"); }).find("unexpected keyword argument 'y'") != std::string::npos);
    CHECK(error_of([&] { vm.eval("join([1])"); }) == "TypeError: join() argument 'parts' must be str, not int (item 0)");
    vm.exec("try:\n    add('a', 1)\n    r = 'no'\nexcept TypeError as e:\n    r = str(e)\n");
    CHECK(vm.template get<std::string>("r") == "add() argument 'arg0' must be int, not str");
    // A mis-declared spec list is a host error at def time.
    CHECK(error_of([&] { vm.def("bad", [](int) {}, {lockvm::arg("a"), lockvm::arg("b")}); }).starts_with("TypeError"));
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_def)

TEST_CASE_TEMPLATE_DEFINE("embed: C++ exceptions become script exceptions", P, embed_cpp_exc) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.def("fail", [](std::string msg) -> int { throw std::runtime_error(msg); });
    vm.def("fail_odd", []() -> int { throw 42; });
    vm.def("fail_typed", []() -> int { throw lockvm::Error("KeyError", "missing"); });
    vm.def("call_back", [&vm](lockvm::Value f) { return f(1).template as<int>() + 1; });
    vm.exec("try:\n    fail('disk full')\nexcept RuntimeError as e:\n    caught = str(e)\n");
    CHECK(vm.template get<std::string>("caught") == "disk full");
    CHECK(error_of([&] { vm.exec("fail('x')"); }) == "RuntimeError: x");
    CHECK(error_of([&] { vm.exec("fail_odd()"); }) == "RuntimeError: fail_odd(): unknown C++ exception");
    CHECK(error_of([&] { vm.exec("fail_typed()"); }) == "KeyError: 'missing'");  // str() of a KeyError, as in CPython
    // Script -> C++ -> script: the callback's own exception object comes through.
    vm.exec("def cb(x):\n    return x * 10\n"
            "class Oops(Exception):\n    pass\n"
            "def bad(x):\n    raise Oops('deep')\n");
    CHECK(vm.template eval<int>("call_back(cb)") == 11);
    vm.exec("try:\n    call_back(bad)\nexcept Oops as e:\n    deep = 'caught ' + str(e)\n");
    CHECK(vm.template get<std::string>("deep") == "caught deep");
    CHECK(vm.template eval<int>("call_back(cb)") == 11);  // usable afterwards
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_cpp_exc)

TEST_CASE_TEMPLATE_DEFINE("embed: host modules", P, embed_module) {
  long long base = lockvm::live_object_count();
  {
    lockvm::Interpreter<P> vm;
    vm.module("game").def("damage", [](int base, double mult) { return static_cast<int64_t>(base * mult); },
                          {lockvm::arg("base"), lockvm::arg("mult") = 1.5})
        .set("VERSION", std::string("1.2"));
    vm.exec("import game\nd = game.damage(10)\nv = game.VERSION\nfrom game import damage\ne = damage(4, mult=2)");
    CHECK(vm.template get<int64_t>("d") == 15);
    CHECK(vm.template get<std::string>("v") == "1.2");
    CHECK(vm.template get<int64_t>("e") == 8);
    CHECK(vm.eval("game").repr().find("game") != std::string::npos);
    CHECK(error_of([&] { vm.exec("import nothere"); }).starts_with("ModuleNotFoundError"));
  }
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_module)

TEST_CASE_TEMPLATE_DEFINE("embed: host classes", P, embed_class) {
  long long base = lockvm::live_object_count();
  Inventory::alive = 0;
  {
    lockvm::Interpreter<P> vm;
    vm.template class_<Inventory>("Inventory")
        .template init<int>({lockvm::arg("capacity") = 10})
        .def("add", &Inventory::add, {lockvm::arg("item"), lockvm::arg("count") = 1})
        .def("items", [](const Inventory& inv) { return inv.items; })
        .property("size", &Inventory::size)
        .property("capacity", [](const Inventory& i) { return i.capacity; }, [](Inventory& i, int c) { i.capacity = c; });
    vm.def("total", [](const Inventory& a, Inventory* b) { return a.size() + (b ? b->size() : 0); });
    vm.def("starter", []() {
      auto inv = std::make_unique<Inventory>(5);
      inv->add("sword", 1);
      return inv;
    });
    vm.def("copy_of", [](Inventory inv) { return inv; });

    vm.exec("inv = Inventory(3)\n"
            "ok1 = inv.add('apple')\n"
            "ok2 = inv.add('pear', count=2)\n"
            "ok3 = inv.add('plum')\n"
            "n = inv.size\n"
            "inv.capacity = 5\n"
            "cap = inv.capacity\n");
    CHECK(vm.template eval<std::tuple<bool, bool, bool, int, int>>("(ok1, ok2, ok3, n, cap)") ==
          std::make_tuple(true, true, false, 3, 5));
    CHECK(vm.template eval<std::vector<std::string>>("inv.items()") == std::vector<std::string>{"apple", "pear", "pear"});
    CHECK(vm.template eval<int>("Inventory().capacity") == 10);
    CHECK(vm.template eval<int>("total(inv, starter())") == 4);
    CHECK(vm.template eval<int>("total(inv, None)") == 3);
    CHECK(vm.template eval<int>("copy_of(inv).size") == 3);
    CHECK(vm.template eval<bool>("isinstance(inv, Inventory) and type(inv).__name__ == 'Inventory'"));

    // The host sees the very C++ object.
    Inventory& inv = *lockvm::Caster<Inventory>::pointer(vm.get("inv").core().get(), vm.get("inv").raw());
    CHECK(inv.size() == 3);
    CHECK(vm.get("inv").template as<Inventory>().capacity == 5);  // a copy

    CHECK(error_of([&] { vm.eval("total(1, None)"); }).starts_with("TypeError: total() argument 'arg0' must be a host object"));
    CHECK(error_of([&] { vm.eval("inv.add(5)"); }) == "TypeError: add() argument 'item' must be str, not int");
    CHECK(error_of([&] { vm.eval("Inventory('x')"); }).starts_with("TypeError"));
    CHECK(error_of([&] { vm.exec("inv.size = 3"); }).starts_with("AttributeError"));

    // Owned by reference counts: the C++ object dies with its last reference.
    int before = Inventory::alive;
    vm.exec("tmp = Inventory(1)");
    CHECK(Inventory::alive == before + 1);
    vm.exec("del tmp");
    CHECK(Inventory::alive == before);
  }
  CHECK(Inventory::alive == 0);
  CHECK(lockvm::live_object_count() == base);
}
LOCKVM_EMBED_POLICIES(embed_class)
