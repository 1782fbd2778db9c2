# The seed articles' loop: `while n > 0: n -= 1`, timed by the program itself.
import sys
import time


def countdown(n):
    while n > 0:
        n -= 1


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000_000
start = time.perf_counter()
countdown(n)
elapsed = time.perf_counter() - start
print(f"checksum {n}")
print(f"time {elapsed:.6f}")
