# Decorators: simple, stacked, with state, preserving name by hand.

def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper() + "!"
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper

def exclaim_twice(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs) + "!!"
    return wrapper

@shout
def greet(name):
    """Return a greeting."""
    return f"hello {name}"

print(greet("world"), greet.__name__, greet.__doc__)

@exclaim_twice
@shout
def farewell(name):
    return f"bye {name}"

print(farewell("ann"))

def trace(func):
    depth = [0]
    def wrapper(*args):
        print("  " * depth[0] + f"-> {func.__name__}{args}")
        depth[0] += 1
        result = func(*args)
        depth[0] -= 1
        print("  " * depth[0] + f"<- {result}")
        return result
    return wrapper

@trace
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

fact(4)

def count_calls(func):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)
    wrapper.calls = 0
    return wrapper

@count_calls
def noop():
    pass

for _ in range(5):
    noop()
print("noop called", noop.calls, "times")

registry = {}
def register(func):
    registry[func.__name__] = func
    return func

@register
def alpha():
    return "A"

@register
def beta():
    return "B"

print(sorted(registry), [registry[k]() for k in sorted(registry)])

def validate_positive(func):
    def wrapper(x):
        if x < 0:
            raise ValueError(f"{func.__name__} needs x >= 0, got {x}")
        return func(x)
    return wrapper

@validate_positive
def root(x):
    return x ** 0.5

print(root(16))
try:
    root(-4)
except ValueError as e:
    print("ValueError:", e)

class Greeter:
    @count_calls
    def hello(self):
        return "hi"

g = Greeter()
g.hello()
g.hello()
print(Greeter.hello.calls)
