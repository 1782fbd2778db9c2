# Truthiness of objects: __bool__, __len__, default truthiness.

class Empty:
    pass

class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n

class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on

class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 10

for obj in [Empty(), Sized(0), Sized(3), Flag(True), Flag(False), Both()]:
    print(type(obj).__name__, bool(obj), "truthy" if obj else "falsy", not obj)

items = [Sized(2), Sized(0), Flag(False), Flag(True)]
print([bool(x) for x in items], sum(1 for x in items if x), any(items), all(items))
print(Sized(0) or "fallback", Flag(True) and "chained")
s = Sized(5)
count = 0
while s:
    s.n -= 1
    count += 1
print(count, len(s))

class BadBool:
    def __bool__(self):
        return 1

try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
