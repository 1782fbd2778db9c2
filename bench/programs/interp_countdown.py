# The seeds' countdown (`while n > 0: n -= 1`) split over N isolated
# interpreters (lockvm's `interpreters` module, after PEP 734), each counting
# its share on its own thread with its own interpreter lock. lockvm only:
# CPython 3.11 has no per-interpreter GIL. Run by bench/interpreters.
# Usage: interp_countdown.py [size [ninterps]]; ninterps 0 counts the whole
# in the main interpreter instead (no sub-interpreter at all).
# The checksum is the total number of decrements done.
import interpreters
import sys
import time


def countdown(n, results):
    start = n
    while n > 0:
        n -= 1
    results.put(start - n)


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    results = interpreters.create_queue()
    if count == 0:
        start = time.perf_counter()
        countdown(total, results)
        elapsed = time.perf_counter() - start
        done = results.get()
    else:
        shares = [total // count] * count
        shares[0] += total - sum(shares)
        workers = [interpreters.create() for _ in range(count)]
        for w in workers:  # the first call runs this script there as __mp_main__
            w.call(countdown, 0, results)
            results.get()
        start = time.perf_counter()
        threads = [w.call_in_thread(countdown, share, results) for w, share in zip(workers, shares)]
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        done = sum(results.get() for _ in workers)
        for w in workers:
            w.close()
    print(f"checksum {done}")
    print(f"time {elapsed:.6f}")


if __name__ == "__main__":
    main()
