# hasattr, getattr with default, setattr, delattr.

class Settings:
    volume = 5
    def __init__(self):
        self.theme = "dark"

s = Settings()
print(hasattr(s, "theme"), hasattr(s, "volume"), hasattr(s, "missing"))
print(getattr(s, "theme"), getattr(s, "volume"), getattr(s, "missing", "default"), getattr(s, "missing", None))
setattr(s, "language", "en")
setattr(s, "volume", 11)
print(s.language, s.volume, Settings.volume)
delattr(s, "language")
print(hasattr(s, "language"))
try:
    getattr(s, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(s, "missing")
except AttributeError:
    print("AttributeError on delattr")

fields = {"name": "widget", "price": 9.99, "qty": 3}
class Record:
    pass
r = Record()
for k, v in fields.items():
    setattr(r, k, v)
print([getattr(r, k) for k in fields], r.price * r.qty)

class Calculator:
    def add(self, a, b):
        return a + b
    def mul(self, a, b):
        return a * b

calc = Calculator()
for op in ["add", "mul", "pow"]:
    method = getattr(calc, op, None)
    if method is None:
        print(op, "not supported")
    else:
        print(op, method(6, 7))

class Dynamic:
    def __getattr__(self, name):
        # only called when normal lookup fails
        if name.startswith("get_"):
            return lambda: f"dynamic value for {name[4:]}"
        raise AttributeError(f"no attribute {name!r}")

d = Dynamic()
d.real = "real attribute"
print(d.real, d.get_color(), d.get_size(), hasattr(d, "other"), getattr(d, "other", "fallback"))
print(getattr("text", "upper")(), getattr([3, 1, 2], "index")(2), hasattr(5, "real"))

# A bare object() takes no attributes (it has no __dict__); a subclass's
# instances do, in a loop too (the attribute store cache must not mix them).
class Sub:
    pass


for target in (object(), Sub()):
    for i in range(3):
        try:
            target.x = i
            print(type(target).__name__, "x =", target.x)
        except AttributeError as e:
            print(type(target).__name__, "AttributeError", e)
try:
    setattr(object(), "y", 1)
except AttributeError as e:
    print("setattr AttributeError", e)
