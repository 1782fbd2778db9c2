# A custom iterator class with __iter__ and __next__.

class CountDown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

print(list(CountDown(5)))
cd = CountDown(3)
print(next(cd), next(cd), next(cd), next(cd, "stop"))
for n in CountDown(2):
    print("tick", n)

class Range2:
    """An iterable (not an iterator): each iter() starts fresh."""
    def __init__(self, start, stop, step=1):
        self.start, self.stop, self.step = start, stop, step

    def __iter__(self):
        return Range2Iterator(self)

class Range2Iterator:
    def __init__(self, r):
        self.r = r
        self.value = r.start

    def __iter__(self):
        return self

    def __next__(self):
        if self.value >= self.r.stop:
            raise StopIteration
        v = self.value
        self.value += self.r.step
        return v

r = Range2(0, 10, 3)
print(list(r), list(r), sum(r), max(r), [a * b for a in r for b in r if a < b])
it = iter(r)
print(next(it), next(it), iter(it) is it)

class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        self.a, self.b = 0, 1
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        value = self.a
        self.a, self.b = self.b, self.a + self.b
        return value

print(list(Fib(100)), sorted(Fib(20), reverse=True), dict(enumerate(Fib(5))))
print(list(zip(CountDown(3), Fib(10))), tuple(map(str, CountDown(3))))

class Cycle:
    def __init__(self, items, times):
        self.items, self.times = items, times
    def __iter__(self):
        for _ in range(self.times):
            for item in self.items:
                yield item

print("".join(Cycle("ab", 3)), list(Cycle([1], 2)))
try:
    next(iter([]))
except StopIteration:
    print("empty iterator")
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
