# Bitwise operators and shifts, including negative numbers.

a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-1 & 0xFF, -256 | 15, -5 ^ 3, ~-1, ~0, ~5)
print(-16 >> 2, -17 >> 2, -1 >> 10, 1 << 0, 5 << 3, 1 >> 1)
print(0xFF & ~0x0F, 0b1111_0000 >> 4)

# Flags.
READ, WRITE, EXEC = 1, 2, 4
perm = READ | WRITE
print(perm, bool(perm & READ), bool(perm & EXEC))
perm |= EXEC
perm &= ~WRITE
print(perm, perm & WRITE, perm ^ READ)

def popcount(n):
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count

print([popcount(i) for i in range(17)])
print(popcount(2 ** 64 - 1), popcount(12345678901234567890))

# Power-of-two checks and swapping with xor.
print([n for n in range(1, 70) if n & (n - 1) == 0])
x, y = 12, 34
x ^= y
y ^= x
x ^= y
print(x, y)

# Shifts are multiplications/divisions by powers of two.
for n in (1, 7, -7, 1000):
    print(n, n << 3, n * 8, n >> 1, n // 2)

# Augmented bit ops.
v = 0
for i in range(0, 10, 3):
    v |= 1 << i
print(v, bin(v), v >> 3 << 3)
v ^= 0b1111
v <<= 1
v >>= 2
print(v)
print(True & False, True | False, True ^ True, 1 & True)
