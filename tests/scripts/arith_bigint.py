# Arbitrary-precision integers.

def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result

print(factorial(50))
print(factorial(30) // factorial(28))
print(2 ** 200)
print(2 ** 64, 2 ** 64 - 1, -(2 ** 63), 2 ** 63 - 1)
print(len(str(2 ** 1000)), sum(int(d) for d in str(2 ** 1000)))

big = 123456789012345678901234567890
print(big * big)
print(big // 97, big % 97, divmod(big, 10 ** 10))
print(-big // 7, -big % 7, big // -7, big % -7)
print(big + 1 - big, big - big, big == 123456789012345678901234567890)
print(big > 2 ** 64, -big < -(2 ** 64), big < big + 1)

# Overflowing 64 bits through multiplication and addition.
x = 9223372036854775807
print(x + 1, x * 2, x * x, -x - 2)
print((x + 1) // 2 == 2 ** 62, (x + 1) % 3)

# Mersenne numbers and modular pow with big operands.
m127 = 2 ** 127 - 1
print(m127)
print(pow(3, m127 - 1, m127))
print(pow(2, 1000, 10 ** 20))

# Big int in floats and back.
print(float(2 ** 60), int(float(2 ** 53)), 2 ** 53 + 1 == float(2 ** 53 + 1))
print(10 ** 20 / 10 ** 18, 10 ** 30 // 10 ** 28)

# Negative powers of big bases, absolute value, hashing as dict key.
print(abs(-(10 ** 25)), (-10) ** 21)
d = {2 ** 100: "big", 1: "small"}
print(d[2 ** 100], d[1], 2 ** 100 in d)

# Fibonacci numbers grow big quickly.
a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
print(a)
print(str(a)[:10], len(str(a)))

# Big int bit operations.
print((2 ** 100) >> 90, 1 << 100, (2 ** 100 - 1) & 0xFFFF, (2 ** 100) | 1)
print((2 ** 70).bit_length(), (255).bit_length(), (0).bit_length(), (-8).bit_length())

# Right shifts of negative big ints floor, as small ints do, whatever bits go.
for x in (-(2 ** 64) - 1, -(2 ** 64), -(2 ** 100) - 3, -(2 ** 70) + 1, -(3 ** 50)):
    print(x >> 1, x >> 63, x >> 64, x >> 65, x >> 200, x >> 0)
