#include "runtime/session.hpp"

#include "policies/biased_rc.hpp"
#include "policies/global_lock.hpp"
#include "policies/no_lock.hpp"
#include "policies/object_locks.hpp"
#include "vm/heap.hpp"

namespace lockvm {

// Calls visit(static_cast<P*>(nullptr)) for each policy this binary was built
// with (CMake's LOCKVM_POLICIES), in --list-policies order; the one place
// that lists them.
template <class Visit>
void for_each_policy(Visit&& visit) {
#ifdef LOCKVM_WITH_NOLOCK
  visit(static_cast<NoLock*>(nullptr));
#endif
#ifdef LOCKVM_WITH_GIL
  visit(static_cast<GlobalLock*>(nullptr));
#endif
#ifdef LOCKVM_WITH_OBJLOCKS
  visit(static_cast<ObjectLocks*>(nullptr));
#endif
#ifdef LOCKVM_WITH_BRC
  visit(static_cast<BiasedRC*>(nullptr));
#endif
}

std::vector<std::string> policy_names() {
  std::vector<std::string> names;
  for_each_policy([&]<class P>(P*) { names.push_back(P::kName); });
  return names;
}

std::unique_ptr<Session> make_session_by_name(std::string_view policy, const SessionOptions& opts) {
  std::unique_ptr<Session> session;
  for_each_policy([&]<class P>(P*) {
    if (policy == P::kName) session = make_session<P>(opts);
  });
  return session;
}

bool policy_counts_owner_updates(std::string_view policy) {
  bool counts = false;
  for_each_policy([&]<class P>(P*) {
    if (policy == P::kName) counts = requires { P::count_owner_updates(true); };
  });
  return counts;
}

long long live_object_count() { return LiveObjects::count(); }

}  // namespace lockvm
