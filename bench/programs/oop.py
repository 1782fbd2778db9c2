# OOP: a small simulation of bank accounts, shapes and particles built from
# classes. Exercises many small method calls, attribute reads and writes,
# properties with getters and setters, class attributes and class-level
# counters, @staticmethod and @classmethod, single inheritance with
# super().__init__ and super().method(), method overriding, __eq__/__lt__/
# __hash__/__len__/__iter__/__repr__ dunders, isinstance checks and bound
# method objects stored and called later.
# The checksum folds the final state of every object.
import sys
import time

MOD = 1000000007


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % bound


class Account:
    opened = 0
    fee = 2

    def __init__(self, owner, balance=0):
        Account.opened += 1
        self.number = Account.opened
        self.owner = owner
        self._balance = balance
        self.history = 0

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("negative balance")
        self._balance = value

    def deposit(self, amount):
        self.balance = self.balance + amount
        self.history += 1
        return self.balance

    def withdraw(self, amount):
        total = amount + self.charge(amount)
        if total > self.balance:
            return False
        self.balance -= total
        self.history += 1
        return True

    def charge(self, amount):
        return self.fee

    def month_end(self):
        pass

    def __lt__(self, other):
        return (self.balance, self.number) < (other.balance, other.number)

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self.balance})"


class Savings(Account):
    fee = 0

    def __init__(self, owner, balance=0, rate_permille=3):
        super().__init__(owner, balance)
        self.rate = rate_permille
        self.withdrawals = 0

    def withdraw(self, amount):
        if self.withdrawals >= 3:
            return False
        ok = super().withdraw(amount)
        if ok:
            self.withdrawals += 1
        return ok

    def month_end(self):
        super().month_end()
        self.deposit(self.balance * self.rate // 1000)
        self.withdrawals = 0


class Premium(Savings):
    def charge(self, amount):
        return 0 if amount < 500 else super().charge(amount) + amount // 1000


class Bank:
    def __init__(self):
        self.accounts = []

    def open(self, kind, owner, balance):
        acct = kind(owner, balance)
        self.accounts.append(acct)
        return acct

    def __len__(self):
        return len(self.accounts)

    def __iter__(self):
        return iter(self.accounts)

    def total(self):
        return sum(a.balance for a in self)

    @staticmethod
    def interest_kinds():
        return (Savings, Premium)


class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area2(self):
        """Twice the area, so everything stays an int."""
        raise NotImplementedError

    def scale(self, k):
        raise NotImplementedError

    def describe(self):
        return len(self.name) + self.area2()

    @classmethod
    def unit(cls):
        return cls.make_unit()


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    @classmethod
    def make_unit(cls):
        return cls(1, 1)

    def area2(self):
        return 2 * self.w * self.h

    def scale(self, k):
        self.w *= k
        self.h *= k
        return self


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"

    @classmethod
    def make_unit(cls):
        return cls(1)

    @property
    def side(self):
        return self.w

    @side.setter
    def side(self, value):
        self.w = self.h = value


class Triangle(Shape):
    def __init__(self, base, height):
        super().__init__("triangle")
        self.base = base
        self.height = height

    @classmethod
    def make_unit(cls):
        return cls(1, 2)

    def area2(self):
        return self.base * self.height

    def scale(self, k):
        self.base *= k
        self.height *= k
        return self


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)


class Particle:
    def __init__(self, x, y, vx, vy):
        self.pos = Point(x, y)
        self.vx = vx
        self.vy = vy
        self.bounces = 0

    def step(self, size):
        p = self.pos.moved(self.vx, self.vy)
        if p.x < 0 or p.x >= size:
            self.vx = -self.vx
            self.bounces += 1
            p = Point(self.pos.x, p.y)
        if p.y < 0 or p.y >= size:
            self.vy = -self.vy
            self.bounces += 1
            p = Point(p.x, self.pos.y)
        self.pos = p


def bank_round(rng):
    bank = Bank()
    kinds = [Account, Savings, Premium]
    for i in range(60):
        bank.open(kinds[i % 3], f"c{i}", 1000 + rng.next(5000))
    accts = bank.accounts
    ops = 0
    for day in range(30):
        for _ in range(120):
            a = accts[rng.next(len(accts))]
            amount = 1 + rng.next(900)
            if rng.next(2):
                a.deposit(amount)
            elif a.withdraw(amount):
                ops += 1
            try:
                if rng.next(50) == 0:
                    a.balance = -1
            except ValueError:
                ops += 3
        if day % 10 == 9:
            for a in bank:
                if isinstance(a, Bank.interest_kinds()):
                    a.month_end()
    richest = max(bank)
    poorest = min(bank)
    acc = bank.total() + ops * 7 + len(bank)
    acc += richest.number * 11 + poorest.number + len(repr(richest))
    acc += sum(a.history for a in bank)
    return acc


def shape_round(rng):
    shapes = []
    for i in range(300):
        kind = rng.next(3)
        if kind == 0:
            shapes.append(Rect(1 + rng.next(20), 1 + rng.next(20)))
        elif kind == 1:
            shapes.append(Square(1 + rng.next(20)))
        else:
            shapes.append(Triangle(1 + rng.next(20), 1 + rng.next(20)))
    shapes.append(Square.unit())
    shapes.append(Triangle.unit())
    acc = 0
    for k in (2, 3):
        for s in shapes:
            acc += s.scale(k).describe()
    for s in shapes:
        if isinstance(s, Square):
            s.side = s.side // 2 + 1
            acc += s.side
        elif isinstance(s, Rect):
            acc += s.w - s.h
    getters = [s.area2 for s in shapes]
    acc += sum(g() for g in getters)
    return acc % MOD


def particle_round(rng):
    size = 64
    parts = [Particle(rng.next(size), rng.next(size), rng.next(5) - 2, rng.next(5) - 2)
             for _ in range(40)]
    seen = set()
    for _ in range(60):
        for p in parts:
            p.step(size)
            seen.add(p.pos)
    acc = len(seen) + sum(p.bounces for p in parts)
    acc += sum(p.pos.x * 3 + p.pos.y for p in parts)
    acc += 1 if Point(1, 2) == Point(1, 2) else 0
    return acc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    start = time.perf_counter()
    checksum = 0
    for r in range(n):
        rng = Lcg(99 + r)
        part = bank_round(rng) + shape_round(rng) * 3 + particle_round(rng) * 5
        checksum = (checksum * 17 + part) % MOD
    checksum = (checksum + Account.opened + Shape.count) % MOD
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum}")
    print(f"time {elapsed:.6f}")


main()
