#include "runtime/session.hpp"

#include "policies/biased_rc.hpp"
#include "policies/global_lock.hpp"
#include "policies/no_lock.hpp"
#include "policies/object_locks.hpp"
#include "vm/heap.hpp"

namespace lockvm {

// The policies this binary was built with (CMake's LOCKVM_POLICIES).
std::vector<std::string> policy_names() {
  std::vector<std::string> names;
#ifdef LOCKVM_WITH_NOLOCK
  names.push_back(NoLock::kName);
#endif
#ifdef LOCKVM_WITH_GIL
  names.push_back(GlobalLock::kName);
#endif
#ifdef LOCKVM_WITH_OBJLOCKS
  names.push_back(ObjectLocks::kName);
#endif
#ifdef LOCKVM_WITH_BRC
  names.push_back(BiasedRC::kName);
#endif
  return names;
}

std::unique_ptr<Session> make_session_by_name(std::string_view policy, const SessionOptions& opts) {
#ifdef LOCKVM_WITH_NOLOCK
  if (policy == NoLock::kName) return make_session<NoLock>(opts);
#endif
#ifdef LOCKVM_WITH_GIL
  if (policy == GlobalLock::kName) return make_session<GlobalLock>(opts);
#endif
#ifdef LOCKVM_WITH_OBJLOCKS
  if (policy == ObjectLocks::kName) return make_session<ObjectLocks>(opts);
#endif
#ifdef LOCKVM_WITH_BRC
  if (policy == BiasedRC::kName) return make_session<BiasedRC>(opts);
#endif
  return nullptr;
}

bool policy_counts_owner_updates(std::string_view policy) {
  bool counts = false;
  auto check = [&]<class P>(P*) {
    if (policy == P::kName) counts = requires { P::count_owner_updates(true); };
  };
#ifdef LOCKVM_WITH_NOLOCK
  check(static_cast<NoLock*>(nullptr));
#endif
#ifdef LOCKVM_WITH_GIL
  check(static_cast<GlobalLock*>(nullptr));
#endif
#ifdef LOCKVM_WITH_OBJLOCKS
  check(static_cast<ObjectLocks*>(nullptr));
#endif
#ifdef LOCKVM_WITH_BRC
  check(static_cast<BiasedRC*>(nullptr));
#endif
  return counts;
}

long long live_object_count() { return LiveObjects::count(); }

}  // namespace lockvm
