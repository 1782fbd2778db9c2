# format() builtin and str.format with positional, named and indexed fields.

print(format(3.14159, ".2f"), format(255, "x"), format(255, "#o"), format(1234567, ","))
print(format("abc", ">6"), format(42), format(3.5), format(True), format(0.25, "%"))
print(repr(format("x", "")), format(12, "b"), format(-1.5, "+.1f"), format(1e-5, "g"))

print("{} and {}".format("left", "right"))
print("{1} before {0}".format("zero", "one"), "{0}{1}{0}".format("ab", "cd"))
print("{name} is {age} years old".format(name="Ann", age=31))
print("{0[0]} {0[2]} {1[key]}".format(["a", "b", "c"], {"key": "val"}))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:.3f} {:,} {:08.2f} {:+d} {:x}".format(2 / 3, 10 ** 7, -3.14159, 5, 3054))
print("{0:{1}}|".format("w", 5), "{:{}.{}f}".format(3.14159, 8, 3))
print("{{}} {{{}}}".format("in"), "{!r:>10}".format("q"), "{!s}".format([1]))
print("{0} {0!r} {0:>5}".format("s"))
print("{:*^20}".format(" title "), "{:-<10}{:->10}".format("a", "b"))

class Temp:
    def __init__(self, c):
        self.celsius = c

t = Temp(21.5)
print("{t.celsius:.1f}C = {f:.1f}F".format(t=t, f=t.celsius * 9 / 5 + 32))
template = "Dear {title} {last}, your balance is {balance:,.2f}."
print(template.format(title="Dr.", last="Who", balance=1234567.891))
records = [("x", 1), ("yy", 22), ("zzz", 333)]
for r in records:
    print("{0:<5}{1:>5}".format(*r))
print("{a}-{b}".format(**{"a": 1, "b": 2}))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format(present=1)
except KeyError as e:
    print("KeyError:", e)
try:
    format("abc", "d")
except ValueError as e:
    print("ValueError:", e)
