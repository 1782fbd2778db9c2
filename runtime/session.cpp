#include "runtime/session.hpp"

#include "policies/biased_rc.hpp"
#include "policies/global_lock.hpp"
#include "policies/no_lock.hpp"
#include "policies/object_locks.hpp"
#include "vm/heap.hpp"

namespace lockvm {

std::vector<std::string> policy_names() {
  return {NoLock::kName, GlobalLock::kName, ObjectLocks::kName, BiasedRC::kName};
}

std::unique_ptr<Session> make_session_by_name(std::string_view policy, const SessionOptions& opts) {
  if (policy == NoLock::kName) return make_session<NoLock>(opts);
  if (policy == GlobalLock::kName) return make_session<GlobalLock>(opts);
  if (policy == ObjectLocks::kName) return make_session<ObjectLocks>(opts);
  if (policy == BiasedRC::kName) return make_session<BiasedRC>(opts);
  return nullptr;
}

long long live_object_count() { return LiveObjects::count(); }

}  // namespace lockvm
