// The interactive prompt: libedit line editing with persistent history,
// multi-line blocks, results echoed with repr(), Ctrl-C and Ctrl-D as in
// CPython's REPL.
#pragma once

#include "runtime/session.hpp"

namespace lockvm {

// Runs until Ctrl-D or sys.exit(); returns the exit status.
int run_repl(Session& session);

}  // namespace lockvm
