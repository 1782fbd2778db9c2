# Integer arithmetic: the basic operators, floor division and modulo with
# negative operands, divmod, three-argument pow and bool arithmetic.

a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a + b, -a - b, -a * b)

# Floor division and modulo round toward negative infinity.
for x, y in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (-1, 10), (1, -10)]:
    print(x, y, x // y, x % y, divmod(x, y), (x // y) * y + x % y == x)

# True division always gives a float.
print(6 / 3, 7 / 2, -7 / 2, 1 / 3, 10 / 4)

# pow with three arguments (modular exponentiation) and negative exponent.
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 1_000_007), pow(7, 0, 5))
print(pow(2, -1), 2 ** -2, (-2) ** 3, -2 ** 2)
print(pow(-3, 3, 7), pow(5, 3, -7))

# Operator precedence.
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -3 ** 2, 10 - 4 - 3, 100 // 10 // 3)
print(7 % 3 * 2, 1 + 2 * 3 - 4 // 2)

# Augmented assignment.
n = 10
n += 5
n -= 3
n *= 4
n //= 5
n %= 7
n **= 3
print(n)

# bool is a subclass of int.
print(True + True, True * 10, False - 1, True / 2, sum([True, True, False, True]))
print(True == 1, False == 0, True is True, int(True), -True)
print(isinstance(True, int), type(True + 0).__name__)

# abs, unary plus/minus, comparisons.
print(abs(-12), abs(0), +5, -(-5), 3 < 5, 5 <= 5, 5 != 5, -1 < 0 < 1)
print(max(3, -7, 12), min(3, -7, 12), max([1, 5, 2]), min((9, 4, 6)))

# int() truncates toward zero.
print(int(3.9), int(-3.9), int(0.0), int(-0.5), int("  42  "), int("-17"), int("+8"))
print(round(7 / 2), round(-2.5), round(3.5), round(17, -1), round(15, -1), round(25, -1))
