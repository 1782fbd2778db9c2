// Sample 3: several host threads call into one interpreter at once, under
// BiasedRC and under GlobalLock (the same code, the policy a template
// argument), and a table shows what each policy lets run in parallel.
//
// Each host thread makes the same calls: `script` runs only bytecode;
// `mixed` also calls crunch(), a thread-safe C++ host function that runs
// with the interpreter lock released. Wall times for 1, 2 and 4 threads:
// when calls serialize, the time grows with the thread count; when they
// run in parallel, it stays flat (on a machine with that many cores).
#include <lockvm/lockvm.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
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

template <class P>
double run_once(const char* fn, int threads, int calls, int n) {
  lockvm::Interpreter<P> vm;
  vm.def("crunch", &crunch, lockvm::Threading::ThreadSafe);
  vm.exec(kScript);
  lockvm::Value f = vm.get(fn);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k)
    pool.emplace_back([&] {
      for (int i = 0; i < calls; ++i) (void)f(n).template as<int64_t>();
    });
  for (auto& t : pool) t.join();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Wall time of `threads` host threads making `calls` calls each to fn(n): the
// best of three rounds (the machine may be shared).
template <class P>
double run(const char* fn, int threads, int calls, int n) {
  double best = 1e300;
  for (int round = 0; round < 3; ++round) best = std::min(best, run_once<P>(fn, threads, calls, n));
  return best;
}

template <class P>
void rows(const char* name) {
  for (const char* fn : {"script", "mixed"}) {
    double one = 0;
    for (int threads : {1, 2, 4}) {
      double ms = run<P>(fn, threads, 20, 50000);
      if (threads == 1) one = ms;
      std::printf("| %-6s | %-6s | %7d | %9.1f | %16.2f |\n", name, fn, threads, ms, one * threads / ms);
    }
  }
}

}  // namespace

int main() {
  std::printf("%u hardware threads; each host thread makes 20 calls\n\n", std::thread::hardware_concurrency());
  std::printf("| policy | call   | threads | wall (ms) | parallel speed-up |\n");
  std::printf("|--------|--------|---------|-----------|-------------------|\n");
  rows<lockvm::GlobalLock>("gil");
  rows<lockvm::BiasedRC>("brc");
  std::printf("\nGlobalLock: bytecode runs one thread at a time (the GIL); crunch() releases it.\n"
              "BiasedRC: host calls are serialized on a host-side mutex (host threads are not yet\n"
              "counted as running threads, docs/embedding.md); crunch() runs outside it.\n");
  return 0;
}
