# Closures, nonlocal counters, late binding.

def make_counter(start=0):
    count = start
    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment

c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1(), c2(10))

def make_multiplier(k):
    return lambda x: x * k

double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5), [make_multiplier(i)(10) for i in range(4)])

def make_accumulator():
    items = []
    def add(x):
        items.append(x)
        return len(items)
    def get():
        return list(items)
    return add, get

add, get = make_accumulator()
add("a")
add("b")
print(get(), add("c"), get())

def outer():
    x = "outer"
    def middle():
        x = "middle"
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
        return x
    result = middle()
    return x, result

print(outer())

funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs = []
for i in range(3):
    def make(j=i):
        return j
    funcs.append(make)
print([f() for f in funcs])

def fib_gen_closure():
    a, b = 0, 1
    def nxt():
        nonlocal a, b
        result = a
        a, b = b, a + b
        return result
    return nxt

nxt = fib_gen_closure()
print([nxt() for _ in range(12)])

def running_average():
    total = 0
    n = 0
    def add(value):
        nonlocal total, n
        total += value
        n += 1
        return total / n
    return add

avg = running_average()
print([avg(v) for v in (10, 20, 30, 40)])

def compose(*fns):
    def composed(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return composed

inc = lambda x: x + 1
print(compose(double, inc)(5), compose(inc, double)(5), compose()(7))
print(c1.__name__, type(c1).__name__, callable(c1))
