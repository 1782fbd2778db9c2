# Infinite generators broken out of, and generator-based pipelines.

def naturals(start=1):
    n = start
    while True:
        yield n
        n += 1

def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

def squared(it):
    for x in it:
        yield x * x

print(list(take(5, squared(evens(naturals())))))

for n in naturals(10):
    if n * n > 200:
        print("first n with n*n > 200:", n)
        break

def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n

p = primes()
print([next(p) for _ in range(20)])

log_lines = [
    "INFO start",
    "ERROR disk full",
    "DEBUG x=1",
    "ERROR timeout",
    "INFO done",
    "ERROR disk full",
]

def read(lines):
    for line in lines:
        yield line

def grep(pattern, lines):
    return (line for line in lines if pattern in line)

def fields(lines):
    for line in lines:
        level, _, msg = line.partition(" ")
        yield level, msg

counts = {}
for level, msg in fields(grep("ERROR", read(log_lines))):
    counts[msg] = counts.get(msg, 0) + 1
print(counts)

def cycle(items):
    while True:
        for item in items:
            yield item

colors = cycle(["red", "green", "blue"])
print([next(colors) for _ in range(7)])

def running_total(it):
    total = 0
    for x in it:
        total += x
        yield total

print(list(running_total(take(10, naturals()))))

def window(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) > size:
            buf.pop(0)
        if len(buf) == size:
            yield tuple(buf)

print(list(take(4, window(naturals(), 3))))
