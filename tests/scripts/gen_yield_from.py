# yield from: delegation, return values, sending through.

def inner(n):
    for i in range(n):
        yield i
    return f"inner({n}) done"

def outer():
    result = yield from inner(3)
    print("  inner returned:", result)
    result2 = yield from inner(2)
    print("  inner returned:", result2)
    return "outer done"

g = outer()
for v in g:
    print("value", v)

def collect():
    r = yield from outer()
    yield r

print(list(collect()))

def chain(*iterables):
    for it in iterables:
        yield from it

print(list(chain([1, 2], "ab", range(3), (x * 10 for x in range(2)))))

def tree(node):
    value, children = node
    yield value
    for child in children:
        yield from tree(child)

t = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [("b1", [("b1x", [])])])])
print(list(tree(t)))

def echo_inner():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x

def echo_outer():
    result = yield from echo_inner()
    yield f"inner total was {result}"

g = echo_outer()
print(next(g), g.send(5), g.send(7), g.send(None))

def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

def launcher():
    msg = yield from countdown(3)
    yield msg

print(list(launcher()))

def yf_return_only():
    return (yield from [])

g = yf_return_only()
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)
