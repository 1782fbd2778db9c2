# __call__: callable objects, stateful function objects.

class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n

add5 = Adder(5)
print(add5(10), list(map(add5, [1, 2, 3])), callable(add5), callable(Adder))

class CallCounter:
    def __init__(self, func):
        self.func = func
        self.calls = 0
    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)

@CallCounter
def square(x):
    return x * x

print(square(3), square(4), square.calls)

class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs  # highest degree first
    def __call__(self, x):
        result = 0
        for c in self.coeffs:
            result = result * x + c
        return result
    def __repr__(self):
        terms = []
        degree = len(self.coeffs) - 1
        for i, c in enumerate(self.coeffs):
            d = degree - i
            if c == 0:
                continue
            if d == 0:
                terms.append(f"{c}")
            elif d == 1:
                terms.append(f"{c}x")
            else:
                terms.append(f"{c}x^{d}")
        return " + ".join(terms) or "0"

p = Polynomial(2, 0, -3, 1)
print(p, [p(x) for x in range(-2, 3)], Polynomial())

class Memo:
    def __init__(self, f):
        self.f = f
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.f(n)
        return self.cache[n]

@Memo
def slow_fib(n):
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)

print(slow_fib(100), len(slow_fib.cache))
handlers = {"double": Adder(0), "inc": Adder(1)}
print({name: h(10) for name, h in handlers.items()})
try:
    Adder(1)(1, 2)
except TypeError as e:
    print("TypeError raised")
