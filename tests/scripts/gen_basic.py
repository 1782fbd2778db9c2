# Generator functions: yield, laziness, state, return.

def count_up(n):
    print("  start")
    i = 0
    while i < n:
        print(f"  yielding {i}")
        yield i
        i += 1
    print("  done")

g = count_up(3)
print("created", type(g).__name__)
for v in g:
    print("got", v)
print(list(count_up(0)))

def squares(n):
    for i in range(n):
        yield i * i

print(list(squares(6)), sum(squares(100)), max(squares(10)), 16 in squares(10))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(15)])

def with_return():
    yield 1
    yield 2
    return "finished"

g = with_return()
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
print(next(g, "exhausted"))

def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]

print(list(chunks(list(range(10)), 3)), list(chunks("abcdefg", 2)))

def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            for sub in flatten(item):
                yield sub
        else:
            yield item

print(list(flatten([1, [2, [3, 4], 5], [[6]], 7])))

def interleave(a, b):
    ia, ib = iter(a), iter(b)
    while True:
        try:
            yield next(ia)
        except StopIteration:
            yield from ib
            return
        ia, ib = ib, ia

print(list(interleave([1, 3, 5, 7], [2, 4])), "".join(interleave("ace", "bdf")))
gen = squares(3)
print(iter(gen) is gen, list(gen), list(gen))
def empty():
    return
    yield
print(list(empty()))
