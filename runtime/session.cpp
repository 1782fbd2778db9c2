#include "runtime/session.hpp"

#include "policies/global_lock.hpp"
#include "policies/no_lock.hpp"
#include "vm/heap.hpp"

namespace lockvm {

std::vector<std::string> policy_names() { return {NoLock::kName, GlobalLock::kName}; }

std::unique_ptr<Session> make_session_by_name(std::string_view policy, const SessionOptions& opts) {
  if (policy == NoLock::kName) return make_session<NoLock>(opts);
  if (policy == GlobalLock::kName) return make_session<GlobalLock>(opts);
  return nullptr;
}

long long live_object_count() { return LiveObjects::count(); }

}  // namespace lockvm
