# Attribute caches (LOAD_ATTR / STORE_ATTR / LOAD_METHOD inline caches and
# type version tags) must never return a stale answer. Each helper below is
# one code site that runs many times, so its cache is warm before the class,
# instance or module it reads is changed; it must see the change at once.
# (Assigning __class__ is not supported by lockvm, so it is not tested.)
import attr_cache_helper as helper


def show(label, value):
    print(label, value)


# ---- one site per kind of access --------------------------------------------------

def get_x(o):
    return o.x


def get_m(o):
    return o.m()


def get_attr_m(o):
    return o.m


def set_x(o, v):
    o.x = v


def class_x(cls):
    return cls.x


def call_class_m(cls):
    return cls.m()


def warm(fn, *args):
    r = None
    for _ in range(20):
        r = fn(*args)
    return r


# ---- a method changed on the class after calls ------------------------------------

class A:
    x = "class x"

    def m(self):
        return "A.m"


a = A()
show("method before", warm(get_m, a))
A.m = lambda self: "replaced A.m"
show("method after replace", warm(get_m, a))
del A.m
try:
    get_m(a)
except AttributeError as e:
    show("method deleted", e)
A.m = lambda self: "A.m again"
show("method re-added", warm(get_m, a))

# ---- a class attribute changed, read through instances and the class ------------------

show("class attr via instance", warm(get_x, a))
show("class attr via class", warm(class_x, A))
A.x = "new class x"
show("changed via instance", get_x(a))
show("changed via class", class_x(A))
a.x = "instance x"
show("instance shadows class attr", warm(get_x, a))
show("class still", class_x(A))
del a.x
show("instance attr deleted", warm(get_x, a))
del A.x
try:
    get_x(a)
except AttributeError as e:
    show("class attr deleted", e)
try:
    class_x(A)
except AttributeError as e:
    show("class attr deleted (class)", e)

# ---- an instance attribute that shadows a method, then goes away ---------------------

b = A()
show("plain method", warm(get_m, b))
b.m = lambda: "instance callable"
show("shadowed by instance attr", warm(get_m, b))
show("other instance unaffected", get_m(A()))
del b.m
show("shadow removed", warm(get_m, b))
b.__dict__["m"] = lambda: "via __dict__"
show("shadowed through __dict__", get_m(b))
b.__dict__.clear()
show("__dict__ cleared", get_m(b))

# ---- a monkey-patched method on one instance ---------------------------------------


class Counter:
    def __init__(self):
        self.n = 0

    def m(self):
        self.n += 1
        return self.n


c1, c2 = Counter(), Counter()
warm(get_m, c1)
other = Counter()
c1.m = other.m  # a bound method of another instance
for _ in range(5):
    get_m(c1)
show("patched instance", (c1.n, other.n))
show("unpatched instance", warm(get_m, c2))

# ---- properties ------------------------------------------------------------------------


class P:
    def __init__(self):
        self._x = 1

    @property
    def x(self):
        return ("prop", self._x)

    @x.setter
    def x(self, v):
        self._x = v * 10


p = P()
show("property get", warm(get_x, p))
warm(set_x, p, 3)
show("property set", get_x(p))
P.x = property(lambda self: "new getter")
show("property replaced", warm(get_x, p))
try:
    set_x(p, 5)
except AttributeError as e:
    show("no setter now", type(e).__name__)
del P.x
try:
    get_x(p)
except AttributeError as e:
    show("property deleted", e)
p.__dict__["x"] = "plain now"
show("instance value after property", warm(get_x, p))


class Q:
    pass


q = Q()
warm(set_x, q, 7)
show("instance value", warm(get_x, q))
# A property added to the class takes precedence over the instance dict, for
# reads and for writes.
Q.x = property(lambda self: "property wins", lambda self, v: show("setter called with", v))
show("property added later", get_x(q))
set_x(q, 8)
show("instance dict untouched", q.__dict__["x"])
del Q.x
show("property removed again", get_x(q))


class Raises:
    @property
    def x(self):
        raise ValueError("getter failed")


try:
    warm(get_x, Raises())
