# random: choice, shuffle, sample (the pool branch and the set branch, and
# counts=) and choices (equal, relative and cumulative weights) pick exactly
# CPython's elements.
import random

random.seed(0)
print([random.choice([10, 20, 30]) for _ in range(15)])
print([random.choice("abcdef") for _ in range(10)])
print([random.choice((1.5, None, "x")) for _ in range(8)])
print([random.choice(range(100, 200, 3)) for _ in range(8)])
print(random.choice(b"xyz"), random.choice(["only"]))
print(random.choice({0: "zero", 1: "one"}))

# shuffle: lists of several sizes, and a sequence class.
random.seed(1)
for n in [0, 1, 2, 3, 10, 52]:
    x = list(range(n))
    random.shuffle(x)
    print(x)
words = "the quick brown fox jumps over the lazy dog".split()
random.shuffle(words)
print(words)


class Deck:
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v


d = Deck("ABCDEFGH")
random.seed(12345)
random.shuffle(d)
print(d.items)
x = list("ABCDEFGH")
random.seed(12345)
random.shuffle(x)
print(x == d.items)

# sample: small populations use the pool, large ones a set of indices.
random.seed(-7)
print(random.sample(range(10), 10))
print(random.sample(range(10), 3))
print(random.sample([1, 2, 3, 4, 5], 0))
print(random.sample("abcdefghij", 4))
print(random.sample((1, 2, 3), 2))
print(random.sample(range(100), 5))
print(random.sample(range(1000), 20))
print(random.sample(range(10**9), 6))
print(random.sample(range(30), 25))
print(random.sample(range(22), 6), random.sample(range(23), 6), random.sample(range(86), 7))
print(sorted(random.sample(range(50), 50)) == list(range(50)))
print(random.sample(["red", "blue"], counts=[4, 2], k=5))
print(random.sample(["a", "b", "c"], k=6, counts=[1, 2, 3]))
print(random.sample(range(5), k=3, counts=[0, 1, 0, 100, 5]))

# choices: equal weights, relative weights, cumulative weights.
random.seed(2**100)
print(random.choices("abc"))
print(random.choices("abc", k=10))
print(random.choices(range(5), k=0), random.choices(range(5), k=-3))
print(random.choices(["x", "y", "z"], [1, 2, 3], k=10))
print(random.choices(["x", "y", "z"], weights=[0.1, 0.0, 0.9], k=10))
print(random.choices(["x", "y", "z"], cum_weights=[1, 1, 10], k=10))
print(random.choices("pq", [2**60, 2**61], k=8))
print(random.choices("pqr", [1, 2.5, True], k=8))
print(random.choices(range(10), weights=range(10), k=12))
print(random.choices([1, 2, 3], cum_weights=(0.5, 0.75, 1.0), k=6))
print(random.choices([], k=0))

# The same sequence from a Random instance.
r = random.Random(7)
random.seed(7)
print(r.sample(range(40), 7) == random.sample(range(40), 7))
print(r.choices("abcd", k=5) == random.choices("abcd", k=5))
y = list(range(9))
z = list(range(9))
r.shuffle(y)
random.shuffle(z)
print(y == z, y)
print(r.choice("hello") == random.choice("hello"))
