# Instance attributes kept inline (runtime/instance_attrs.hpp) must behave
# exactly like a __dict__: insertion order, deletion and re-adding, __dict__
# identity and writes through it, names that are not interned, more
# attributes than fit inline, instances that add attributes in another order
# than their class's first instances, and the cycle collector.
import gc
import threading


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y


pts = [Point(i, -i) for i in range(200)]
print("sum", sum(p.norm2() for p in pts))

# Order: vars() lists attributes in insertion order, also after a deletion.
p = pts[1]
p.z = 3
print(vars(p))
del p.x
print(vars(p), hasattr(p, "x"))
p.x = 10
print(vars(p), p.norm2())

# Another order than the class's usual one.
q = Point.__new__(Point)
q.y = 1
q.x = 2
print(vars(q), q.norm2())
q2 = Point.__new__(Point)
q2.x = 5
q2.w = 6
q2.y = 7
print(vars(q2), q2.norm2())

# Deleting what is not there is an AttributeError and changes nothing.
r = pts[2]
try:
    del r.missing
except AttributeError as e:
    print("AttributeError", e)
print(vars(r))

# __dict__ is the attributes themselves: writes go both ways, it stays the same object.
s = pts[3]
d = s.__dict__
print(d is s.__dict__, d is vars(s))
d["extra"] = 42
print(s.extra)
s.later = 7
print(d["later"], sorted(d))
d.clear()
print(hasattr(s, "x"), vars(s))

# Replacing __dict__.
t = pts[4]
t.__dict__ = {"x": 3, "y": 4, "k": 5}
print(t.norm2(), t.k, vars(t))

# Names that are not interned (built at run time), getattr/setattr/delattr.
u = pts[5]
name = "".join(["dyn", "amic"])
setattr(u, name, 1)
setattr(u, "x", 99)
print(getattr(u, "dyn" + "amic"), u.dynamic, u.x, vars(u))
delattr(u, "dyn" + "amic")
print(vars(u))


# More attributes than fit inline.
class Wide:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a%d" % i, i)


w = Wide(40)
print(len(vars(w)), w.a0, w.a39, sum(getattr(w, "a%d" % i) for i in range(40)))
w2 = Wide(3)
print(vars(w2))


# A class whose __init__ sets its attributes only sometimes.
class Maybe:
    def __init__(self, flag):
        self.a = 1
        if flag:
            self.b = 2
        self.c = 3


ms = [Maybe(i % 2 == 0) for i in range(6)]
print([vars(m) for m in ms])
print([m.c for m in ms], [hasattr(m, "b") for m in ms])


# Subclasses add to what the base's __init__ stores.
class Base:
    def __init__(self):
        self.one = 1
        self.two = 2


class Derived(Base):
    def __init__(self):
        super().__init__()
        self.three = 3

    def total(self):
        return self.one + self.two + self.three


ds = [Derived() for _ in range(5)]
print(vars(ds[0]), sum(x.total() for x in ds))


# No attributes at all, and attributes added from outside.
class Empty:
    pass


es = [Empty() for _ in range(4)]
es[0].a = 1
es[1].b = 2
es[2].a = 3
es[2].b = 4
print([vars(e) for e in es])


# An attribute shadowing a method, on some instances only.
class Shadow:
    def __init__(self):
        self.v = 1

    def f(self):
        return "method"


s1, s2 = Shadow(), Shadow()
s2.f = lambda: "attribute"
print(s1.f(), s2.f())
del s2.f
print(s2.f())

# Cycles through inline values are collected.
gc.collect()


class Node:
    def __init__(self):
        self.other = None
        self.me = self


a, b = Node(), Node()
a.other, b.other = b, a
del a, b
print("collected", gc.collect() >= 2)

# Threads setting their own attributes on one shared instance: none lost.
shared = Empty()


def worker(k):
    for i in range(200):
        setattr(shared, "t%d_%d" % (k, i % 10), i)


ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for th in ts:
    th.start()
for th in ts:
    th.join()
print(len(vars(shared)), sorted(vars(shared).items())[:3])
