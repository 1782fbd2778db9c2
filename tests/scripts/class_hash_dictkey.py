# __hash__ and __eq__: objects as dict keys and set members.

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x},{self.y})"

visited = {Point(0, 0): "origin", Point(1, 2): "a"}
print(visited[Point(0, 0)], visited[Point(1, 2)], Point(5, 5) in visited)
pts = {Point(1, 1), Point(1, 1), Point(2, 2)}
print(len(pts), Point(2, 2) in pts)
visited[Point(0, 0)] = "updated"
print(visited, len(visited))

class Unhashable:
    def __eq__(self, other):
        return True

try:
    {Unhashable(): 1}
except TypeError as e:
    print("TypeError:", e)

class Identity:
    def __init__(self, n):
        self.n = n

a, b = Identity(1), Identity(1)
d = {a: "a", b: "b"}
print(len(d), d[a], d[b], a in d, Identity(1) in d)

class CaseInsensitive:
    def __init__(self, s):
        self.s = s
    def __eq__(self, other):
        return self.s.lower() == other.s.lower()
    def __hash__(self):
        return hash(self.s.lower())
    def __repr__(self):
        return repr(self.s)

names = {}
for raw in ["Alice", "ALICE", "bob", "Bob", "carol"]:
    key = CaseInsensitive(raw)
    names[key] = names.get(key, 0) + 1
print(names)
print(hash(Point(3, 4)) == hash(Point(3, 4)), hash(CaseInsensitive("X")) == hash(CaseInsensitive("x")))
