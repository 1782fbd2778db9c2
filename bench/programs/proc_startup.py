# Start-up cost of a process (multiprocessing, fork): start() + join() of one
# Process with a trivial target, `count` times; Pool(2) creation and
# close() + join(); the round trip of one item through Pool(2).map (the map's
# time over its item count) and of one apply_async().get(). The same file
# runs on lockvm and CPython 3.11. Run by bench/processes.
# Usage: proc_startup.py [count [items]]. Prints medians, ms or us each.
import multiprocessing
import sys
import time


def noop(x=0):
    return x


def double(x):
    return 2 * x


def median(xs):
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    ctx = multiprocessing.get_context("fork")
    start, join = [], []
    for _ in range(count):
        p = ctx.Process(target=noop)
        t0 = time.perf_counter()
        p.start()
        t1 = time.perf_counter()
        p.join()
        t2 = time.perf_counter()
        if p.exitcode != 0:
            sys.exit(f"a process exited with {p.exitcode}")
        start.append(t1 - t0)
        join.append(t2 - t1)
    create, close, per_item, apply = [], [], [], []
    checksum = 0
    for _ in range(max(count // 10, 1)):
        t0 = time.perf_counter()
        pool = ctx.Pool(2)
        t1 = time.perf_counter()
        for _ in range(3):
            m0 = time.perf_counter()
            checksum += sum(pool.map(double, range(items)))
            per_item.append((time.perf_counter() - m0) / items)
        for i in range(20):
            a0 = time.perf_counter()
            checksum += pool.apply_async(double, (i,)).get()
            apply.append(time.perf_counter() - a0)
        pool.close()
        t2 = time.perf_counter()
        pool.join()
        t3 = time.perf_counter()
        create.append(t1 - t0)
        close.append(t3 - t2)
    ms = lambda xs: median(xs) * 1000
    print(f"checksum {count} {checksum}")
    print(f"time {ms(start) + ms(join):.6f}")
    print(f"start_ms {ms(start):.4f}")
    print(f"join_ms {ms(join):.4f}")
    print(f"pool_create_ms {ms(create):.4f}")
    print(f"pool_close_ms {ms(close):.4f}")
    print(f"map_item_us {ms(per_item) * 1000:.4f}")
    print(f"apply_us {ms(apply) * 1000:.4f}")


if __name__ == "__main__":
    main()
