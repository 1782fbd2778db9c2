# // and % on floats, mixed int/float arithmetic and comparisons.

pairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (1, 0.3), (5.0, 1.5), (-0.1, 1)]
for x, y in pairs:
    print(x, y, x // y, x % y, divmod(x, y))

print(7 // 2.0, 7 % 2.0, -7 // 2.0, -7 % 2.0, 6.0 / 4, 2 ** 0.5 > 1.414)
print(1 + 2.0, 3 * 1.5, 10 - 0.5, 1 / 4, 2 ** -1, 9 ** 0.5, (-8) ** 2.0)

# int/float comparisons are exact
print(1 == 1.0, 2 < 2.5, 3 > 2.99, 10 ** 16 == 1e16, 2 ** 53 + 1 == 2.0 ** 53)
print(2 ** 53 + 1 > 2.0 ** 53, -1 < -0.5, 0 == -0.0, 1.0 != 1)
print(sorted([3, 1.5, 2, 0.5, -1, 2.0]), max(1, 1.0), min(2.0, 2))
print(int(2.0 ** 60) == 2 ** 60, float(2 ** 60) == 2 ** 60)

# Mixed-type sums and averages
data = [3, 4.5, 6, 7.25, 10]
total = sum(data)
print(total, total / len(data), sum(data, 0.5))
print(sum([0.1] * 10), sum([1, 2, 3]) / 2, 7 / 7)

# Float modulo keeps the sign of the divisor
for x in [5.5, -5.5]:
    for y in [2.5, -2.5]:
        print(f"{x} % {y} = {x % y}", f"{x} // {y} = {x // y}")

try:
    1.5 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.5 % 0.0
except ZeroDivisionError:
    print("ZeroDivisionError")
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
