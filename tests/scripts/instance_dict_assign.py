# Assigning and deleting an instance's __dict__: the instance takes the dict
# itself, so attribute reads, method calls (whose caches are warm before the
# swap) and later stores all go through the new dict.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def read_x(p):
    return p.x


def call_norm(p):
    return p.norm1()


p = Point(1, -2)
for _ in range(50):
    read_x(p), call_norm(p)

d = {"x": 10, "y": 20}
p.__dict__ = d
print(read_x(p), call_norm(p), p.__dict__ is d, vars(p) is d)
d["x"] = 11
print(read_x(p), p.x)
p.z = 3
print(sorted(d.items()))

# A function in the new dict shadows the method.
p.__dict__ = {"x": 0, "y": 0, "norm1": lambda: "from the dict"}
print(call_norm(p), p.norm1())
del p.__dict__["norm1"]
print(call_norm(p))

# The old dict lives on, detached from the instance.
q = Point(5, 6)
old = q.__dict__
q.__dict__ = {}
old["x"] = 99
print(old, q.__dict__, hasattr(q, "x"))
q.x = 7
print(old["x"], q.x)

# Deleting leaves an empty dict.
del q.__dict__
print(q.__dict__, hasattr(q, "x"))
q.w = 1
print(q.__dict__)

for bad in (5, [("x", 1)], None):
    try:
        q.__dict__ = bad
    except TypeError as e:
        print("TypeError:", e)
print(q.__dict__)

# The same dict shared by two instances.
a, b = Point(1, 1), Point(2, 2)
shared = {"x": 1, "y": 2}
a.__dict__ = shared
b.__dict__ = shared
a.x = 100
print(b.x, call_norm(b))