except ValueError as e:
    show("getter raised", e)


# ---- inheritance: a base changed after a subclass's lookups were cached ------------------

class Base:
    def m(self):
        return "Base.m"

    def other(self):
        return "Base.other"


class Mid(Base):
    pass


class Leaf(Mid):
    def get_other(self):
        return self.other()


leaf = Leaf()
show("inherited", warm(get_m, leaf))
show("inherited via self", warm(Leaf.get_other, leaf))
Base.m = lambda self: "new Base.m"
show("base replaced", warm(get_m, leaf))
Mid.m = lambda self: "Mid.m"
show("middle class overrides", warm(get_m, leaf))
Base.m = lambda self: "Base.m third"
show("base changed under override", warm(get_m, leaf))
del Mid.m
show("override removed", warm(get_m, leaf))
Base.other = lambda self: "Base.other changed"
show("via self after base change", leaf.get_other())
Base.x = "Base.x"
show("base attr via leaf", warm(get_x, leaf))
show("base attr via leaf class", warm(class_x, Leaf))
Mid.x = "Mid.x"
show("mid attr via leaf", get_x(leaf))
show("mid attr via leaf class", class_x(Leaf))
leaf.x = "leaf instance x"
show("leaf instance", get_x(leaf))


class Sub2(Base):
    def m(self):
        return "Sub2.m"


# A site that sees several classes: more than the cache holds at once.
def make_poly(i):
    class Poly(Base):
        def m(self):
            return "poly %d" % i
    return Poly


polys = [make_poly(i)() for i in range(7)] + [leaf, Sub2(), Base()]
for round_ in range(3):
    print("poly round", round_, [get_m(o) for o in polys])
type(polys[2]).m = lambda self: "poly 2 changed"
print("poly changed", [get_m(o) for o in polys])


# ---- class-level counters changed by every constructor ----------------------------------

class Account:
    opened = 0

    def __init__(self):
        Account.opened += 1
        self.number = Account.opened

    def num(self):
        return self.number


class Savings(Account):
    def __init__(self):
        super().__init__()
        self.rate = 3


accts = []
for i in range(10):
    accts.append(Savings() if i % 2 else Account())
print("accounts", [x.num() for x in accts], Account.opened, Savings.opened)


# ---- many instances with different attribute insertion orders ---------------------------

class Bag:
    pass


def fill(order):
    o = Bag()
    for k in order:
        setattr(o, k, k.upper())
    return o


def read_all(o):
    return (o.x, o.y, o.z)


def write_x(o, v):
    o.x = v


orders = ["xyz", "zyx", "yxz", "zxy", "xzy", "yzx"]
bags = [fill(order) for order in orders * 3]
print("orders", [read_all(o) for o in bags])
for i, o in enumerate(bags):
    write_x(o, i)
print("written", [o.x for o in bags])
for o in bags[::2]:
    del o.y
    o.y = "again"
print("deleted and re-added", [read_all(o) for o in bags][:6])
print("dict order", list(bags[0].__dict__), list(bags[1].__dict__))


# ---- __getattr__ fallbacks ----------------------------------------------------------------

class Fallback:
    def __getattr__(self, name):
        return "fallback " + name


fb = Fallback()
show("missing uses __getattr__", warm(get_x, fb))
fb.x = "real x"
show("real attribute wins", warm(get_x, fb))
del fb.x
show("fallback again", get_x(fb))
Fallback.x = "class x"
show("class attr wins", get_x(fb))
del Fallback.x


class Late:
    pass


late = Late()
try:
    warm(get_x, late)
except AttributeError as e:
    show("no attribute", e)
Late.__getattr__ = lambda self, name: "late " + name
show("__getattr__ added later", get_x(late))


# ---- __setattr__ added after stores were cached -------------------------------------------

class Store:
    pass


st = Store()
warm(set_x, st, 1)
show("plain store", st.x)
Store.__setattr__ = lambda self, name, v: object.__setattr__(self, name, ("wrapped", v))
set_x(st, 2)
show("custom __setattr__", st.x)
del Store.__setattr__
set_x(st, 3)
show("plain again", st.x)


