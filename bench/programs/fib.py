# Recursive Fibonacci: the call path, timed by the program itself.
import sys
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
start = time.perf_counter()
result = fib(n)
elapsed = time.perf_counter() - start
print(f"checksum {result}")
print(f"time {elapsed:.6f}")
