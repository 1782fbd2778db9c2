# Binary operators on instances whose class defines the method in Python:
# the eval loop runs a.__op__(b) as a frame of its own loop (inline_binop),
# and must then do everything binary_op would have done after it.
import sys


class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented

    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return V(self.x * k, self.y * k)

    def __radd__(self, o):
        return ("radd", o)

    def __repr__(self):
        return f"V({self.x}, {self.y})"


a, b = V(1, 2), V(10, 20)
print(a + b, a - b, a * 3, a + 0.5)
print(1 + a)                        # int.__add__ fails; V.__radd__
print(sum([a, b], V(0, 0)))         # the builtin sum through the same operator


# NotImplemented goes on to the right operand's reflected method.
class R:
    def __radd__(self, o):
        return ("R.__radd__", o)

    def __rsub__(self, o):
        return "R.__rsub__"


print(a + R())
try:
    a - R()                         # V.__sub__ raises before any NotImplemented
except AttributeError as e:
    print("AttributeError", e)


# NotImplemented with nothing reflected: TypeError naming both types.
class N:
    def __add__(self, o):
        return NotImplemented

    def __mul__(self, o):
        return NotImplemented


for expr in (lambda: N() + N(), lambda: N() * 2, lambda: N() + "s"):
    try:
        expr()
    except TypeError as e:
        print("TypeError", e)


# A subclass on the right with its own reflected method goes first.
class W(V):
    def __radd__(self, o):
        return "W.__radd__ first"


class W2(V):
    pass


class W3(V):
    __radd__ = V.__radd__


print(a + W(1, 1))
print(a + W2(1, 1))                 # inherits __radd__, same method: left goes first
print(a + W3(1, 1))                 # the same function under its own name: left first
print(W(1, 1) + a)                  # W's inherited __add__


# Methods with defaults, *args, keyword-only defaults, closures and cells.
def make(k):
    class C:
        def __init__(self, v):
            self.v = v

        def __add__(self, o, extra=0, *rest, scale=1):
            return C((self.v + o.v + extra) * scale * k)

        def __mul__(self, o):
            def inner():
                return self.v * o.v
            return C(inner())

        def __repr__(self):
            return f"C({self.v})"
    return C


C = make(2)
print(C(1) + C(2), C(3) * C(4))


# An exception inside the method unwinds through the caller's handler, with
# the operands still on the caller's stack; a finally in between runs.
class E:
    def __add__(self, o):
        return 1 / 0

    def __sub__(self, o):
        try:
            raise ValueError("from __sub__")
        finally:
            print("finally in __sub__")


def use(op):
    items = [E(), 1]
    try:
        return [x for x in (op(items[0], items[1]),)]
    except (ZeroDivisionError, ValueError) as e:
        return type(e).__name__ + ": " + str(e)


print(use(lambda p, q: p + q), use(lambda p, q: p - q))


# The result replaces both operands on the caller's stack, inside larger
# expressions, comprehensions, calls and nested operators.
vs = [V(i, -i) for i in range(5)]
acc = V(0, 0)
for v in vs:
    acc = acc + v * 2 - V(1, 1)
print(acc, [repr(v + v) for v in vs[:3]], max((v + a).x for v in vs))
print((a + b) + (b + a) * 2, str(a + b), f"{a * 2}")


# Recursion through an operator: a deep chain reaches RecursionError and
# the interpreter is fine afterwards.
class Deep:
    def __add__(self, o):
        return self + o


sys.setrecursionlimit(200)
try:
    Deep() + 1
except RecursionError:
    print("RecursionError")
sys.setrecursionlimit(1000)
print(a + b)


# A generator method is called, not run as a frame: its result is the
# generator object.
class G:
    def __add__(self, o):
        yield o


print(list(G() + 5))


# The class changes its operator after use: the cached lookup follows.
class M:
    def __add__(self, o):
        return "first"


m = M()
print(m + 1)
M.__add__ = lambda self, o: "second"
print(m + 1)


def third(self, o):
    return "third"


