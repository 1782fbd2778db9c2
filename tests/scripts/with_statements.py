# with statements: nested, multiple items, exceptions inside, return inside.

class CM:
    def __init__(self, name, log, suppress=False):
        self.name, self.log, self.suppress = name, log, suppress
    def __enter__(self):
        self.log.append("enter " + self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        self.log.append(f"exit {self.name}" + (f" with {et.__name__}: {ev}" if et else ""))
        return self.suppress

log = []
with CM("a", log) as a, CM("b", log) as b:
    log.append(f"body {a}{b}")
print(log)

log = []
with CM("outer", log):
    with CM("inner", log) as x:
        log.append("inner body " + x)
    log.append("between")
print(log)

log = []
try:
    with CM("a", log), CM("b", log):
        raise ValueError("boom")
except ValueError:
    log.append("caught")
print(log)

log = []
with CM("guard", log, suppress=True):
    with CM("plain", log):
        raise KeyError("inner failure")
log.append("continued")
print(log)

def early(log):
    with CM("fn", log):
        return "returned inside with"

log = []
print(early(log), log)

class Failing:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("never called")

log = []
try:
    with CM("first", log), Failing():
        log.append("never")
except RuntimeError as e:
    log.append(str(e))
print(log)

class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise TypeError("from __exit__")

try:
    with ExitRaises():
        raise ValueError("original")
except TypeError as e:
    print("TypeError:", e, "| context:", repr(e.__context__))

try:
    with 42:
        pass
except (TypeError, AttributeError):
    print("42 is not a context manager")
