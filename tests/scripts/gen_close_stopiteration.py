# next() with default, StopIteration, close() and cleanup, throw().

def items():
    try:
        yield 1
        yield 2
        yield 3
    finally:
        print("  cleanup ran")

g = items()
print(next(g))
g.close()
print("closed")
print(next(g, "default after close"))

g = items()
for x in g:
    if x == 2:
        break
print("after break (generator still suspended)")
g.close()

for x in items():
    pass
print("consumed fully")

def catches_exit():
    try:
        yield "first"
    except GeneratorExit:
        print("  got GeneratorExit")
        raise

g = catches_exit()
next(g)
g.close()

it = iter([10, 20])
print(next(it), next(it), next(it, None), next(it, "again"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e.value) if hasattr(e, "value") else "")

def thrower():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  generator caught:", e)
            yield "recovered"

t = thrower()
print(next(t))
print(t.throw(ValueError("bad value")))
print(next(t))

def never_started():
    print("  body never runs")
    yield 1

g = never_started()
g.close()
print("closed a fresh generator")

def gen_raises():
    yield 1
    raise KeyError("inside")

g = gen_raises()
print(next(g))
try:
    next(g)
except KeyError as e:
    print("KeyError from generator:", e)
print(next(g, "exhausted after error"))