# ---- __slots__ ----------------------------------------------------------------------------

class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x

    def m(self):
        return "Slotted.m"


s = Slotted(5)
show("slot read", warm(get_x, s))
warm(set_x, s, 6)
show("slot write", get_x(s))
show("slot method", warm(get_m, s))
del s.x
try:
    get_x(s)
except AttributeError as e:
    show("slot deleted", e)
try:
    s.z = 1
except AttributeError as e:
    show("no such slot", e)


class SlottedWithDict(Slotted):
    pass


sd = SlottedWithDict(1)
show("subclass slot read", get_x(sd))
show("subclass method", warm(get_m, sd))
sd.m = lambda: "instance m in __dict__"
show("shadowed in __dict__", warm(get_m, sd))
show("attr load shadowed", get_attr_m(sd)())
del sd.m
show("unshadowed", get_m(sd))
sd.extra = "extra"
show("dict attr", sd.__dict__)


# ---- static and class methods, through instances and the class ---------------------------

class Methods:
    @staticmethod
    def m():
        return "static"

    def plain(self):
        return "plain"


mo = Methods()
show("staticmethod via instance", warm(get_m, mo))
show("staticmethod via class", warm(call_class_m, Methods))
Methods.m = classmethod(lambda cls: "classmethod of " + cls.__name__)
show("classmethod via instance", get_m(mo))
show("classmethod via class", call_class_m(Methods))
Methods.m = lambda self: "plain function"
show("plain via instance", get_m(mo))
show("plain via class", Methods.m(mo))
Methods.m = 42
try:
    get_m(mo)
except TypeError as e:
    show("not callable", e)
show("bound method object", warm(get_attr_m, Methods()) is not None)


# ---- module attributes ---------------------------------------------------------------------

def mod_value():
    return helper.value


def mod_call():
    return helper.func()


show("module value", warm(mod_value))
show("module call", warm(mod_call))
helper.value = "changed"
helper.func = lambda: "new func"
show("module value changed", mod_value())
show("module call changed", mod_call())
del helper.value
try:
    mod_value()
except AttributeError as e:
    show("module attr deleted", e)
helper.value = "back"
show("module value back", warm(mod_value))


# ---- built-in method calls through one site -----------------------------------------------

def count_one(seq):
    return seq.count(1)


print("builtin receivers", [count_one(x) for x in ([1, 1, 2], (1, 2, 1, 1), [], (1,), [1, 1, 1, 1], (2,))])


def upper(s):
    return s.upper()


print("str methods", [upper(x) for x in ["ab", "cd", "ef"]])
try:
    upper(5)
except AttributeError as e:
    show("int has no upper", e)


# ---- the class body's namespace is not the class dict -------------------------------------

class Body:
    ns = locals()

    def m(self):
        return "Body.m"


bo = Body()
warm(get_m, bo)
Body.ns["m"] = lambda self: "through the namespace"
show("namespace change does not reach the class", get_m(bo))
show("has extra", hasattr(Body, "extra_name"))


# ---- exceptions keep the generic path ------------------------------------------------------

class MyError(Exception):
    def __init__(self, x):
        super().__init__(x)
        self.x = x


errs = [MyError(i) for i in range(5)]
print("exception attrs", [get_x(e) for e in errs], [e.args for e in errs])


# ---- super() calls, and bound methods called through LOAD_METHOD/CALL_METHOD ----------------

class Root:
    def __init__(self):
        super().__init__()
        self.log = []

    def hello(self, who):
        return "Root hello " + who

    @classmethod
    def make(cls):
        return cls.__name__

    def __repr__(self):
        return "<" + type(self).__name__ + ">"


class Child(Root):
    def __init__(self):
        super().__init__()
        self.log.append("child")

    def hello(self, who):
        return "Child+" + super().hello(who)

    @classmethod
    def make(cls):
        return "Child+" + super().make()

    def text(self):
        return super().__repr__() + "/" + super().__str__()


