// The policies the embedding tests run under: those built into the library
// (CMake's LOCKVM_POLICIES defines LOCKVM_WITH_<POLICY>).
//
//   TEST_CASE_TEMPLATE_DEFINE("exec", P, embed_exec) { lockvm::Interpreter<P> vm; ... }
//   LOCKVM_EMBED_POLICIES(embed_exec)
#pragma once

#include <doctest/doctest.h>

#include <lockvm/lockvm.hpp>

#ifdef LOCKVM_WITH_NOLOCK
#define LOCKVM_INVOKE_NOLOCK(id) TEST_CASE_TEMPLATE_INVOKE(id, lockvm::NoLock);
#else
#define LOCKVM_INVOKE_NOLOCK(id)
#endif
#ifdef LOCKVM_WITH_GIL
#define LOCKVM_INVOKE_GIL(id) TEST_CASE_TEMPLATE_INVOKE(id, lockvm::GlobalLock);
#else
#define LOCKVM_INVOKE_GIL(id)
#endif
#ifdef LOCKVM_WITH_OBJLOCKS
#define LOCKVM_INVOKE_OBJLOCKS(id) TEST_CASE_TEMPLATE_INVOKE(id, lockvm::ObjectLocks);
#else
#define LOCKVM_INVOKE_OBJLOCKS(id)
#endif
#ifdef LOCKVM_WITH_BRC
#define LOCKVM_INVOKE_BRC(id) TEST_CASE_TEMPLATE_INVOKE(id, lockvm::BiasedRC);
#else
#define LOCKVM_INVOKE_BRC(id)
#endif
#define LOCKVM_EMBED_POLICIES(id) \
  LOCKVM_INVOKE_NOLOCK(id) LOCKVM_INVOKE_GIL(id) LOCKVM_INVOKE_OBJLOCKS(id) LOCKVM_INVOKE_BRC(id)

namespace lockvm::embed_test {
// "TypeName: message" of the lockvm::Error that f throws, or "no error".
inline std::string error_of(auto&& f) {
  try {
    f();
    return "no error";
  } catch (const Error& e) {
    return e.type_name() + ": " + e.message();
  }
}

// Captures print() and stderr of an interpreter.
struct Captured {
  std::string out, err;
  Options options(Options o = {}) {
    o.out = [this](std::string_view s) { out += s; };
    o.err = [this](std::string_view s) { err += s; };
    return o;
  }
};
}  // namespace lockvm::embed_test
