// `lockvm compare [--json] [--repeat N] script.py [args...]`: the same script
// under every policy, one table (runtime/compare.cpp).
#pragma once

namespace lockvm {

int run_compare(int argc, char** argv, const char* self);

}  // namespace lockvm
