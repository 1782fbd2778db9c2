# Converting strings to ints (bases, underscores, whitespace) and back.

print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("777", 8))
print(int("0o777", 0), int("0b101", 0), int("101", 2), int("z", 36), int("Zz", 36))
print(int("1_000_000"), int("0x_ff", 16), 1_000_000 + 1, 0x_FF, 0o_17, 0b_1010)
print(int("  -42\n"), int("+0"), int("-0"), int("00012"), int("\t7 "))
print(int(7.99), int(-7.99), int(True), int("10", 10), int("-ff", 16))

print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(hex(2 ** 70), oct(2 ** 40), bin(2 ** 20))

for text in ["12", "-3", "4.5", "abc", "", "1_2", "1__2", "_1", "0x10", " 9 "]:
    try:
        print(repr(text), "->", int(text))
    except ValueError as e:
        print(repr(text), "-> ValueError:", e)

try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
try:
    int("g", 16)
except ValueError as e:
    print("ValueError:", e)

# str and repr of ints, round trip.
for n in [0, 7, -7, 10 ** 18, -(10 ** 30)]:
    s = str(n)
    print(s, repr(n), int(s) == n, len(s))

# Manual base conversion.
def to_base(n, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return sign + "".join(reversed(out))

for n, base in [(255, 16), (255, 2), (-100, 7), (2 ** 64, 36), (0, 5)]:
    s = to_base(n, base)
    print(n, base, s, int(s, base) == n)

# float parsing.
print(float("3.25"), float("  -1e3 "), float("1_000.5"), float(".5"), float("5."))
print(float("inf"), float("-Infinity"), float("nan"), float("1e400"))
try:
    float("1.2.3")
except ValueError as e:
    print("ValueError:", e)
