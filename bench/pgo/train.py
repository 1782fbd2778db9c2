# The training run of the profile-guided build (scripts/setup.sh --pgo).
#
# GCC lays out the eval loop and decides what to inline from the branch and
# call counts of this run, so it should exercise what Python programs do in
# general: float and int arithmetic, attribute access and method calls,
# strings, containers, exceptions, generators, closures, calls of every shape.
# It is written apart from the benchmark programs (bench/programs/) on
# purpose: a profile taken from the benchmarks themselves would flatter them.
# (The differential test scripts, tests/scripts/, are run in training too.)
#
# usage: lockvm train.py [scale]      (scale 1 takes about a second)
import sys

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 1


def mandelbrot(size):
    inside = 0
    for py in range(size):
        ci = 2.0 * py / size - 1.0
        for px in range(size):
            cr = 3.0 * px / size - 2.0
            zr = zi = 0.0
            n = 0
            while n < 40 and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                n += 1
            if n == 40:
                inside += 1
    return inside


def matmul(n):
    a = [[float(i * n + j) / n for j in range(n)] for i in range(n)]
    b = [[float(i - j) for j in range(n)] for i in range(n)]
    c = [[0.0] * n for _ in range(n)]
    for i in range(n):
        ai = a[i]
        ci = c[i]
        for k in range(n):
            aik = ai[k]
            bk = b[k]
            for j in range(n):
                ci[j] += aik * bk[j]
    return round(sum(sum(row) for row in c), 3)


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return self.dot(self) ** 0.5


def particles(steps):
    pos = [Vec(float(i), float(i % 7), float(i % 3)) for i in range(40)]
    vel = [Vec(0.1 * (i % 5), -0.05 * (i % 4), 0.02) for i in range(40)]
    centre = Vec(10.0, 3.0, 1.0)
    for _ in range(steps):
        for i in range(len(pos)):
            d = centre - pos[i]
            r = d.length() + 1.0
            vel[i] = vel[i] + d.scale(0.01 / (r * r))
            pos[i] = pos[i] + vel[i].scale(0.1)
    return round(sum(p.length() for p in pos), 6)


def springs(steps):
    # Records as lists ([x, y, vx, vy, mass]), pairs unpacked in the loop
    # header, fields updated in place through constant indexes.
    import math
    nodes = [[math.cos(i * 0.7) * (i + 1), math.sin(i * 0.7) * (i + 1), 0.0, 0.0, 1.0 + i % 3]
             for i in range(8)]
    links = [(nodes[i], nodes[(i + 1) % len(nodes)]) for i in range(len(nodes))]
    links += [(nodes[i], nodes[(i + 3) % len(nodes)]) for i in range(0, len(nodes), 2)]
    rest, k, dt = 2.0, 0.5, 0.01
    for _ in range(steps):
        for (a, b) in links:
            dx = b[0] - a[0]
            dy = b[1] - a[1]
            dist = math.sqrt(dx * dx + dy * dy) + 1e-9
            f = k * (dist - rest) / dist
            a[2] += dx * f / a[4] * dt
            a[3] += dy * f / a[4] * dt
            b[2] -= dx * f / b[4] * dt
            b[3] -= dy * f / b[4] * dt
        for n in nodes:
            n[2] *= 0.999
            n[3] *= 0.999
            n[0] += n[2] * dt
            n[1] += n[3] * dt
    return round(sum(abs(n[0]) + abs(n[1]) for n in nodes), 6)


def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return sum(1 for f in flags if f)


def collatz(limit):
    best, best_n = 0, 0
    for n in range(1, limit):
        steps, m = 0, n
        while m != 1:
            m = m // 2 if m % 2 == 0 else 3 * m + 1
            steps += 1
        if steps > best:
            best, best_n = steps, n
    return best_n, best


class Account:
    count = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []
        Account.count += 1

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("in", amount))

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(self.owner, amount - self._balance)
        self._balance -= amount
        self.history.append(("out", amount))


class Savings(Account):
    def __init__(self, owner, balance=0, rate=0.01):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        self.deposit(self._balance * self.rate)

    def __repr__(self):
        return f"Savings({self.owner!r}, {self._balance:.2f})"


class InsufficientFunds(Exception):
    def __init__(self, owner, short):
        super().__init__(f"{owner} is short by {short}")
        self.short = short


