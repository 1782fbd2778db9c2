# __slots__: only the named attributes may be set, instances have no
# __dict__ (unless a class in the hierarchy gives them one), unset slots read
# as AttributeError, and the class statement checks the declaration.


def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", r)
    except (AttributeError, TypeError, ValueError) as e:
        print(label, "->", type(e).__name__ + ":", e)


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p.x, p.y, p.norm1(), Point.__slots__)
p.x = 10
print(p.x, getattr(p, "y"), hasattr(p, "z"), hasattr(p, "__dict__"))


def set_z():
    p.z = 1


attempt("set z", set_z)
attempt("setattr z", lambda: setattr(p, "z", 2))
attempt("p.__dict__", lambda: p.__dict__)
attempt("vars(p)", lambda: vars(p))
print(sorted(n for n in dir(p) if not n.startswith("__")))


# Unset slots, and del.
class P:
    __slots__ = ("x",)


q = P()
attempt("unset x", lambda: q.x)
attempt("getattr default", lambda: getattr(q, "x", "default"))
q.x = 5
print(q.x)
del q.x
attempt("after del", lambda: q.x)


def del_x():
    del q.x


def del_y():
    del q.y


attempt("del unset x", del_x)
attempt("del y", del_y)
attempt("delattr y", lambda: delattr(q, "y"))
q.x = [1, 2]
q.x.append(3)
print(q.x)


# A single string names one slot; a list works too.
class One:
    __slots__ = "value"


class Listed:
    __slots__ = ["a", "b"]
    kind = "listed"

    def method(self):
        return "method"


o = One()
o.value = "v"
print(o.value)
attempt("One.valu", lambda: setattr(o, "valu", 1))
l = Listed()
l.a, l.b = 1, 2
print(l.a, l.b, l.kind, l.method())


def set_kind():
    l.kind = "mine"


def set_method():
    l.method = None


def del_kind():
    del l.kind


attempt("set class var", set_kind)
attempt("set method", set_method)
attempt("del class var", del_kind)
print(l.kind, Listed.kind)
Listed.kind = "changed"
print(l.kind)


# Inheritance: a subclass without __slots__ gets a __dict__ again, and slot
# values do not show up in it.
class Base:
    __slots__ = ("x",)


class Free(Base):
    pass


f = Free()
f.x = 1
f.y = 2
f.z = 3
print(f.x, f.y, vars(f), f.__dict__ is vars(f))
print(sorted(n for n in dir(f) if not n.startswith("__")))
del f.y
print(vars(f))
attempt("Free del x twice", lambda: (delattr(f, "x"), delattr(f, "x")))
f.__dict__["w"] = 9
print(f.w)


# A subclass with __slots__ adds its own to the base's.
class Base3(Base):
    __slots__ = ("y", "z")


b3 = Base3()
b3.x, b3.y, b3.z = "x", "y", "z"
print(b3.x, b3.y, b3.z)
attempt("Base3 w", lambda: setattr(b3, "w", 1))
attempt("vars(b3)", lambda: vars(b3))
print(isinstance(b3, Base), sorted(n for n in dir(b3) if not n.startswith("__")))


# Empty __slots__ in a subclass of a slotted class: still no __dict__.
class Empty(Base):
    __slots__ = ()


e = Empty()
e.x = 0
attempt("Empty y", lambda: setattr(e, "y", 1))


# "__dict__" in __slots__ brings the dict back.
class WithDict:
    __slots__ = ("a", "__dict__")


w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, vars(w))


# Slots below a class that already has a __dict__.
class Plain:
    pass


class SlotsOnPlain(Plain):
    __slots__ = ("s",)


sp = SlotsOnPlain()
sp.s = "slot"
sp.t = "dict"
print(sp.s, sp.t, vars(sp))


# Private names are mangled.
class Private:
    __slots__ = ("__secret",)

    def __init__(self):
        self.__secret = 42

    def reveal(self):
        return self.__secret


pr = Private()
print(pr.reveal(), pr._Private__secret)
attempt("unmangled", lambda: pr.__secret)


# Properties, class attributes and methods live beside slots.
class Temp:
    __slots__ = ("_c",)
    unit = "C"

    def __init__(self, c):
        self._c = c

    @property
    def f(self):
        return self._c * 9 / 5 + 32

    @f.setter
    def f(self, value):
        self._c = (value - 32) * 5 / 9

    @classmethod
    def make(cls):
        return cls(100)

    @staticmethod
    def helper():
        return "static"


t = Temp.make()
print(t.f, t.unit, Temp.helper(), t.helper())
t.f = 32
print(t._c)


# __setattr__ / __getattr__ with slots.
class Logged:
    __slots__ = ("a",)

    def __setattr__(self, name, value):
        print("setting", name)
        object.__setattr__(self, name, value)

    def __getattr__(self, name):
        return "missing " + name


lg = Logged()
print(lg.a)
lg.a = 1
print(lg.a)
attempt("Logged b", lambda: setattr(lg, "b", 2))
print(lg.b)


class Child(Logged):
    __slots__ = ("b",)

    def __init__(self):
        super().__setattr__("b", "via super")


print(Child().b)


# Many instances, references between them (the cycle collector sees slots).
class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt


head = None
for i in range(5):
    head = Node(i, head)
a, b = Node("a"), Node("b")
a.next, b.next = b, a
vals = []
n = head
while n is not None:
    vals.append(n.value)
    n = n.next
print(vals, a.next.next is a)
del a, b


# Errors in the class statement.
def bad_class(label, make):
    try:
        make()
        print(label, "-> ok")
    except (TypeError, ValueError) as e:
        print(label, "->", type(e).__name__ + ":", e)


def conflict():
    class C:
        __slots__ = ("x",)
        x = 1


def conflict_method():
    class C:
        __slots__ = ["run"]

        def run(self):
            pass


def conflict_mangled():
    class C:
        __slots__ = ("__x",)
        _C__x = 1


def not_identifier():
    class C:
        __slots__ = ("1x",)


def not_string():
    class C:
        __slots__ = ("a", 2)


def not_iterable():
    class C:
        __slots__ = 3


def dict_twice():
    class C:
        __slots__ = ("__dict__", "__dict__")


def dict_on_plain():
    class C(Plain):
        __slots__ = ("__dict__",)


def weakref_twice():
    class C:
        __slots__ = ("__weakref__",)

    class D(C):
        __slots__ = ("__weakref__",)


def duplicate():
    class C:
        __slots__ = ("x", "x")

    c = C()
    c.x = 1
    return c.x


def from_dict_keys():
    class C:
        __slots__ = {"k1": "doc", "k2": "doc"}

    c = C()
    c.k1 = 1
    c.k2 = 2
    return c.k1 + c.k2


bad_class("conflict", conflict)
bad_class("conflict method", conflict_method)
bad_class("conflict mangled", conflict_mangled)
bad_class("not identifier", not_identifier)
bad_class("not string", not_string)
bad_class("not iterable", not_iterable)
bad_class("__dict__ twice", dict_twice)
bad_class("__dict__ on plain", dict_on_plain)
bad_class("__weakref__ twice", weakref_twice)
bad_class("duplicate", duplicate)
bad_class("dict keys", from_dict_keys)
print(duplicate(), from_dict_keys())

# Uncaught: the message CPython prints.
p.colour = "red"
