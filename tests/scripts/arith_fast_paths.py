# The eval loop's unboxed arithmetic (small_int_binop, small_int_true_div,
# small_float_binop in runtime/numbers.hpp) against CPython: every binary
# operator on ints at the edges of 64 bits (overflow into big integers,
# INT64_MIN // -1, shifts by 63 and 64, negative shifts, zero divisors),
# floats (signed zeros, inf, nan) and int/float mixes, and the in-place forms.
vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 63, 64, 65, -64, 2**31, -2**31, 2**53 - 1, 2**53, 2**53 + 1, -2**53, 2**62, 2**63 - 1, -2**63, 12345678901, -98765432109]
fl = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-300, float('inf'), float('nan')]
ops = [('+', lambda a, b: a + b), ('-', lambda a, b: a - b), ('*', lambda a, b: a * b), ('/', lambda a, b: a / b),
       ('//', lambda a, b: a // b), ('%', lambda a, b: a % b), ('<<', lambda a, b: a << b), ('>>', lambda a, b: a >> b),
       ('|', lambda a, b: a | b), ('^', lambda a, b: a ^ b), ('&', lambda a, b: a & b)]
def show(r):
    return repr(r)
for name, f in ops:
    for a, b in [(p, q) for p in vals + fl for q in vals + fl]:
        if name in ('<<',) and isinstance(b, int) and b > 200: continue
        try:
            r = show(f(a, b))
        except Exception as e:
            r = type(e).__name__ + ':' + str(e)
        print(name, a, b, r)
# in-place forms and bools
x = 10
x //= 3; x %= 2; x <<= 5; x >>= 1; x |= 3; x ^= 1; x &= 6
print(x, True & True, True | 0, 5 / 2, 7 // -2, -7 % 3, 2 * 1.5, 1 - 0.5, 3 / 1.5)

# Comparisons: int/float mixes are exact (2**53 + 1 is not 2.0**53), nan
# compares false, and a float local against a small int literal (a fused
# compare-and-jump) takes the same path.
cmps = [('==', lambda a, b: a == b), ('!=', lambda a, b: a != b), ('<', lambda a, b: a < b),
        ('<=', lambda a, b: a <= b), ('>', lambda a, b: a > b), ('>=', lambda a, b: a >= b)]
for name, f in cmps:
    for a, b in [(p, q) for p in vals + fl for q in vals + fl]:
        print(name, a, b, f(a, b))
print(2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, -2**53 - 1 < -2.0**53, 2**63 - 1 < 2.0**63)


def signs(xs):
    out = []
    for x in xs:
        if x < 0:
            out.append('-')
        elif x == 0:
            out.append('0')
        elif x >= 3:
            out.append('+3')
        else:
            out.append('+')
    return ''.join(out)


print(signs([-1.5, -0.0, 0.0, 0.5, 2.999, 3.0, 1e300, float('nan'), -1, 0, 2, 7]))
n = 0.0
while n < 5:
    n += 0.75
print(n)


# A NaN makes `not (x < y)` differ from `x >= y`: the fused compare-and-jumps
# on two float locals and on a float local against a literal must not negate.
def branch_lt(a, b):
    if a < b:
        return 'lt'
    return 'not'


def branch_ge_lit(a):
    if a >= 1:
        return 'ge'
    return 'not'


def loop_lt(a, b):
    n = 0
    while a < b and n < 3:
        n += 1
    return n


nan = float('nan')
print(branch_lt(nan, 1.0), branch_lt(1.0, nan), branch_lt(1.0, 2.0), branch_lt(2.0, 1.0))
print(branch_ge_lit(nan), branch_ge_lit(1.0), branch_ge_lit(0.5), loop_lt(nan, 2.0), loop_lt(1.0, 2.0))


# An int or float local with a small int literal (a fused op for * // % <<
# >> | ^ &), plain and in place, at the edges.
def with_literals(x):
    y = x
    y //= 3
    z = x
    z %= -4
    return (x * 3, x // 7, x % 7, x % -3, x // -2, x >> 2, x >> 70 if isinstance(x, int) else 0,
            x << 3 if isinstance(x, int) else 0, x & 15 if isinstance(x, int) else 0,
            x | 8 if isinstance(x, int) else 0, x ^ 5 if isinstance(x, int) else 0, y, z)


for x in vals + [1.5, -2.25, 0.0]:
    try:
        print(x, with_literals(x))
    except TypeError as e:
        print(x, 'TypeError', e)


def float_literals(x):
    return x * 3, x * -2, x * 0, x // 2, x % 3, x % -3


for x in fl + [2.5, -7.75]:
    print(x, float_literals(x))
