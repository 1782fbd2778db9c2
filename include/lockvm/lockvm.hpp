// The embedding API of lockvm: everything a host program includes.
//
//   #include <lockvm/lockvm.hpp>
//   lockvm::Interpreter<lockvm::GlobalLock> vm;
//   vm.def("greet", [](std::string name) { return "hello " + name; });
//   vm.exec("msg = greet('world')");
//   std::string msg = vm.get<std::string>("msg");
//
// See docs/embedding.md.
#pragma once

#include "lockvm/interpreter.hpp"

namespace lockvm {
using namespace embed;  // lockvm::Interpreter, lockvm::Value, lockvm::Error, lockvm::arg, ...
}
