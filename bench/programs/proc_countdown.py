# The seeds' countdown (`while n > 0: n -= 1`) split over N processes
# (multiprocessing.Process, started by fork), each counting its share in its
# own address space. The same file runs on lockvm and CPython 3.11. Run by
# bench/processes.
# Usage: proc_countdown.py [size [nprocs]]; nprocs 0 counts the whole in the
# main process instead (no child at all).
# The checksum is the total number of decrements done, whatever the split.
import multiprocessing
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
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    if count == 0:
        start = time.perf_counter()
        countdown(total, results)
        elapsed = time.perf_counter() - start
        done = results.get()
    else:
        shares = [total // count] * count
        shares[0] += total - sum(shares)
        workers = [ctx.Process(target=countdown, args=(share, results)) for share in shares]
        start = time.perf_counter()
        for w in workers:
            w.start()
        done = sum(results.get() for _ in workers)  # drain before join
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - start
        if any(w.exitcode != 0 for w in workers):
            sys.exit(f"a worker failed: {[w.exitcode for w in workers]}")
    print(f"checksum {done}")
    print(f"time {elapsed:.6f}")


if __name__ == "__main__":
    main()
