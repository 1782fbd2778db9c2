# The seeds' countdown (`while n > 0: n -= 1`) split over N threads: thread i
# counts down its share of the total. Under a GIL the threads take turns; under
# a policy that runs bytecode in parallel they can overlap.
# Usage: threads_countdown.py [size [nthreads]]. The checksum is the total
# number of decrements done, so it does not depend on nthreads.
import sys
import threading
import time


def countdown(n, results, index):
    start = n
    while n > 0:
        n -= 1
    results[index] = start - n


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000_000
    nthreads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    shares = [total // nthreads] * nthreads
    shares[0] += total - sum(shares)
    results = [0] * nthreads
    threads = [threading.Thread(target=countdown, args=(shares[i], results, i))
               for i in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    print(f"checksum {sum(results)}")
    print(f"time {elapsed:.6f}")


main()
