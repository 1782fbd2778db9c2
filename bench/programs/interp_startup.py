# Start-up cost of an isolated interpreter: create() + close() of one
# interpreter at a time, `count` times; also one exec() and one call()
# round trip on a live interpreter. lockvm only. Run by bench/interpreters.
# Usage: interp_startup.py [count]. Prints the median milliseconds of each.
import interpreters
import sys
import time


def noop(x):
    return x


def median(xs):
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    create, close, call = [], [], []
    for _ in range(count):
        t0 = time.perf_counter()
        interp = interpreters.create()
        t1 = time.perf_counter()
        interp.close()
        t2 = time.perf_counter()
        create.append(t1 - t0)
        close.append(t2 - t1)
    interp = interpreters.create()
    interp.call(noop, 0)  # the first call runs this script there as __mp_main__
    for i in range(count * 20):
        t0 = time.perf_counter()
        interp.call(noop, i)
        call.append(time.perf_counter() - t0)
    interp.close()
    ms = lambda xs: median(xs) * 1000
    print(f"checksum {count}")
    print(f"time {ms(create) + ms(close):.6f}")
    print(f"create_ms {ms(create):.4f}")
    print(f"close_ms {ms(close):.4f}")
    print(f"call_ms {ms(call):.4f}")


if __name__ == "__main__":
    main()
