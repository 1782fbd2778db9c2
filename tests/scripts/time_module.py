# The time module: call it, never print the times themselves.
import time

t0 = time.perf_counter()
total = sum(i * i for i in range(10000))
elapsed = time.perf_counter() - t0
print(total, elapsed >= 0, isinstance(elapsed, float))

now = time.time()
print(now > 1_600_000_000, type(now).__name__)
m0 = time.monotonic()
time.sleep(0.01)
m1 = time.monotonic()
print(m1 >= m0, m1 - m0 >= 0.005)
p0 = time.perf_counter()
time.sleep(0)
print(time.perf_counter() >= p0)
ns = time.perf_counter_ns() if hasattr(time, "perf_counter_ns") else 1
print(ns > 0)
