# Attribute caches keep a class attribute with the type's version tag
# (runtime/attr_cache.hpp): every way a class attribute can change must be
# seen by a site that has already cached it, on the class, a base, or a
# sibling, for methods, plain values, properties and built-in methods.


class Base:
    k = 1
    label = "base"

    def f(self):
        return "Base.f"

    @property
    def p(self):
        return "Base.p"

    @p.setter
    def p(self, v):
        self.seen = ("Base.p=", v)


class Mid(Base):
    pass


class Leaf(Mid):
    def g(self):
        return "Leaf.g"


def read(o):
    # One site per kind, each run several times so that it is cached.
    return (o.f(), o.k, o.p, type(o).k, type(o).label, o.label)


def show(tag, o):
    rows = {read(o) for _ in range(4)}
    assert len(rows) == 1, rows
    print(tag, rows.pop())


x = Leaf()
show("start", x)
Base.f = lambda self: "new Base.f"
show("Base.f rebound", x)
Mid.f = lambda self: "Mid.f"
show("Mid.f shadows", x)
del Mid.f
show("Mid.f deleted", x)
Base.k = 2
show("Base.k", x)
Leaf.k = 3
show("Leaf.k", x)
del Leaf.k
show("Leaf.k deleted", x)
setattr(Mid, "label", "mid")
show("setattr Mid.label", x)
Base.p = property(lambda self: "new Base.p")
show("Base.p rebound", x)
x.f = lambda: "instance f"
show("instance f", x)
del x.f
show("instance f deleted", x)

# A property's setter, cached, then replaced by a plain class attribute.
def store(o, v):
    o.p = v
for i in range(3):
    y = Mid()
    Mid.p = property(lambda self: "Mid.p", lambda self, v: setattr(self, "seen", ("Mid.p=", v)))
    store(y, i)
    print("setter", y.seen)
Mid.p = None
store(y, 9)
print("plain after property", y.__dict__["p"] if "p" in y.__dict__ else None, y.p)

# One site, more classes than it has ways: each keeps its own answer.
def make_class(i):
    class C(Base):
        v = i * 10

        def m(self):
            return i
    return C
classes = [make_class(i) for i in range(7)]
objs = [c() for c in classes]
for rnd in range(3):
    print("round", rnd, [(o.m(), o.v, o.f()) for o in objs])
    classes[rnd].m = lambda self, rnd=rnd: -rnd - 100
    classes[rnd + 3].v = "changed %d" % rnd

# Classes made and dropped in a loop: their tags are never reused.
def fresh(n):
    class T:
        def who(self):
            return n
    return T()
print([fresh(i).who() for i in range(20)])

# Built-in methods through one site, while the receivers' types vary.
items = [[3, 1, 2], "abc", {"a": 1}, (1, 2), [5]]
def count_of(o):
    return len(o.keys()) if isinstance(o, dict) else o.count("a" if isinstance(o, str) else 1)
print([count_of(o) for o in items * 3])

# Class attributes that are not objects (ints, None, floats, bools).
class Consts:
    A = 1
    B = None
    C = 2.5
    D = True
def consts(o):
    return (o.A, o.B, o.C, o.D, Consts.A)
c = Consts()
print([consts(c) for _ in range(3)])
Consts.A = 10
Consts.C = -1.5
print(consts(c))
