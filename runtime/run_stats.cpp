#include "runtime/run_stats.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lockvm {

std::string stats_text(const RunStats& r) {
  char line[256];
  std::string out = "lockvm stats (policy " + r.policy + ")\n";
  std::snprintf(line, sizeof line, "  %-22s %14.3f  %s\n", "wall_s", r.wall_s, "wall-clock seconds");
  out += line;
  std::snprintf(line, sizeof line, "  %-22s %14.3f  %s\n", "cpu_s", r.cpu_s, "CPU seconds, all threads");
  out += line;
  std::snprintf(line, sizeof line, "  %-22s %14ld  %s\n", "max_rss_kb", r.max_rss_kb, "peak resident memory (KiB)");
  out += line;
  for (const auto& c : r.counters) {
    std::snprintf(line, sizeof line, "  %-22s %14llu  %s\n", c.name.c_str(),
                  static_cast<unsigned long long>(c.value), c.what.c_str());
    out += line;
  }
  return out;
}

std::string stats_json(const RunStats& r) {
  char buf[128];
  std::string out = "{\"policy\": \"" + r.policy + "\"";
  std::snprintf(buf, sizeof buf, ", \"wall_s\": %.6f, \"cpu_s\": %.6f, \"max_rss_kb\": %ld, \"exit_status\": %d",
                r.wall_s, r.cpu_s, r.max_rss_kb, r.exit_status);
  out += buf;
  out += ", \"counters\": {";
  for (size_t i = 0; i < r.counters.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s\"%s\": %llu", i ? ", " : "", r.counters[i].name.c_str(),
                  static_cast<unsigned long long>(r.counters[i].value));
    out += buf;
  }
  out += "}}\n";
  return out;
}

namespace {

// The number after "key": in text (our own output: flat and predictable).
bool number_after(const std::string& text, const std::string& key, size_t from, double& out, size_t* end = nullptr) {
  size_t k = text.find("\"" + key + "\":", from);
  if (k == std::string::npos) return false;
  const char* p = text.c_str() + k + key.size() + 3;
  char* e;
  out = std::strtod(p, &e);
  if (e == p) return false;
  if (end) *end = static_cast<size_t>(e - text.c_str());
  return true;
}

}  // namespace

bool parse_stats_json(const std::string& text, RunStats& out) {
  size_t p = text.find("\"policy\": \"");
  if (p == std::string::npos) return false;
  size_t q = text.find('"', p + 11);
  out.policy = text.substr(p + 11, q - p - 11);
  double v;
  if (!number_after(text, "wall_s", 0, out.wall_s) || !number_after(text, "cpu_s", 0, out.cpu_s)) return false;
  if (number_after(text, "max_rss_kb", 0, v)) out.max_rss_kb = static_cast<long>(v);
  if (number_after(text, "exit_status", 0, v)) out.exit_status = static_cast<int>(v);
  size_t c = text.find("\"counters\": {");
  if (c == std::string::npos) return true;
  size_t pos = c + 13;
  for (;;) {
    size_t k = text.find('"', pos);
    if (k == std::string::npos) break;
    size_t kend = text.find('"', k + 1);
    std::string name = text.substr(k + 1, kend - k - 1);
    size_t end;
    if (!number_after(text, name, k, v, &end)) break;
    out.counters.push_back({name, static_cast<uint64_t>(v), ""});
    pos = end;
  }
  return true;
}

}  // namespace lockvm
