# Chained comparisons, conditional expressions, boolean operators.

x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, 10 > x >= 5 == 5, x == 5 != 6)
print(1 < 2 < 3 < 4 > 2, 1 == 1.0 == True, "a" < "b" < "c", 3 > 2 > 1 > 0 > -1)

calls = []
def val(v):
    calls.append(v)
    return v

print(val(1) < val(0) < val(5), calls)
calls.clear()
print(val(1) < val(2) < val(3), calls)

print("big" if x > 3 else "small", "even" if x % 2 == 0 else "odd")
print([("fizz" if i % 3 == 0 else "") + ("buzz" if i % 5 == 0 else "") or str(i) for i in range(1, 16)])
grade = lambda s: "A" if s >= 90 else "B" if s >= 80 else "C" if s >= 70 else "F"
print([grade(s) for s in (95, 85, 75, 10, 90, 80)])

print(0 or "default", "" or [] or None, 3 and 4, 0 and 1 / 0, None or 0, 1 or 1 / 0)
print(not 0, not "x", not [], not None, not not 5, (not 1) == False)
print(True and False or True, True or False and False, not True or True)
a = []
b = a or [1]
print(b, a is b)
name = None
print(name or "anonymous", (name or "").upper() == "")
print(x > 2 and x < 10, x < 2 or x > 4, not (x == 5))
print(1 if [] else 2, 1 if [0] else 2, "yes" if "False" else "no")
print(1 in [1, 2] in [[1, 2]], (1 in [1, 2]) in [True])
print(None is None, x is not None, type(x) is int, [] is not [])
