# Decorators that take arguments (decorator factories).

def repeat(times):
    def decorator(func):
        def wrapper(*args, **kwargs):
            return [func(*args, **kwargs) for _ in range(times)]
        return wrapper
    return decorator

@repeat(3)
def roll(x):
    return x * 2

print(roll(5))

def tag(name, cls=None):
    def decorator(func):
        def wrapper(*args):
            attrs = f' class="{cls}"' if cls else ""
            return f"<{name}{attrs}>{func(*args)}</{name}>"
        return wrapper
    return decorator

@tag("p")
@tag("b", cls="hl")
def text(s):
    return s

print(text("bold paragraph"))

def retry(attempts, exceptions=(Exception,)):
    def decorator(func):
        def wrapper(*args):
            for i in range(1, attempts + 1):
                try:
                    return func(*args)
                except exceptions as e:
                    print(f"attempt {i} failed: {e}")
            return "gave up"
        return wrapper
    return decorator

state = {"n": 0}

@retry(4, (ValueError,))
def flaky():
    state["n"] += 1
    if state["n"] < 3:
        raise ValueError(f"not yet ({state['n']})")
    return f"succeeded on call {state['n']}"

print(flaky())

@retry(2)
def always_fails():
    raise RuntimeError("nope")

print(always_fails())

def prefix_with(pre):
    return lambda f: lambda *a: pre + f(*a)

@prefix_with(">> ")
def message(m):
    return m

print(message("hello"))

def bounded(lo, hi):
    def decorator(func):
        def wrapper(x):
            return max(lo, min(hi, func(x)))
        wrapper.__name__ = f"bounded_{func.__name__}"
        return wrapper
    return decorator

@bounded(0, 100)
def scale(x):
    return x * 10

print([scale(v) for v in (-3, 5, 42)], scale.__name__)
