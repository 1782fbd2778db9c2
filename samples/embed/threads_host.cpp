// Sample 3: several host threads call into one interpreter at once, under
// BiasedRC and under GlobalLock (the same code, the policy a template
// argument), and a table shows what each policy lets run in parallel.
//
// Each host thread makes the same calls: `script` runs only bytecode;
// `mixed` also calls crunch(), a thread-safe C++ host function that runs
// with the interpreter lock released. For 1, 2 and 4 threads the table gives
// the wall time and the process's user CPU time: when calls take turns (the
// GIL), wall time grows with the thread count and CPU time stays at one
// core's worth; when they run in parallel (BiasedRC), wall time stays flat
// and CPU time grows, up to the cores the machine has. The configurations
// are measured in interleaved rounds (the machine may be shared), the best
// wall time of each kept.
#include <lockvm/lockvm.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr const char* kScript = R"(
def script(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total

def mixed(n):
    return script(n // 2) + crunch(n * 8)
)";

// C++ work that touches no script object: safe to run without the lock.
int64_t crunch(int64_t n) {
  uint64_t h = 1469598103934665603ull;
  for (int64_t i = 0; i < n; ++i) h = (h ^ static_cast<uint64_t>(i)) * 1099511628211ull;
  return static_cast<int64_t>(h >> 1);
}

double user_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
}

struct Times {
  double wall_ms = 1e300, user_ms = 0;
};

// `threads` host threads, each making `calls` calls to fn(n), on one interpreter.
template <class P>
Times run_once(const char* fn, int threads, int calls, int n) {
  lockvm::Interpreter<P> vm;
  vm.def("crunch", &crunch, lockvm::Threading::ThreadSafe);
  vm.exec(kScript);
  lockvm::Value f = vm.get(fn);
  double user0 = user_seconds();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k)
    pool.emplace_back([&] {
      for (int i = 0; i < calls; ++i) (void)f(n).template as<int64_t>();
    });
  for (auto& t : pool) t.join();
  Times t;
  t.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  t.user_ms = (user_seconds() - user0) * 1000;
  return t;
}

struct Config {
  const char* policy;
  const char* fn;
  int threads;
  Times (*run)(const char*, int, int, int);
  Times best;
};

}  // namespace

int main() {
  constexpr int kCalls = 20, kN = 50000, kRounds = 3;
  std::vector<Config> configs;
  for (const char* fn : {"script", "mixed"})
    for (int threads : {1, 2, 4}) {
      configs.push_back({"gil", fn, threads, &run_once<lockvm::GlobalLock>, {}});
      configs.push_back({"brc", fn, threads, &run_once<lockvm::BiasedRC>, {}});
    }
  for (int round = 0; round < kRounds; ++round)
    for (Config& c : configs) {
      Times t = c.run(c.fn, c.threads, kCalls, kN);
      if (t.wall_ms < c.best.wall_ms) c.best = t;
    }

  std::printf("%u hardware threads; each host thread makes %d calls of %s(%d); best of %d rounds\n\n",
              std::thread::hardware_concurrency(), kCalls, "fn", kN, kRounds);
  std::printf("| policy | call   | threads | wall (ms) | user CPU (ms) | CPU / wall | speed-up vs 1 thread |\n");
  std::printf("|--------|--------|---------|-----------|---------------|------------|----------------------|\n");
  for (const char* policy : {"gil", "brc"})
    for (const char* fn : {"script", "mixed"}) {
      double one = 0;
      for (const Config& c : configs) {
        if (std::string(c.policy) != policy || std::string(c.fn) != fn) continue;
        if (c.threads == 1) one = c.best.wall_ms;
        // The same work per thread: with k threads, k times the work; a
        // speed-up of k means they ran fully in parallel.
        std::printf("| %-6s | %-6s | %7d | %9.1f | %13.1f | %10.2f | %20.2f |\n", policy, fn, c.threads,
                    c.best.wall_ms, c.best.user_ms, c.best.user_ms / c.best.wall_ms, one * c.threads / c.best.wall_ms);
      }
    }
  std::printf("\nGlobalLock: bytecode runs one thread at a time (the GIL); crunch() releases it.\n"
              "BiasedRC: host threads run bytecode in parallel (each is counted as a running thread at\n"
              "its first call, so object locks are taken from then on; docs/embedding.md).\n");
  return 0;
}
