# TypeError and ValueError messages from function calls and unpacking.

def show(thunk):
    try:
        thunk()
        print("no exception")
    except Exception as e:
        print(type(e).__name__, e)

def f(a, b):
    return a + b

def g(a, b=2, *, c):
    return a + b + c

def h():
    return 0

ident = lambda x: x
nullary = lambda: 0

def unpack3(seq):
    a, b, c = seq

def unpack2(seq):
    a, b = seq

show(lambda: f(1))
show(lambda: f())
show(lambda: f(1, 2, 3))
show(lambda: f(1, z=3))
show(lambda: f(1, 2, a=3))
show(lambda: g(1))
show(lambda: g(1, 2, 3))
show(lambda: h(1))
show(lambda: h(x=1))
show(lambda: unpack3([1, 2]))
show(lambda: unpack2([1, 2, 3]))
show(lambda: unpack2(5))
show(lambda: unpack2("ab"))
show(lambda: ident())
show(lambda: nullary(1, 2))
show(lambda: f(*[1, 2, 3, 4]))
show(lambda: f(**{"a": 1, "c": 2}))
show(lambda: len())
show(lambda: len([], []))
show(lambda: int("12", 1))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def move(self, dx, dy):
        self.x += dx

show(lambda: Point(1))
show(lambda: Point(1, 2, 3))
show(lambda: Point(1, 2).move(1))
show(lambda: Point(1, 2).move(1, 2, 3))
