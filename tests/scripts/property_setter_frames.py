# Property setters written in Python run as frames of the eval loop
# (STORE_ATTR, FrameReturn::kDiscard): the return value is dropped, the
# instance and the value reach the setter in order, and errors, recursion
# and replaced properties behave as with a call.
import sys


class Account:
    def __init__(self, balance):
        self._balance = 0
        self.balance = balance        # through the setter

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError(f"negative balance {value}")
        self._balance = value
        return "ignored"              # a setter's result is dropped


a = Account(10)
a.balance = 25
print(a.balance, a._balance)
for amount in (5, -1, 7):
    try:
        a.balance = amount
        print("set", a.balance)
    except ValueError as e:
        print("ValueError", e)


# A chain: the setter stores through another property.
class Temperature:
    def __init__(self):
        self._c = 0.0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        self._c = float(v)

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, v):
        self.celsius = (v - 32) * 5 / 9


t = Temperature()
t.fahrenheit = 212
print(t.celsius, t.fahrenheit)
temps = [Temperature() for _ in range(3)]
for i, x in enumerate(temps):
    x.celsius = i * 10
print([x.fahrenheit for x in temps])


# Setters with defaults, a lambda, a generator function (called, not run),
# and a read-only property.
def lenient(self, v, scale=2):
    self._v = v * scale


def gen_setter(self, v):
    self._g = v
    yield


class Misc:
    v = property(lambda self: self._v, lenient)
    w = property(lambda self: self._w, lambda self, v: setattr(self, "_w", v + 1))
    g = property(lambda self: getattr(self, "_g", "unset"), gen_setter)
    r = property(lambda self: "read-only")


m = Misc()
m.v = 4
m.w = 4
m.g = 4
print(m.v, m.w, m.g, m.r)
try:
    m.r = 1
except AttributeError as e:
    print("AttributeError", "can't set" in str(e) or "has no setter" in str(e))


# Recursion through a setter that sets itself.
class Loop:
    @property
    def x(self):
        return 0

    @x.setter
    def x(self, v):
        self.x = v + 1


sys.setrecursionlimit(150)
try:
    Loop().x = 0
except RecursionError:
    print("RecursionError")
sys.setrecursionlimit(1000)


# The property replaced on the class after the site has run.
class Swap:
    @property
    def p(self):
        return self._p

    @p.setter
    def p(self, v):
        self._p = ("first", v)


s = Swap()
for i in range(3):
    s.p = i
    print(s.p)
    if i == 1:
        Swap.p = property(Swap.p.fget, lambda self, v: setattr(self, "_p", ("second", v)))
del Swap.p
s.p = "plain"
print(s.p, s.__dict__["p"])
