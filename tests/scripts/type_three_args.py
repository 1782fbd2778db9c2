# type(name, bases, dict) makes a class as a class statement would.
Point = type("Point", (), {"x": 0, "norm": lambda self: abs(self.x)})
p = Point()
p.x = -3
print(Point.__name__, p.norm(), type(p) is Point, Point.__module__, Point.x)


class Base:
    def hello(self):
        return "hello from " + type(self).__name__


Sub = type("Sub", (Base,), {"extra": 1})
s = Sub()
print(s.hello(), Sub.extra, isinstance(s, Base), Sub.__mro__ == (Sub, Base, object))

# The class gets its own copy of the dict.
ns = {"a": 1}
C = type("C", (), ns)
ns["a"] = 2
ns["b"] = 3
print(C.a, hasattr(C, "b"))


def init(self, v):
    self.v = v


D = type("D", (object,), {"__init__": init, "__repr__": lambda self: "D(%d)" % self.v})
print(D(5), [D(i) for i in range(3)])

for args in [(1, (), {}), ("X", [], {}), ("X", (), [])]:
    try:
        type(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    type("X", ())
except TypeError as e:
    print("TypeError:", e)

E = type("E", (), {"__module__": "mymod"})
print(E.__module__)

F = type("F", (), {"__slots__": ("a",)})
f = F()
f.a = 1
try:
    f.b = 2
except AttributeError:
    print("AttributeError: no slot b")
print(f.a)

# A class attribute read through a cached site, then rebound.
G = type("G", (Base,), {"k": 1})
g = G()
print([g.k for _ in range(3)], g.hello())
G.k = 5
print(g.k, [type("T%d" % i, (), {"i": i})().i for i in range(4)])
