# `obj.x` and `obj.x = v` on a local run fused (the object borrowed from its
# slot); every case the fused path does not cover must fall back unchanged.
class Box:
    kind = "box"

    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2

    @double.setter
    def double(self, d):
        self.v = d // 2


def bump(b, times):
    for _ in range(times):
        b.v = b.v + 1        # load and store hit the cache after the first time
    return b.v


b = Box(1)
print(bump(b, 5), b.double, b.kind)
b.double = 40
print(b.v, bump(b, 3))

# Another instance whose dict has another insertion order: the cached index
# is stale, the name check sends it to the slow path.
c = Box.__new__(Box)
c.other = "first"
c.v = 100
print(bump(c, 2), c.other)


def read(o):
    return o.v


# Not an instance, a deleted attribute, an unbound local.
class Plain:
    v = "class attribute"


print(read(b), read(Plain), read(Plain()))
del c.v
try:
    read(c)
except AttributeError as e:
    print("AttributeError:", e)


def unbound():
    if False:
        o = None
    return o.v


try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


# Stores: a new attribute, then an existing one, then through a setter.
def store(o, v):
    o.w = v
    return o.w


p = Plain()
print(store(p, 1), store(p, 2), p.w)
d = Box(0)
for i in range(3):
    d.double = i * 10
print(d.v)


class Tracked:
    def __init__(self):
        self.items = []
        self.count = 0

    def add(self, x):
        self.items.append(x)
        self.count = self.count + 1
        return self.count


t = Tracked()
print([t.add(i) for i in range(4)], t.items)
