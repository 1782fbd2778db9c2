# The seeds' countdown: the same total work on 1, 2 and 4 threads, then on
# 2 and 4 processes (multiprocessing, fork).
#
#   lockvm compare samples/countdown_threads.py        every policy, one table
#   lockvm --policy=gil samples/countdown_threads.py   one policy
#
# Under a GIL more threads are no faster (the point of the seed articles);
# without one, they scale with the cores (objlocks, brc: see docs/policies.md).
import multiprocessing
import sys
import threading
import time

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000


def countdown(n):
    while n > 0:
        n -= 1


def run_processes(nprocs):
    procs = [multiprocessing.Process(target=countdown, args=(TOTAL // nprocs,)) for _ in range(nprocs)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return time.perf_counter() - start


def run(nthreads):
    threads = [threading.Thread(target=countdown, args=(TOTAL // nthreads,)) for _ in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


base = run(1)
print(f"1 thread : {base:.3f} s")
for n in (2, 4):
    t = run(n)
    print(f"{n} threads: {t:.3f} s  speed-up {base / t:.2f}x")
for n in (2, 4):
    t = run_processes(n)
    print(f"{n} processes: {t:.3f} s  speed-up {base / t:.2f}x")
