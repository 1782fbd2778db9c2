# __enter__/__exit__: resources, suppression, exceptions inside with blocks.

class Resource:
    def __init__(self, name, log):
        self.name, self.log = name, log
    def __enter__(self):
        self.log.append(f"open {self.name}")
        return self
    def __exit__(self, exc_type, exc, tb):
        self.log.append(f"close {self.name} ({exc_type.__name__ if exc_type else 'ok'})")
        return False

log = []
with Resource("a", log) as r:
    log.append(f"using {r.name}")
print(log)

log = []
try:
    with Resource("b", log):
        log.append("about to fail")
        raise ValueError("oops")
        log.append("never")
except ValueError as e:
    log.append(f"caught {e}")
print(log)

class Suppress:
    def __init__(self, *types):
        self.types = types
        self.suppressed = None
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            self.suppressed = exc
            return True
        return False

with Suppress(ZeroDivisionError) as s:
    print("dividing")
    1 / 0
    print("not reached")
print("after with, suppressed:", repr(s.suppressed))

try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print("IndexError passed through:", e)

class Indent:
    level = 0
    def __enter__(self):
        Indent.level += 1
        return self
    def __exit__(self, *exc):
        Indent.level -= 1
    def say(self, text):
        print("    " * Indent.level + text)

with Indent() as a:
    a.say("level one")
    with Indent() as b:
        b.say("level two")
        with Indent() as c:
            c.say("level three")
    a.say("back to one")
print("level now", Indent.level)

def use_in_function():
    log = []
    with Resource("fn", log):
        log.append("returning from inside with")
        return log
print(use_in_function())

log = []
for i in range(3):
    with Resource(f"loop{i}", log):
        if i == 1:
            continue
        if i == 2:
            break
        log.append("body")
print(log)

class Timer:
    def __enter__(self):
        self.entered = True
        return "value from __enter__"
    def __exit__(self, t, v, tb):
        print("exit args are None:", t is None and v is None and tb is None)

with Timer() as value:
    print(value)