def bank(rounds):
    accounts = [Account(f"a{i}", i * 10) if i % 2 else Savings(f"s{i}", i * 20, 0.02) for i in range(30)]
    failures = 0
    for r in range(rounds):
        for i, acc in enumerate(accounts):
            try:
                if (r + i) % 3 == 0:
                    acc.withdraw(15 + i)
                else:
                    acc.deposit(r % 7 + 1)
                if isinstance(acc, Savings) and r % 10 == 0:
                    acc.add_interest()
            except InsufficientFunds as e:
                failures += 1
                if e.short < 0:
                    raise
            finally:
                pass
    total = sum(a.balance for a in accounts)
    return failures, round(total, 2), len(repr(accounts[0]))


def text(rounds):
    words = "the quick brown fox jumps over the lazy dog while the cat sleeps on a warm mat".split()
    counts = {}
    out = []
    for r in range(rounds):
        line = " ".join(words[(r + k) % len(words)] for k in range(12))
        for w in line.split():
            counts[w] = counts.get(w, 0) + 1
        title = line.title().replace(" ", "-")
        out.append(f"{r:05d}:{title[:20]}|{len(line):>4}|{line.upper().count('THE')}")
        if line.startswith("the") and "fox" in line:
            out.append(line[::-1].strip())
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return len("".join(out)), top


def containers(n):
    data = [(i * 7919) % 1000 for i in range(n)]
    squares = {x: x * x for x in data if x % 3}
    uniq = set(data)
    pairs = list(zip(data, data[1:]))
    grouped = {}
    for a, b in pairs:
        grouped.setdefault(a % 10, []).append(b)
    ordered = sorted(data, key=lambda v: (v % 10, -v))
    nested = [[j for j in range(i % 5)] for i in range(200)]
    flat = [x for row in nested for x in row]
    t = tuple(ordered[:50])
    return (len(squares), len(uniq), sum(len(v) for v in grouped.values()), ordered[:3], sum(flat),
            t.index(ordered[10]), max(data), min(data))


def pipeline(n):
    def numbers(limit):
        for i in range(limit):
            yield i

    def evens(src):
        for v in src:
            if v % 2 == 0:
                yield v

    def chunks(src, size):
        buf = []
        for v in src:
            buf.append(v)
            if len(buf) == size:
                yield buf
                buf = []
        if buf:
            yield buf

    def delegate(limit):
        yield from evens(numbers(limit))

    total = sum(sum(c) for c in chunks(delegate(n), 7))
    gen = sum(x * x for x in range(n) if x % 3 == 0)
    flags = any(x > n for x in range(n)), all(x >= 0 for x in range(n))
    mapped = list(map(abs, filter(lambda v: v % 5, range(-n // 10, n // 10))))
    return total, gen, flags, len(mapped)


def calls(n):
    def make_adder(k):
        def add(x, y=1, *rest, scale=1, **extra):
            return (x + y + k + sum(rest)) * scale + len(extra)
        return add

    add3 = make_adder(3)
    acc = 0
    for i in range(n):
        acc += add3(i)
        acc += add3(i, 2)
        acc += add3(i, 2, 3, 4, scale=2)
        acc += add3(x=i, y=5, tag="t")
        args = (i, 1)
        kwargs = {"scale": 3}
        acc += add3(*args, **kwargs)
        acc = acc % 1000003
    return acc


def tree(depth):
    class Node:
        def __init__(self, left, right, value):
            self.left = left
            self.right = right
            self.value = value

        def total(self):
            t = self.value
            if self.left is not None:
                t += self.left.total()
            if self.right is not None:
                t += self.right.total()
            return t

    def build(d, v):
        if d == 0:
            return Node(None, None, v)
        return Node(build(d - 1, 2 * v), build(d - 1, 2 * v + 1), v)

    return build(depth, 1).total()


def errors(n):
    caught = 0
    for i in range(n):
        try:
            try:
                if i % 4 == 0:
                    {}["missing"]
                elif i % 4 == 1:
                    [][i]
                elif i % 4 == 2:
                    int("x%d" % i)
                else:
                    raise RuntimeError(i)
            except (KeyError, IndexError) as e:
                caught += 1
                raise TypeError("wrapped") from e
        except TypeError:
            caught += 2
        except Exception as e:
            caught += len(type(e).__name__)
    return caught


def main():
    s = SCALE
    results = [
        ("mandelbrot", mandelbrot(40 * s)),
        ("matmul", matmul(24 * s)),
        ("particles", particles(60 * s)),
        ("springs", springs(400 * s)),
        ("sieve", sieve(60000 * s)),
        ("collatz", collatz(4000 * s)),
        ("bank", bank(120 * s)),
        ("text", text(800 * s)),
        ("containers", containers(6000 * s)),
        ("pipeline", pipeline(20000 * s)),
        ("calls", calls(3000 * s)),
        ("tree", tree(10 + s)),
        ("errors", errors(4000 * s)),
    ]
    for name, value in results:
        print(name, value)


main()
