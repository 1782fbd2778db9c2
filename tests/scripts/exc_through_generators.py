# Exceptions crossing generators and deep call stacks.

def level3(x):
    if x == 0:
        raise ZeroDivisionError("level3 got zero")
    return 10 / x

def level2(x):
    return level3(x) + 1

def level1(x):
    try:
        return level2(x)
    finally:
        print("  level1 cleanup for", x)

for x in (5, 0):
    try:
        print(level1(x))
    except ZeroDivisionError as e:
        print("caught at top:", e)

def numbers():
    yield 1
    yield 2
    raise ValueError("generator broke")
    yield 3

collected = []
try:
    for n in numbers():
        collected.append(n)
except ValueError as e:
    print(collected, "then", e)

def safe(gen):
    try:
        yield from gen
    except ValueError as e:
        yield f"recovered from: {e}"

print(list(safe(numbers())))

def parse_all(lines):
    for line in lines:
        try:
            yield int(line)
        except ValueError:
            yield None

print(list(parse_all(["1", "x", "3"])))

def consumer():
    total = 0
    try:
        while True:
            total += yield
    except GeneratorExit:
        print("  consumer closing with total", total)

c = consumer()
next(c)
for v in (1, 2, 3):
    c.send(v)
c.close()

def gen_with_finally():
    try:
        yield "a"
        raise KeyError("in generator")
    finally:
        print("  generator finally")

g = gen_with_finally()
print(next(g))
try:
    next(g)
except KeyError as e:
    print("KeyError:", e)

def deep(n):
    if n == 0:
        raise IndexError("bottom of the stack")
    return deep(n - 1)

try:
    deep(50)
except IndexError as e:
    print("from depth 50:", e)

def gen_raises_stopiteration():
    yield 1
    raise StopIteration("explicit")

try:
    list(gen_raises_stopiteration())
except RuntimeError as e:
    print("RuntimeError:", e)
