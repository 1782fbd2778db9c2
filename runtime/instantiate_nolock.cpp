// The NoLock instantiation of the whole runtime: one policy per translation
// unit, so the four build in parallel and a change to one policy's header
// recompiles only its unit.
#include "policies/no_lock.hpp"
#include "runtime/embed_impl.hpp"
#include "runtime/session_impl.hpp"

namespace lockvm {
template std::unique_ptr<Session> make_session<NoLock>(const SessionOptions&);
template std::shared_ptr<embed::detail::Core> embed::detail::make_core<NoLock>(const embed::Options&);
}
