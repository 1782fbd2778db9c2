# Tuple operations: comparison, hashing, count/index, immutability.

t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t[0], t[-1], t[2:5], t[::-2], len(t), t.count(1), t.index(5), 9 in t, 7 in t)
print((1, 2) + (3,), (0,) * 3, (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99))
print((1, "a") == (1, "a"), (1, 2) == [1, 2], () < (0,), (1, 2, 3) >= (1, 2, 3))
print(max([(1, "b"), (2, "a"), (1, "z")]), sorted([(2, 1), (1, 2), (1, 1)]))

# Tuples as dict keys and set members.
grid = {}
for x in range(3):
    for y in range(3):
        grid[(x, y)] = x * 3 + y
print(grid[(1, 2)], grid[2, 0], (2, 2) in grid, (3, 3) in grid, len(grid))
seen = {(1, 2), (2, 1), (1, 2)}
print(len(seen), (2, 1) in seen)
print(hash((1, 2)) == hash((1, 2)), hash((1, "a", (2.5,))) == hash((1, "a", (2.5,))))

try:
    t[0] = 10
except TypeError as e:
    print("TypeError:", e)
try:
    t.index(42)
except ValueError as e:
    print("ValueError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
try:
    (1, 2)[5]
except IndexError as e:
    print("IndexError:", e)

mutable_inside = ([1], [2])
mutable_inside[0].append(99)
print(mutable_inside)
print(tuple(range(4)), tuple("hi"), tuple([None]), tuple(x * x for x in range(4)))
print(sum((1, 2, 3)), min(t), max(t), sorted(t), tuple(sorted(t, reverse=True)))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested), str(nested), repr((("a",),)))
a = (1, 2)
b = a
a += (3,)
print(a, b)
