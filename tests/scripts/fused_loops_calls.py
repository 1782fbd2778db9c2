# The superinstructions of loops, method calls and returns, against CPython:
# FOR_ITER + STORE_FAST (`for x in r:` over a range or a list, and every other
# iterator through the fallback), LOAD_FAST + LOAD_METHOD (`x.m(...)`), and
# LOAD_NONE + RETURN_VALUE or a forward JUMP to a return.


def loop_sum(seq):
    t = 0
    for x in seq:
        t += x
    return t


print(loop_sum(range(10)), loop_sum(range(10, 0, -3)), loop_sum(range(0)))
print(loop_sum([1, 2, 3]), loop_sum((4, 5)), loop_sum({7: 1, 8: 2}), loop_sum(x * x for x in range(4)))
print(loop_sum(iter([5, 6])), loop_sum(range(-2**62, -2**62 + 3)) - 3 * -2**62)


def loop_last(seq):
    x = "unset"
    for x in seq:
        pass
    return x


print(loop_last([]), loop_last("abc"), loop_last(range(3)), loop_last([None, [1]]))


def list_grows():
    items = [1, 2, 3]
    seen = []
    for v in items:
        seen.append(v)
        if v < 3:
            items.append(v * 10)
    return seen


def list_shrinks():
    items = list(range(6))
    seen = []
    for v in items:
        seen.append(v)
        items.pop()
    return seen


print(list_grows(), list_shrinks())


def nested(n):
    pairs = []
    for i in range(n):
        for j in range(i):
            if j == 2:
                break
            pairs.append((i, j))
        else:
            pairs.append(i)
    return pairs


print(nested(5))


def find(seq, want):
    for i in seq:
        if i == want:
            return i
    return None


def find_else(seq, want):
    for i in seq:
        if i == want:
            break
    else:
        return "missing"
    return "found"


print(find([1, 2, 3], 2), find([1, 2, 3], 9), find_else(range(4), 3), find_else(range(4), 7))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        if self.n == 13:
            raise ValueError("unlucky")
        return self.n


print(loop_sum(Countdown(5)))
try:
    loop_sum(Countdown(20))
except ValueError as e:
    print("ValueError", e)


def gen_loop(seq):
    for x in seq:
        if x is None:
            return
        yield x * 2


print(list(gen_loop([1, 2, None, 4])), list(gen_loop(range(3))))


# ---- x.m(...) on a local


class Shape:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side

    def scaled(self, k):
        return Shape(self.side * k)

    @staticmethod
    def kind():
        return "shape"

    @classmethod
    def unit(cls):
        return cls(1)

    @property
    def twice(self):
        return 2 * self.side


class Square(Shape):
    def area(self):
        return super().area() + 0


def use(s):
    return s.area(), s.scaled(3).area(), s.kind(), s.unit().side, s.twice


print(use(Shape(2)), use(Square(3)))


def shadowed():
    s = Shape(4)
    out = [s.area()]
    s.area = lambda: "instance attribute wins"
    out.append(s.area())
    del s.area
    out.append(s.area())
    return out


print(shadowed())


def class_patched():
    s = Square(5)
    out = []
    for i in range(3):
        out.append(s.area())
        if i == 0:
            Square.area = lambda self: -self.side
    del Square.area
    out.append(s.area())
    return out


print(class_patched())


def not_instances():
    l = []
    l.append(1)
    d = {"a": 1}
    k = d.keys()
    s = "x,y"
    n = 7
    return l, list(k), s.split(","), n.bit_length(), Shape.kind()


print(not_instances())


def unbound():
    try:
        s.area()
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    s = Shape(1)
    return s.area()


print(unbound())


def missing_method():
    s = Shape(1)
    try:
        s.perimeter()
    except AttributeError as e:
        print("AttributeError", e)


missing_method()


class Dyn:
    def __getattr__(self, name):
        return lambda *a: (name, a)


def dynamic():
    d = Dyn()
    return d.anything(1, 2), d.other()


print(dynamic())


# ---- returns


def implicit_none(x):
    if x:
        y = 1
    else:
        y = 2


def explicit_none(x):
    if x:
        return None
    return


def jump_to_return(x):
    if x > 0:
        r = "pos"
    elif x < 0:
        r = "neg"
    else:
        r = "zero"
    return r


def ternary(x):
    return "even" if x % 2 == 0 else "odd"


def with_finally(x):
    try:
        if x:
            return "early"
    finally:
        print("finally ran")
    return "late"


print(implicit_none(1), implicit_none(0), explicit_none(1), explicit_none(0))
print([jump_to_return(v) for v in (-3, 0, 3)], ternary(3), ternary(4))
print(with_finally(True), with_finally(False))


def deep(n):
    if n == 0:
        return
    deep(n - 1)


deep(50)
print("done")
