# Lambdas and higher-order functions.

square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, x=2))
print(square.__name__, add.__name__)

def apply_twice(f, x):
    return f(f(x))

def apply_n(f, n):
    def g(x):
        for _ in range(n):
            x = f(x)
        return x
    return g

print(apply_twice(square, 3), apply_n(lambda s: s + "!", 3)("hi"), apply_n(square, 0)(9))

def my_map(f, xs):
    return [f(x) for x in xs]

def my_filter(pred, xs):
    return [x for x in xs if pred(x)]

def my_reduce(f, xs, init):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc

nums = list(range(1, 11))
print(my_map(square, nums))
print(my_filter(lambda n: n % 3 == 0, nums))
print(my_reduce(lambda a, b: a + b, nums, 0), my_reduce(lambda a, b: a * b, nums, 1))
print(my_reduce(lambda acc, w: acc + [w.upper()], ["a", "b"], []))

ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
for sym in "+-*/":
    print(f"8 {sym} 2 = {ops[sym](8, 2)}")

people = [("ann", 31), ("bob", 25), ("cy", 40)]
print(sorted(people, key=lambda p: p[1]), max(people, key=lambda p: len(p[0])))
print(list(map(lambda p: p[0].title(), people)), list(filter(lambda p: p[1] > 30, people)))

def curry(f):
    return lambda a: lambda b: f(a, b)
print(curry(lambda a, b: a - b)(10)(3))

def memo_call_counter(f):
    calls = {"n": 0}
    def wrapped(*args):
        calls["n"] += 1
        return f(*args)
    wrapped.calls = calls
    return wrapped

counted = memo_call_counter(square)
print([counted(i) for i in range(4)], counted.calls["n"])
print(callable(square), callable(42), callable(print), callable(str), callable("x".upper))
fs = [print, len, abs]
print([f.__name__ for f in fs], len("abc"), (abs)(-2))
