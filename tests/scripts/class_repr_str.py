# __repr__ and __str__: print, str, repr, f-strings and inside containers.

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
    def __str__(self):
        return f"({self.x}, {self.y})"

class OnlyRepr:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"OnlyRepr<{self.v}>"

class OnlyStr:
    def __str__(self):
        return "only-str"

p = Point(1, 2.5)
print(p)
print(str(p), repr(p), f"{p}", f"{p!r}", "%s %r" % (p, p), "{} {!r}".format(p, p))
print([p, Point("a", None)], (p,), {"key": p}, {p.x: [p]})
o = OnlyRepr(3)
print(o, str(o), repr(o), [o], f"{o}")
s = OnlyStr()
print(s, str(s), f"{s}", "only-str" in repr([s]) and "skip" or "default repr used in list")
print(str([1, "a", 2.0, None, True]), repr("quotes 'inside'"), str(("x",)))
print([["nested", ["deeper"]], {"k": ("t", 1.5)}])

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __repr__(self):
        return f"Money({self.cents})"
    def __format__(self, spec):
        if spec == "short":
            return f"${self.cents // 100}"
        return format(str(self), spec)

m = Money(12345)
print(m, repr(m), f"{m}", f"{m:short}", f"[{m:>12}]", [m])

class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
    def __repr__(self):
        if not self.children:
            return f"Node({self.value!r})"
        return f"Node({self.value!r}, {self.children!r})"

tree = Node("root", [Node(1), Node(2, [Node(3.5)])])
print(tree)
print(repr(tree) == str(tree))
