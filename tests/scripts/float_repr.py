# repr/str of floats: shortest round-trip representation.

values = [0.1 + 0.2, 0.1, 0.5, 1.0, -0.0, 0.0, 1e16, 1e15, 123456789012345.6,
          1.5e-7, 0.0001, 0.00001, 1e22, 1e-5, 2.5e-308, 1.7976931348623157e308,
          5e-324, 3.141592653589793, 2 / 3, 100.0, 1e100, 12345.678, -1.25e-10,
          float(2 ** 53), 9007199254740993.0, 0.3, 1 / 7, 1e21, 1e-4, 123e18]
for v in values:
    print(repr(v), str(v), v)

print([0.1, 0.2, 0.1 + 0.2], (1.5, -2.0), {"x": 0.25})
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(1.0 == 1, 2.5 == 5 / 2, 1e3 == 1000, float(10) / 4)
print(3 * 0.1, 0.1 * 3, 1.1 * 1.1, 4.35 * 100, 1 - 0.9)
print(1e308 * 10, -1e308 * 10, 2.0 ** 0.5, 10 ** -2, 2 ** 0.5 * 2 ** 0.5)
print(float("0.1"), float("1e-7"), float("123456789e-9"), float(7))
print(1e16 + 1, 1e16 + 2, 12345678.9 * 1000)
print(str(1e-7), str(1e-6), str(0.000123), str(1234567890123456789.0))
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0, round(total, 10) == 1.0)
print(float.is_integer(3.0), (2.5).is_integer(), (1e300).is_integer())
print((0.5).as_integer_ratio(), (0.75).as_integer_ratio(), (-2.0).as_integer_ratio())
