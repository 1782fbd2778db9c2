// Sample 1: a configuration/rules host. The pricing rules live in a script
// (rules.py) that the host loads, feeds with C++ data and reads results from.
#include <lockvm/lockvm.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

struct Order {
  int id;
  std::string tier;
  std::vector<std::tuple<std::string, int, double>> lines;  // item, quantity, unit price
};

int main() {
  lockvm::Interpreter<lockvm::GlobalLock> vm;
  std::vector<std::string> log;
  vm.def("log", [&log](std::string line) { log.push_back(std::move(line)); });
  vm.exec_file(SAMPLES_DIR "/rules.py");

  auto config = vm.get("CONFIG").as<std::map<std::string, lockvm::Value>>();
  std::printf("currency %s, VAT %.0f%%\n", config["currency"].as<std::string>().c_str(),
              config["vat"].as<double>() * 100);

  std::vector<Order> orders = {
      {1, "gold", {{"lamp", 2, 30.0}, {"bulb", 4, 2.5}}},
      {2, "", {{"desk", 1, 150.0}}},
      {3, "silver", {{"pen", 3, 1.2}}},
      {4, "", {}},
  };
  lockvm::Value price = vm.get("price");  // a callable kept across calls
  for (const Order& o : orders) {
    // A C++ struct goes over as a dict of converted fields.
    std::map<std::string, lockvm::Value> arg = {
        {"id", vm.value(o.id)}, {"tier", vm.value(o.tier)}, {"lines", vm.value(o.lines)}};
    try {
      vm.call("validate", arg);
      auto [total, notes] = price(arg).as<std::tuple<double, std::vector<std::string>>>();
      std::printf("order %d: %8.2f", o.id, total);
      for (const std::string& n : notes) std::printf("  [%s]", n.c_str());
      std::printf("\n");
    } catch (const lockvm::Error& e) {
      std::printf("order %d rejected: %s: %s\n", o.id, e.type_name().c_str(), e.message().c_str());
    }
  }
  std::printf("script log:\n");
  for (const std::string& line : log) std::printf("  %s\n", line.c_str());
  return 0;
}