M.__add__ = third
print(m + 1)
del M.__add__
try:
    m + 1
except TypeError as e:
    print("TypeError", e)


# __add__ returning None, another instance's NotImplemented, and operands
# that are the same object.
class Z:
    def __add__(self, o):
        return None


z = Z()
print(z + z, z + 1)
print(type(NotImplemented).__name__)


# In-place operators: without __iop__ the forward method runs (as a frame);
# with one, it comes first; NotImplemented from either goes on.
class P:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        if isinstance(o, P):
            return P(self.v + o.v)
        return NotImplemented

    def __sub__(self, o):
        return NotImplemented

    def __repr__(self):
        return f"P({self.v})"


class RS:
    def __rsub__(self, o):
        return "RS.__rsub__"


p = P(1)
q = p
p += P(2)
print(p, q, p is q)
p -= RS()
print(p)
p = P(1)
try:
    p += 5
except TypeError as e:
    print("TypeError", e)
try:
    p -= 5
except TypeError as e:
    print("TypeError", e)
acc = P(0)
for i in range(5):
    acc += P(i)
print(acc)


class Q(P):
    def __iadd__(self, o):
        if o == "no":
            return NotImplemented
        self.v += 100
        return self


x = Q(1)
y = x
x += P(1)
print(x, x is y)
x += "no" if False else P(2)
print(x)
try:
    x += "no"
except TypeError as e:
    print("TypeError", e)

# __iadd__ added to the class after += ran without it; then removed again.
r = P(1)
r += P(1)
print(r)
P.__iadd__ = lambda self, o: "P.__iadd__"
r += P(1)
print(r)
del P.__iadd__
r = P(5)
r += P(1)
print(r)


# Rich comparisons run as frames the same way: NotImplemented goes on to
# the reflected method, then (== and !=) to identity, else TypeError.
class K:
    def __init__(self, k):
        self.k = k

    def __eq__(self, o):
        if isinstance(o, K):
            return self.k == o.k
        return NotImplemented

    def __lt__(self, o):
        if isinstance(o, K):
            return self.k < o.k
        return NotImplemented

    def __gt__(self, o):
        return NotImplemented

    def __le__(self, o):
        return "not a bool"

    def __hash__(self):
        return hash(self.k)


class KR:
    def __gt__(self, o):
        return "KR.__gt__ reflected"

    def __eq__(self, o):
        return "KR.__eq__ reflected"


k1, k2 = K(1), K(2)
print(k1 == K(1), k1 != K(1), k1 == k2, k1 != k2, k1 < k2, k2 < k1)
print(k1 == 5, k1 != 5, k1 == k1, k1 < KR(), k1 == KR())
print(k1 <= k2, "yes" if k1 < k2 else "no", [k < k2 for k in (k1, k2)])
print(sorted([K(3), K(1), K(2)], key=lambda k: k.k)[0].k, max(K(3), K(5), K(4)).k)
for expr in (lambda: k1 > k2, lambda: k1 < 3, lambda: k1 >= k2):
    try:
        print(expr())
    except TypeError as e:
        print("TypeError", e)


class K2(K):
    def __gt__(self, o):
        return "K2.__gt__ first"


print(k1 < K2(0), K2(0) > k1)
while_count = 0
x = K(0)
while x < K(3):
    x = K(x.k + 1)
    while_count += 1
print(while_count)


# Unary minus runs __neg__ as a frame: its result is the expression's,
# whatever it is.
class Neg:
    def __init__(self, v):
        self.v = v

    def __neg__(self):
        return Neg(-self.v) if self.v != 99 else NotImplemented

    def __repr__(self):
        return f"Neg({self.v})"


n = Neg(3)
print(-n, -(-n), [-Neg(i) for i in range(3)], -Neg(99))


class NegRaises:
    def __neg__(self):
        raise KeyError("neg")


try:
    -NegRaises()
except KeyError as e:
    print("KeyError", e)
try:
    -R()
except TypeError as e:
    print("TypeError", e)
