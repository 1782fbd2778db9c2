// What the `lockvm` command needs from an interpreter, independent of the
// policy it was instantiated with: main.cpp picks the policy at run time
// (--policy=...) and talks to it through this small interface. Nothing here is
// on a hot path, so a virtual call per script or REPL line costs nothing.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lockvm {

struct SessionOptions {
  std::vector<std::string> argv;           // sys.argv
  std::vector<std::string> module_path;    // where imports look
  std::function<void(std::string_view)> write_out;
  std::function<void(std::string_view)> write_err;
  // Count every reference-count update the owner thread makes (brc's
  // biased_fast counter). Off by default: the count costs a few per cent of
  // brc's time (policies/biased_refcount.hpp). lockvm --stats turns it on.
  bool count_owner_updates = false;
};

enum class FeedResult { Done, Incomplete, Error, Exit };

class Session {
 public:
  virtual ~Session() = default;
  // Runs a program as __main__; returns the process exit status (0, 1 after an
  // uncaught exception whose traceback went to write_err, n for sys.exit(n)).
  virtual int run_main(std::string_view source, std::string_view filename) = 0;
  // One REPL entry. Incomplete: more lines are needed. Exit: SystemExit was
  // raised (status in exit_code).
  virtual FeedResult feed(std::string_view source, int& exit_code) = 0;
  // Asks the running code to raise KeyboardInterrupt (async-signal-safe).
  virtual void interrupt() = 0;
  virtual const char* policy_name() const = 0;
  // At the end of the program: waits for the non-daemon threads (CPython's
  // threading._shutdown) and returns the exit status to use.
  virtual int join_threads(int status) = 0;
  // Script threads still running (daemon threads after join_threads): the
  // interpreter cannot be torn down under them, so the process just exits.
  virtual int running_threads() const = 0;
  // The policy's event counters (name, value, what it counts), for --stats
  // and `lockvm compare`: the policy-independent ones first.
  struct Counter {
    std::string name;
    uint64_t value;
    std::string what;
  };
  virtual std::vector<Counter> counters() const = 0;
  // Tears the interpreter down now (for --check-leaks); the session is unusable after.
  virtual void shutdown() = 0;
};

template <class P>
std::unique_ptr<Session> make_session(const SessionOptions& opts);

// The policies built into this binary, by their --policy names.
std::vector<std::string> policy_names();
std::unique_ptr<Session> make_session_by_name(std::string_view policy, const SessionOptions& opts);
// Whether SessionOptions::count_owner_updates changes anything under `policy`.
bool policy_counts_owner_updates(std::string_view policy);

// Live heap objects across all interpreters (for leak checks).
long long live_object_count();

}  // namespace lockvm
