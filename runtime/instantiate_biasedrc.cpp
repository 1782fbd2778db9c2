// The BiasedRC instantiation of the whole runtime (see instantiate_nolock.cpp).
#include "policies/biased_rc.hpp"
#include "runtime/embed_impl.hpp"
#include "runtime/session_impl.hpp"

namespace lockvm {
template std::unique_ptr<Session> make_session<BiasedRC>(const SessionOptions&);
template std::shared_ptr<embed::detail::Core> embed::detail::make_core<BiasedRC>(const embed::Options&);
}
