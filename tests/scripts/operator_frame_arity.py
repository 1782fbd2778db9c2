# Operator methods and property setters run as frames (BINARY_OP, COMPARE_OP,
# UNARY_NEGATIVE, STORE_ATTR): a method whose parameters do not fit the call
# raises CPython's TypeError, and nothing leaks on that path.
class A:
    def __add__(self):
        return 1
    def __lt__(self, o, p):
        return 2
    def __neg__(self, x):
        return 3
    def __sub__(self, o, *, k):
        return 4
    def __mul__(self, *args, **kw):
        return (len(args), kw)
    def _set(self, v, w):
        pass
    p = property(lambda self: 0, _set)
a = A()
for f in (lambda: a + 1, lambda: a < 1, lambda: -a, lambda: a - 1, lambda: setattr(a, "p", 1)):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)
print(a * 5)
try:
    a.p = 5
except TypeError as e:
    print("TypeError", e)
x = a
x *= 2
print(x)
