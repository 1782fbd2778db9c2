# lockvm's main demo: a tour of the Python subset, then the seed article's
# countdown, timed. Run it under each policy:
#   ./build/lockvm --policy=nolock samples/demo.py
#   ./build/lockvm --policy=gil samples/demo.py
import sys
import time


class Vector:
    """A 2-D vector with operator overloading."""

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def primes(limit):
    sieve = [True] * limit
    for i in range(2, limit):
        if sieve[i]:
            yield i
            for j in range(i * i, limit, i):
                sieve[j] = False


def countdown(n):
    while n > 0:
        n -= 1


def main():
    print("lockvm demo")
    print("  classes:      ", Vector(1, 2) + Vector(3, 4) * 2)
    print("  recursion:     fib(20) =", fib(20))
    print("  generators:   ", list(primes(30)))
    words = "the quick brown fox jumps over the lazy dog the end".split()
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print("  dicts:        ", top)
    print("  big ints:      2**100 =", 2 ** 100)
    try:
        {}["missing"]
    except KeyError as e:
        print("  exceptions:    caught KeyError", e)

    n = 10_000_000
    start = time.perf_counter()
    countdown(n)
    elapsed = time.perf_counter() - start
    print(f"  countdown({n:,}) took {elapsed:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
