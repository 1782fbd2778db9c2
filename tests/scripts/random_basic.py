# random: seeding (int, negative, big, str, bytes, float), random(),
# getrandbits, randrange, randint, uniform, gauss and getstate/setstate give
# exactly CPython's numbers.
import random

SEEDS = [0, 1, 12345, -7, 2**100, -(2**100), 2**32 - 1, 2**32, 2**64 + 3, True,
         "hello", "", "héllo wörld ✓", b"bytes", b"", 3.5, -2.5, 0.0, 1e300]

for s in SEEDS:
    random.seed(s)
    print(repr(s), random.random(), random.random())

random.seed(12345)
print([random.random() for _ in range(5)])

# getrandbits: k = 0, word boundaries, and more than 64 bits.
random.seed(1)
for k in [0, 1, 2, 7, 8, 31, 32, 33, 53, 63, 64, 65, 96, 100, 128, 200, 1000]:
    print(k, random.getrandbits(k))

# randrange: one argument, two, steps up and down, negatives, big ints.
random.seed(0)
print([random.randrange(10) for _ in range(20)])
print([random.randrange(-5, 5) for _ in range(20)])
print([random.randrange(0, 100, 7) for _ in range(10)])
print([random.randrange(100, 0, -3) for _ in range(10)])
print([random.randrange(-50, -10, 4) for _ in range(10)])
print([random.randrange(10, -10, -1) for _ in range(10)])
print([random.randrange(1) for _ in range(3)])
print(random.randrange(2**100), random.randrange(-(2**70), 2**70, 3))
print(random.randrange(2**64), random.randrange(2**63, 2**65), random.randrange(2**63 - 1))
print(random.randrange(-(2**63), 2**63 - 1))
print(random.randrange(10, step=1), random.randrange(5, None))
print(random.randrange(True, 10), random.randrange(3, 20, True))

# randint
random.seed(-7)
print([random.randint(1, 6) for _ in range(30)])
print([random.randint(-3, -1) for _ in range(10)])
print(random.randint(0, 2**80), random.randint(5, 5), random.randint(-(2**64), 2**64))

# uniform keeps Python's arithmetic.
random.seed(2**100)
print(random.uniform(1, 2), random.uniform(-1.5, 10), random.uniform(5, 5), random.uniform(10, 1))

# gauss (the cached second value included) with defaults and arguments.
random.seed("hello")
print([random.gauss() for _ in range(6)])
print(random.gauss(10, 2), random.gauss(mu=-3.0, sigma=0.5), random.gauss(0, 0))

# getstate / setstate round trip, including a pending gauss value.
random.seed(b"bytes")
random.gauss()
st = random.getstate()
print(type(st).__name__, len(st), st[0], len(st[1]), st[1][-1], st[2])
a = [random.random() for _ in range(3)] + [random.gauss()]
random.setstate(st)
b = [random.random() for _ in range(3)] + [random.gauss()]
print(a == b, a)
random.seed(3.5)
st = random.getstate()
print(st[1][:4], st[1][-1], st[2])

# Independent generators.
r1 = random.Random(99)
r2 = random.Random(99)
print(r1.random() == r2.random(), r1.randint(1, 100), r2.randint(1, 100))
r3 = random.Random()
r3.seed(5)
random.seed(5)
print(r3.random() == random.random(), isinstance(r3, random.Random), type(r3).__name__)
r4 = random.Random("seed string")
print(r4.random(), r4.getrandbits(40))
r4.setstate(r1.getstate())
print(r4.random() == r1.random())

# Re-seeding resets the gauss cache.
random.seed(1)
g1 = random.gauss()
random.seed(1)
print(random.gauss() == g1)

# An unseeded generator works (its values are not compared).
random.seed()
x = random.random()
print(0.0 <= x < 1.0)
random.seed(None)
print(0 <= random.randrange(10) < 10)

# version=1 string seeding.
random.seed("abc", version=1)
print(random.random())
random.seed(b"abc", version=1)
print(random.random())
random.seed("", 1)
print(random.random())
