# random: the real-valued distributions and randbytes draw exactly
# CPython's values.
import random

random.seed(42)
print([random.uniform(0, 10) for _ in range(3)])
print([random.triangular() for _ in range(3)])
print(random.triangular(1, 10), random.triangular(1, 10, 2), random.triangular(5, 5, 5))
print(random.triangular(10, 1, 3), random.triangular(low=0.0, high=2.0, mode=1.5))
print([random.normalvariate() for _ in range(3)], random.normalvariate(100, 15))
print([random.lognormvariate(0, 0.5) for _ in range(3)])
print([random.expovariate(1.5) for _ in range(3)], random.expovariate(2))
print([random.vonmisesvariate(1.0, 4.0) for _ in range(3)], random.vonmisesvariate(0.5, 0))
print([random.gammavariate(0.5, 1.0) for _ in range(3)])
print([random.gammavariate(1.0, 2.0) for _ in range(3)])
print([random.gammavariate(9.0, 0.5) for _ in range(3)])
print([random.betavariate(2, 5) for _ in range(3)])
print([random.paretovariate(3) for _ in range(3)])
print([random.weibullvariate(1.0, 1.5) for _ in range(3)])
print(random.randbytes(0), random.randbytes(1), random.randbytes(4), random.randbytes(5))
print(random.randbytes(16))
random.seed(0)
b = random.randbytes(7)
random.seed(0)
n = random.getrandbits(56)
print(list(b) == [(n >> (8 * i)) & 255 for i in range(7)])

# Many draws: summary values that depend on every bit.
random.seed(2024)
total = 0.0
for _ in range(10000):
    total += random.random()
print(total)
print(sum(random.randrange(1000) for _ in range(10000)))
print(sum(random.getrandbits(100) for _ in range(1000)))
g = [random.gauss(0, 1) for _ in range(1000)]
print(sum(g), min(g), max(g))
