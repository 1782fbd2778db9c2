# Class calls whose __init__ the eval loop enters as an ordinary frame
# (inline_init in runtime/classes.hpp, do_call in vm/eval_loop.hpp) and the
# ones it leaves to construct(): defaults and keywords, super().__init__,
# an __init__ that returns a value, raises, rebinds self, is a generator or
# has cells; a custom __new__, no __init__, __slots__, a class reached as an
# attribute (CALL_METHOD's empty slot), deep and runaway recursion through
# __init__, and class calls inside comprehensions, generators and lists.
class A:
    def __init__(self, x, y=2, *, z=3):
        self.x = x; self.y = y; self.z = z
class B(A):
    def __init__(self, x):
        super().__init__(x, z=9)
class Bad:
    def __init__(self):
        return 5
class Raiser:
    def __init__(self, n):
        if n: raise ValueError(n)
        self.n = n
class Rebind:
    def __init__(self, v):
        self = v
class Gen:
    def __init__(self):
        yield 1
class New:
    def __new__(cls, *a):
        o = object.__new__(cls); o.tag = "new"; return o
    def __init__(self, a):
        self.a = a
class NoInit: pass
class Slot:
    __slots__ = ("p", "q")
    def __init__(self, p): self.p = p; self.q = p * 2
class Cells:
    def __init__(self, v):
        self.f = lambda: v
a = A(1); print(a.x, a.y, a.z)
a = A(1, 5, z=7); print(a.x, a.y, a.z)
a = A(x=4); print(a.x, a.y, a.z)
print(B(3).__dict__)
try: Bad()
except TypeError as e: print("TE", e)
for n in (0, 1):
    try: print(Raiser(n).n)
    except ValueError as e: print("VE", e)
print(type(Rebind(3)).__name__)
try: Gen()
except TypeError as e: print("TE", e)
n = New(5); print(n.tag, n.a)
try: NoInit(1)
except TypeError as e: print("TE", e)
print(type(NoInit()).__name__)
s = Slot(4); print(s.p, s.q)
print(Cells(7).f())
try: A()
except TypeError as e: print("TE", e)
try: A(1, 2, 3)
except TypeError as e: print("TE", e)
import sys
class Deep:
    def __init__(self, n):
        self.c = Deep(n - 1) if n else None
d = Deep(200); k = 0
while d: d = d.c; k += 1
print(k)
class R:
    def __init__(self): R()
try: R()
except RecursionError: print("RecursionError")
class M:
    def m(self): return 1

class Holder:
    Inner = A
h = Holder()
print(h.Inner(8).x, Holder.Inner(9).y)
lst = [A(i).x for i in range(5)]; print(lst)
def g():
    yield A(10).x
    yield B(11).z
print(list(g()))
try:
    x = [1, A(), 3]
except TypeError as e: print("TE", e)
class WithCls:
    def __init__(self, *args, **kw): self.args = args; self.kw = kw
w = WithCls(1, 2, k=3); print(w.args, w.kw)
class E(Exception):
    def __init__(self, m): super().__init__(m); self.m = m
print(repr(E("hi")), E("x").m)
