// Sample 2: C++ classes exposed to a script. Entity and Inventory are plain
// C++ types; the script creates, reads and changes them through bound
// constructors, methods and properties, and the C++ objects live exactly as
// long as the script references them.
#include <lockvm/lockvm.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

class Inventory {
 public:
  explicit Inventory(int capacity) : capacity_(capacity) {}
  bool add(const std::string& item, int count) {
    if (size() + count > capacity_) return false;
    items_.insert(items_.end(), count, item);
    return true;
  }
  bool take(const std::string& item) {
    auto it = std::find(items_.begin(), items_.end(), item);
    if (it == items_.end()) return false;
    items_.erase(it);
    return true;
  }
  int size() const { return static_cast<int>(items_.size()); }
  int capacity() const { return capacity_; }
  const std::vector<std::string>& items() const { return items_; }

 private:
  int capacity_;
  std::vector<std::string> items_;
};

class Entity {
 public:
  Entity(std::string name, int hp) : name_(std::move(name)), hp_(hp) { ++alive_count; }
  ~Entity() { --alive_count; }
  const std::string& name() const { return name_; }
  int hp() const { return hp_; }
  void set_hp(int hp) { hp_ = std::max(0, hp); }
  bool alive() const { return hp_ > 0; }
  Inventory& inventory() { return inventory_; }
  static inline int alive_count = 0;

 private:
  std::string name_;
  int hp_;
  Inventory inventory_{10};
};

int main() {
  {
    lockvm::Options opts;
    opts.max_ticks = 1'000'000;  // a runaway script stops with a RuntimeError
    lockvm::Interpreter<lockvm::GlobalLock> vm(opts);
    vm.def("say", [](std::string_view line) { std::printf("  %.*s\n", int(line.size()), line.data()); });

    auto game = vm.module("game");
    game.set("MAX_HP", 40);
    game.class_<Inventory>("Inventory")
        .init<int>({lockvm::arg("capacity") = 10})
        .def("add", &Inventory::add, {lockvm::arg("item"), lockvm::arg("count") = 1})
        .def("take", &Inventory::take)
        .def("items", &Inventory::items)
        .property("size", &Inventory::size)
        .property("capacity", &Inventory::capacity);
    game.class_<Entity>("Entity")
        .init<std::string, int>({lockvm::arg("name"), lockvm::arg("hp")})
        .property("name", &Entity::name)
        .property("hp", &Entity::hp, &Entity::set_hp)
        .property("alive", &Entity::alive)
        // The entity's own inventory, through the entity (which owns it).
        .def("give", [](Entity& e, const std::string& item, int n) { return e.inventory().add(item, n); },
             {lockvm::arg("item"), lockvm::arg("count") = 1})
        .def("take", [](Entity& e, const std::string& item) { return e.inventory().take(item); })
        .def("items", [](Entity& e) { return e.inventory().items(); });

    std::printf("running game.py:\n");
    vm.exec_file(SAMPLES_DIR "/game.py");
    std::printf("C++ sees: hero has %d hp, %d item(s); %d entities alive\n",
                vm.eval("hero.hp").as<int>(), vm.eval("len(hero.items())").as<int>(), Entity::alive_count);
  }
  std::printf("after the interpreter: %d entities alive\n", Entity::alive_count);
  return Entity::alive_count == 0 ? 0 : 1;
}
