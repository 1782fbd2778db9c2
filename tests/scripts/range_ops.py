# range objects.

r = range(10)
print(r, range(2, 20, 3), range(5, 0, -1), len(r), len(range(2, 20, 3)), len(range(5, 0, -1)))
print(r[0], r[-1], r[3], range(2, 20, 3)[2], range(5, 0, -1)[-1], list(range(0)))
print(list(range(5, 0, -1)), list(range(-5, 5, 2)), list(range(10, -10, -4)), list(range(3, 3)))
print(5 in r, 10 in r, -1 in r, 8 in range(2, 20, 3), 9 in range(2, 20, 3), 3.0 in r)
print(r[2:5], r[::2], r[::-1], list(r[::-3]), range(0, 100, 10)[3:7], list(range(0, 100, 10)[3:7]))
print(list(reversed(range(4))), list(reversed(range(1, 10, 4))), sum(range(1, 101)), max(range(7)))
print(range(4) == range(0, 4), range(0) == range(5, 5), r.index(7), r.count(3), range(1, 10, 2).index(7))
print(len(range(0, 10 ** 12, 3)), range(10 ** 12)[-1], 10 ** 11 in range(10 ** 12))
print(bool(range(0)), bool(range(1)), list(range(-3)), list(range(1, -2, -1)))
try:
    r[10]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1, 5, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    r.index(99)
except ValueError as e:
    print("ValueError:", e)
total = 0
for i in range(100, 0, -7):
    total += i
print(total)
it = iter(range(3))
print(next(it), next(it), next(it), next(it, "end"))
