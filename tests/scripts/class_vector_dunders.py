# Arithmetic dunders on a Vector class.
import math

class Vector:
    def __init__(self, *components):
        self.c = tuple(components)

    def __repr__(self):
        return f"Vector{self.c}"

    def __len__(self):
        return len(self.c)

    def __getitem__(self, i):
        return self.c[i]

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a + b for a, b in zip(self.c, other.c)))

    def __radd__(self, other):
        if other == 0:  # so that sum() works
            return self
        return NotImplemented

    def __sub__(self, other):
        return Vector(*(a - b for a, b in zip(self.c, other.c)))

    def __mul__(self, k):
        if isinstance(k, Vector):
            return sum(a * b for a, b in zip(self.c, k.c))
        return Vector(*(a * k for a in self.c))

    def __rmul__(self, k):
        return self * k

    def __truediv__(self, k):
        return Vector(*(a / k for a in self.c))

    def __neg__(self):
        return Vector(*(-a for a in self.c))

    def __pos__(self):
        return self

    def __abs__(self):
        return math.sqrt(sum(a * a for a in self.c))

    def __eq__(self, other):
        return isinstance(other, Vector) and self.c == other.c

    def __iadd__(self, other):
        self.c = tuple(a + b for a, b in zip(self.c, other.c))
        return self

    def __bool__(self):
        return any(self.c)

    def __hash__(self):
        return hash(self.c)

v = Vector(1, 2)
w = Vector(3, -4)
print(v + w, v - w, v * 3, 3 * v, v * w, -v, +v, abs(w), w / 2)
print(v == Vector(1, 2), v != w, bool(Vector(0, 0)), bool(v), len(v), v[0], v[-1])
print(sum([v, w, Vector(10, 10)]), sum([], Vector(0, 0)))
alias = v
v += w
print(v, alias, v is alias)
total = Vector(0, 0, 0)
for vec in [Vector(1, 0, 0), Vector(0, 2, 0), Vector(0, 0, 3)]:
    total += vec
print(total, abs(total) ** 2)
try:
    v + 5
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + v
except TypeError as e:
    print("TypeError:", e)
print({Vector(1, 1): "diag"}[Vector(1, 1)])

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        return Money(self.cents + other.cents)
    def __mul__(self, n):
        return Money(self.cents * n)
    def __floordiv__(self, n):
        return Money(self.cents // n)
    def __mod__(self, n):
        return Money(self.cents % n)
    def __lt__(self, other):
        return self.cents < other.cents
    def __repr__(self):
        return f"${self.cents / 100:.2f}"

bill = Money(1999) + Money(501) * 3
print(bill, bill // 3, bill % 7, min(Money(5), Money(3)), sorted([Money(9), Money(1)]))
m = Money(100)
m += Money(50)
m *= 2
print(m)
