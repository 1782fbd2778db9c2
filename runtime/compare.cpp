// `lockvm compare`: runs a script once per policy (each in a fresh lockvm
// process, so no run inherits another's heap or threads), `--repeat N` times
// in rounds (policy A, B, C, D, A, B, ... so that a noisy machine hurts every
// policy alike), takes the median wall and CPU times, and prints one table:
// speed against nolock and each policy's counters. The child writes its
// numbers with --stats-json; its own output goes to /dev/null. The timed runs
// leave brc's owner updates uncounted (--no-owner-counts: counting them costs
// a few per cent); one more run per such policy counts them for the table.
#include "runtime/compare.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/run_stats.hpp"
#include "runtime/session.hpp"

namespace lockvm {

namespace {

constexpr const char* kCompareUsage = "usage: lockvm compare [--json] [--repeat N] script.py [args...]\n";

// Runs `self --policy=P --stats-json=F [--no-owner-counts] script args` with
// stdout/stderr silenced; returns false if it could not run or its stats are
// missing.
bool run_child(const char* self, const std::string& policy, bool owner_counts,
               const std::vector<std::string>& script_args, RunStats& out, std::string& error) {
  char path[] = "/tmp/lockvm-compare-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    error = "cannot create a temporary file";
    return false;
  }
  close(fd);
  std::vector<std::string> args = {self, "--policy=" + policy, std::string("--stats-json=") + path};
  if (!owner_counts) args.push_back("--no-owner-counts");
  args.insert(args.end(), script_args.begin(), script_args.end());
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    execv(self, argv.data());
    _exit(127);
  }
  int wstatus = 0;
  if (pid < 0 || waitpid(pid, &wstatus, 0) < 0) {
    unlink(path);
    error = "cannot start lockvm";
    return false;
  }
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  unlink(path);
  if (!parse_stats_json(ss.str(), out)) {
    error = WIFSIGNALED(wstatus) ? "killed by signal " + std::to_string(WTERMSIG(wstatus)) : "no statistics (did it run?)";
    return false;
  }
  return true;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct PolicyResult {
  std::string policy;
  std::vector<double> wall, cpu;
  RunStats last;
  std::string error;
  bool ok() const { return error.empty() && !wall.empty(); }
};

}  // namespace

int run_compare(int argc, char** argv, const char* self) {
  bool json = false;
  int repeat = 1;
  int i = 0;
  for (; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--json") json = true;
    else if (s == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (s.rfind("--repeat=", 0) == 0) repeat = std::max(1, std::atoi(s.c_str() + 9));
    else if (s == "-h" || s == "--help") {
      std::fputs(kCompareUsage, stdout);
      return 0;
    } else break;
  }
  if (i >= argc) {
    std::fputs(kCompareUsage, stderr);
    return 2;
  }
  std::vector<std::string> script_args(argv + i, argv + argc);
  // The binary to re-run: /proc/self/exe is this very lockvm, whatever PATH says.
  std::string exe = "/proc/self/exe";
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) exe.assign(buf, static_cast<size_t>(n));
  else exe = self;

  std::vector<PolicyResult> results;
  for (const auto& p : policy_names()) results.push_back({p, {}, {}, {}, {}});
  for (int round = 0; round < repeat; ++round) {
    for (PolicyResult& r : results) {
      if (!r.error.empty()) continue;
      RunStats s;
      std::string error;
      if (!run_child(exe.c_str(), r.policy, false, script_args, s, error)) {
        r.error = error;
        continue;
      }
      if (s.exit_status != 0 && r.error.empty() && round == 0) r.error = "exit status " + std::to_string(s.exit_status);
      r.wall.push_back(s.wall_s);
      r.cpu.push_back(s.cpu_s);
      r.last = s;
    }
  }
  for (PolicyResult& r : results) {
    if (!r.ok() || !policy_counts_owner_updates(r.policy)) continue;
    RunStats s;
    std::string error;
    if (run_child(exe.c_str(), r.policy, true, script_args, s, error)) r.last.counters = s.counters;
  }
  double base = 0;
  for (const PolicyResult& r : results)
    if (r.policy == "nolock" && r.ok()) base = median(r.wall);

  if (json) {
    std::printf("{\"script\": \"%s\", \"repeat\": %d, \"policies\": [", script_args[0].c_str(), repeat);
    for (size_t k = 0; k < results.size(); ++k) {
      const PolicyResult& r = results[k];
      std::printf("%s{\"policy\": \"%s\"", k ? ", " : "", r.policy.c_str());
      if (!r.ok()) {
        std::printf(", \"error\": \"%s\"}", r.error.c_str());
        continue;
      }
      double w = median(r.wall);
      std::printf(", \"wall_s\": %.6f, \"cpu_s\": %.6f, \"max_rss_kb\": %ld, \"speedup_vs_nolock\": %.4f, \"counters\": {",
                  w, median(r.cpu), r.last.max_rss_kb, base > 0 ? base / w : 0.0);
      for (size_t c = 0; c < r.last.counters.size(); ++c)
        std::printf("%s\"%s\": %llu", c ? ", " : "", r.last.counters[c].name.c_str(),
                    static_cast<unsigned long long>(r.last.counters[c].value));
      std::printf("}}");
    }
    std::printf("]}\n");
    return 0;
  }

  std::printf("%s under every policy (median of %d run%s)\n\n", script_args[0].c_str(), repeat, repeat == 1 ? "" : "s");
  std::printf("%-10s %9s %9s %10s %10s\n", "policy", "wall s", "cpu s", "vs nolock", "max RSS MB");
  for (const PolicyResult& r : results) {
    if (!r.ok()) {
      std::printf("%-10s   %s\n", r.policy.c_str(), r.error.c_str());
      continue;
    }
    double w = median(r.wall);
    std::printf("%-10s %9.3f %9.3f %9.2fx %10.1f\n", r.policy.c_str(), w, median(r.cpu), base > 0 ? base / w : 0.0,
                r.last.max_rss_kb / 1024.0);
  }
  std::printf("\ncounters (last run; brc's owner updates counted in a run of their own)\n");
  for (const PolicyResult& r : results) {
    if (!r.ok()) continue;
    std::printf("  %s:", r.policy.c_str());
    bool any = false;
    for (const auto& c : r.last.counters) {
      if (!c.value) continue;
      std::printf(" %s=%llu", c.name.c_str(), static_cast<unsigned long long>(c.value));
      any = true;
    }
    std::printf("%s\n", any ? "" : " (none)");
  }
  std::printf("\nspeed-up > 1: faster than nolock (one OS thread, no synchronization).\n");
  return 0;
}

}  // namespace lockvm
