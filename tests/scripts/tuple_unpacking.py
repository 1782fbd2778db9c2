# Tuple packing and unpacking: nested, starred, swaps, in for loops.

t = 1, 2, 3
a, b, c = t
print(t, a, b, c, type(t).__name__)
x, y = y, x = 1, 2
print(x, y)
x, y = y, x
print(x, y)
(p, q), r = (10, 20), 30
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
a, *b, c = range(6)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
head, *_ = "xyz"
print(head)
(a, *b), c = "abc", "d"
print(a, b, c)
[a, b] = ["list", "target"]
print(a, b)
for i, (name, score) in enumerate([("ann", 9), ("bob", 7)]):
    print(i, name, score)
for key, *values in [("k1", 1, 2), ("k2",), ("k3", 3)]:
    print(key, values)
pairs = {"a": 1, "b": 2}
for k, v in pairs.items():
    print(k, v)

def min_max(xs):
    return min(xs), max(xs)

lo, hi = min_max([5, 3, 9, 1])
print(lo, hi, min_max([7]))
print(*[1, 2, 3], sep="-")
print(*"abc", *[1, 2])
merged = (*[1, 2], *(3,), *range(4, 6))
print(merged, [*"ab", *{"k": 0}], (*[],))
single = (5,)
empty = ()
print(single, empty, len(single), len(empty), (5), type((5)).__name__, type((5,)).__name__)

for bad in ([1, 2], [1, 2, 3, 4]):
    try:
        a, b, c = bad
    except ValueError as e:
        print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
