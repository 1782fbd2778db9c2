// The `lockvm` command: run a script, a -c string, or the REPL, under the
// locking policy chosen with --policy.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/compare.hpp"
#include "runtime/repl.hpp"
#include "runtime/run_stats.hpp"
#include "vm/compiler.hpp"
#include "vm/parser.hpp"
#include "runtime/session.hpp"

namespace {

#ifdef LOCKVM_PGO_BUILD
constexpr const char* kVersion = "lockvm 0.1.0 (Python 3.11 subset, profile-guided build)";
#else
constexpr const char* kVersion = "lockvm 0.1.0 (Python 3.11 subset)";
#endif

constexpr const char* kUsage =
    "usage: lockvm [options] [-c cmd | script.py | -] [args...]\n"
    "Options:\n"
    "  --policy=NAME     locking policy: nolock (default), gil, objlocks, brc\n"
    "  --list-policies   print the policies built into this binary\n"
    "  --check-leaks     after exit, fail (status 70) if any object was leaked\n"
    "  --stats           after exit, print time, memory and the policy's counters\n"
    "  --stats-json=FILE write them as JSON to FILE\n"
    "  --no-owner-counts with --stats: leave brc's owner updates uncounted (counting\n"
    "                    them costs a few per cent; lockvm compare times runs so)\n"
    "  -c cmd            run cmd as the program\n"
    "  --dis             print the bytecode of the script instead of running it\n"
    "  --version, -V     print the version\n"
    "  --help, -h        this message\n"
    "With no script, an interactive prompt (REPL) starts.\n"
    "\n"
    "       lockvm compare [--json] [--repeat N] script.py [args...]\n"
    "runs the script under every policy and prints one table.\n";

std::atomic<lockvm::Session*> g_session{nullptr};

void on_sigint(int) {
  if (lockvm::Session* s = g_session.load()) s->interrupt();
}

void write_stdout(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }
void write_stderr(std::string_view s) {
  std::fflush(stdout);  // keep stdout and stderr in program order
  std::fwrite(s.data(), 1, s.size(), stderr);
  std::fflush(stderr);
}

struct Args {
  std::string policy;  // empty: the first policy built in (nolock in a full build)
  bool check_leaks = false;
  bool stats = false;
  std::string stats_json;
  bool owner_counts = true;
  bool dis = false;
  bool has_code = false;
  std::string code;
  std::string script;
  std::vector<std::string> argv;
};

struct Job {
  Args args;
  int status = 0;
};

// --stats / --stats-json: what the run cost under this policy.
void report_stats(const Args& a, lockvm::Session& session, std::chrono::steady_clock::time_point start,
                  int status) {
  lockvm::RunStats r;
  r.policy = session.policy_name();
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  r.cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  r.max_rss_kb = ru.ru_maxrss;
  r.exit_status = status;
  r.counters = session.counters();
  if (a.stats) std::fputs(lockvm::stats_text(r).c_str(), stderr);
  if (!a.stats_json.empty()) {
    std::ofstream out(a.stats_json);
    out << lockvm::stats_json(r);
  }
}

int run(const Args& a) {
  lockvm::SessionOptions opts;
  opts.write_out = write_stdout;
  opts.write_err = write_stderr;
  opts.argv = a.argv;
  opts.count_owner_updates = (a.stats || !a.stats_json.empty()) && a.owner_counts;
  long long baseline = lockvm::live_object_count();
  int status;
  {
    std::string source, filename;
    bool repl = !a.has_code && a.script.empty();
    if (a.has_code) {
      source = a.code;
      filename = "<string>";
      opts.module_path.push_back(".");
    } else if (!repl) {
      if (a.script == "-") {
        std::stringstream ss;
        ss << std::cin.rdbuf();
        source = ss.str();
        filename = "<stdin>";
        opts.module_path.push_back(".");
      } else {
        std::ifstream in(a.script, std::ios::binary);
        if (!in) {
          std::fprintf(stderr, "lockvm: can't open file '%s': [Errno 2] No such file or directory\n", a.script.c_str());
          return 2;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        source = ss.str();
        filename = a.script;
        size_t slash = a.script.rfind('/');
        opts.module_path.push_back(slash == std::string::npos ? "." : a.script.substr(0, slash));
      }
    } else {
      opts.module_path.push_back(".");
    }
    if (a.dis && !repl) {
      try {
        auto proto = lockvm::compile(lockvm::parse(source, filename), filename);
        std::fputs(lockvm::disassemble(*proto).c_str(), stdout);
        return 0;
      } catch (const lockvm::SyntaxError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
      }
    }
    std::string policy = a.policy.empty() ? lockvm::policy_names().front() : a.policy;
    auto session = lockvm::make_session_by_name(policy, opts);
    if (!session) {
      std::fprintf(stderr, "lockvm: unknown policy '%s' (try --list-policies)\n", policy.c_str());
      return 2;
    }
    g_session = session.get();
    auto wall_start = std::chrono::steady_clock::now();
    if (repl) status = lockvm::run_repl(*session);
    else status = session->run_main(source, filename);
    status = session->join_threads(status);
    g_session = nullptr;
    std::fflush(stdout);
    if (a.stats || !a.stats_json.empty()) report_stats(a, *session, wall_start, status);
    if (session->running_threads() > 0) {
      // Daemon threads are still running: like CPython, exit without waiting
      // for them (and without tearing down the objects they use).
      std::fflush(stderr);
      std::_Exit(status);
    }
    session->shutdown();
  }
  if (a.check_leaks) {
    long long leaked = lockvm::live_object_count() - baseline;
    if (leaked != 0) {
      std::fprintf(stderr, "lockvm: %lld objects leaked\n", leaked);
      return 70;
    }
  }
  return status;
}

void* run_thread(void* p) {
  // SIGINT is delivered to this thread only (main blocks it), so a Ctrl-C
  // interrupts the select() of the REPL or a blocking call of the script.
  sigset_t sigint;
  sigemptyset(&sigint);
  sigaddset(&sigint, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &sigint, nullptr);
  auto* job = static_cast<Job*>(p);
  job->status = run(job->args);
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "compare") == 0) return lockvm::run_compare(argc - 2, argv + 2, argv[0]);
  Args a;
  int i = 1;
  for (; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--policy=", 0) == 0) a.policy = s.substr(9);
    else if (s == "--policy" && i + 1 < argc) a.policy = argv[++i];
    else if (s == "--check-leaks") a.check_leaks = true;
    else if (s == "--stats") a.stats = true;
    else if (s.rfind("--stats-json=", 0) == 0) a.stats_json = s.substr(13);
    else if (s == "--no-owner-counts") a.owner_counts = false;
    else if (s == "--dis") a.dis = true;
    else if (s == "--version" || s == "-V") { std::puts(kVersion); return 0; }
    else if (s == "--help" || s == "-h") { std::fputs(kUsage, stdout); return 0; }
    else if (s == "--list-policies") {
      for (const auto& n : lockvm::policy_names()) std::puts(n.c_str());
      return 0;
    } else if (s == "-c") {
      if (i + 1 >= argc) { std::fputs("Argument expected for the -c option\n", stderr); return 2; }
      a.has_code = true;
      a.code = argv[++i];
      a.argv.push_back("-c");
      ++i;
      break;
    } else if (s == "-" || s[0] != '-') {
      a.script = s;
      a.argv.push_back(s);
      ++i;
      break;
    } else {
      std::fprintf(stderr, "lockvm: unknown option %s\n%s", s.c_str(), kUsage);
      return 2;
    }
  }
  for (; i < argc; ++i) a.argv.push_back(argv[i]);
  if (a.argv.empty()) a.argv.push_back("");

  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);

  // Run on a thread with a large stack: Python recursion does not use the C++
  // stack, but callbacks from C++ into Python (sorted keys, __eq__, repr of
  // nested containers) do, and their depth is bounded by the recursion limit.
  Job job{a};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512u << 20);
  pthread_t th;
  sigset_t sigint, previous;
  sigemptyset(&sigint);
  sigaddset(&sigint, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigint, &previous);
  if (pthread_create(&th, &attr, run_thread, &job) != 0) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    job.status = run(a);
  } else {
    pthread_join(th, nullptr);
  }
  pthread_attr_destroy(&attr);
  std::fflush(stdout);
  return job.status;
}