ch = Child()
print("super calls", [ch.hello(str(i)) for i in range(3)], ch.log)
print("super classmethod", [Child.make(), ch.make()])
print("super native", ch.text())
Root.hello = lambda self, who: "patched Root hello " + who
print("super after base change", ch.hello("x"))
del Root.hello
try:
    ch.hello("y")
except AttributeError as e:
    show("super method deleted", e)

holder = Root()
holder.cb = ch.text  # a bound method stored on an instance
holder.cm = Child.make  # a classmethod bound to the class
print("bound methods", [holder.cb() for _ in range(2)], [holder.cm() for _ in range(2)])
print("builtin bound", [holder.log.append(i) for i in range(2)], holder.log)


# ---- property setters and slotted stores -------------------------------------------------------

class Temp:
    __slots__ = ("_c",)

    def __init__(self):
        self._c = 0

    @property
    def c(self):
        return self._c

    @c.setter
    def c(self, v):
        self._c = v + 0.5


def set_c(o, v):
    o.c = v


tp = Temp()
for i in range(20):
    set_c(tp, i)
show("setter through cache", tp.c)
Temp.c = property(Temp.c.fget)  # no setter any more
try:
    set_c(tp, 1)
except AttributeError as e:
    show("setter removed", type(e).__name__)
Temp.c = property(Temp.c.fget, lambda self, v: setattr(self, "_c", -v))
set_c(tp, 4)
show("new setter", tp.c)
try:
    tp.other = 1
except AttributeError as e:
    show("slotted store", e)


# ---- classes that come and go: a base changed after its subclasses were freed ----------------

import gc


def churn(rounds):
    out = []
    for r in range(rounds):
        class Base2:
            def m(self):
                return "base"

        class Sub(Base2):
            pass

        class SubSub(Sub):
            def other(self):
                return self.m()

        objs = [SubSub() for _ in range(3)] + [Sub()]
        out.append([get_m(o) for o in objs])
        if r % 2:
            del objs, SubSub
            gc.collect()
            Base2.m = lambda self: "changed after subclass freed"
            out.append(get_m(Sub()))
        else:
            Base2.m = lambda self: "changed with subclasses alive"
            out.append([get_m(o) for o in objs])
    return out


res = churn(6)
print("churn", res[:3], len(res))
gc.collect()
print("churn again", churn(2)[-1])


# ---- method shadowing on instances with many attributes ----------------------------
# LOAD_METHOD asks whether the instance dict lacks the method's name through a
# 64-bit summary of the dict's key hashes (a clear bit: absent). The summary
# must never claim absence for a key that is there, however the key got in
# and whatever the dict held before.

class Wide:
    def m(self):
        return "class m"


def fill(o, n):
    for i in range(n):
        setattr(o, "a%d" % i, i)


w = Wide()
fill(w, 60)   # most of the 64 bits set
show("wide, plain", warm(get_m, w))
w.m = lambda: "wide shadow"
show("wide, shadowed", warm(get_m, w))
del w.m
show("wide, unshadowed", warm(get_m, w))

for how in ("setattr", "dict item", "update", "setdefault", "new dict", "copy back"):
    o = Wide()
    fill(o, 5)
    warm(get_m, o)
    f = lambda: "shadow by " + how
    if how == "setattr":
        setattr(o, "m", f)
    elif how == "dict item":
        o.__dict__["m"] = f
    elif how == "update":
        vars(o).update(m=f)
    elif how == "setdefault":
        o.__dict__.setdefault("m", f)
    elif how == "new dict":
        o.__dict__ = {"m": f, "a0": 0}
    else:
        d = dict(o.__dict__)
        d["m"] = f
        o.__dict__.clear()
        o.__dict__.update(d)
    show(how, get_m(o))
    o.__dict__.pop("m")
    show(how + ", popped", get_m(o))

# Many deletions and re-insertions (the table is rebuilt on the way).
o = Wide()
for r in range(40):
    fill(o, 8)
    for i in range(8):
        delattr(o, "a%d" % i)
    if r == 30:
        o.m = lambda: "shadow after rebuilds"
print("after churn", get_m(o), sorted(vars(o)))
