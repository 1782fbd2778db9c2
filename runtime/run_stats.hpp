// Timing and policy counters of one run: printed by `lockvm --stats`, written
// as JSON by `--stats-json=FILE` for `lockvm compare` (runtime/compare.cpp).
#pragma once

#include <string>
#include <vector>

#include "runtime/session.hpp"

namespace lockvm {

struct RunStats {
  std::string policy;
  double wall_s = 0;
  double cpu_s = 0;  // user + system, all threads
  long max_rss_kb = 0;
  int exit_status = 0;
  std::vector<Session::Counter> counters;
};

std::string stats_text(const RunStats& r);  // a small table for humans
std::string stats_json(const RunStats& r);  // one JSON object
// Reads what stats_json wrote (only the fields compare needs); false if malformed.
bool parse_stats_json(const std::string& text, RunStats& out);

}  // namespace lockvm
