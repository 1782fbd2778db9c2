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
