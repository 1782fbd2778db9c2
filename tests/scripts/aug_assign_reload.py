# Augmented assignments to `local[key]` and `local.attr` read the local (and
# a local or constant key) a second time for the store instead of keeping
# copies on the stack (compile_aug_assign); the store then fuses with its
# loads (FUSED_FAST_*_STORE_SUBSCR). Each case checks that the result is the
# one CPython gives, including where the fast paths must not apply.


class Box:
    def __init__(self):
        self.n = 1


class Counting:
    def __init__(self, items):
        self.items = items

    def __getitem__(self, i):
        print("get", i)
        return self.items[i]

    def __setitem__(self, i, v):
        print("set", i, v)
        self.items[i] = v


def lists():
    b = [1.0, 2.0, 3.0, [4]]
    i = 1
    b[2] -= 0 if False else 1 and 2
    b[0] += 5
    b[i] *= 3
    b[-1] += [5]          # list += list: the same list object stored back
    b[-4] /= 2
    print(b)
    e = [0] * 3
    for x in range(3):
        e[x] = x * x
        e[x] += 1
        e[-x] -= 1
    print(e)
    try:
        e[5] += 1
    except IndexError as ex:
        print("IndexError", ex)
    try:
        e[i + 10] = 1
    except IndexError as ex:
        print("IndexError", ex)
    k = "no"
    try:
        e[k] += 1
    except TypeError as ex:
        print("TypeError", ex)
    t = [[0, 0], [0, 0]]
    t[1][0] += 7
    print(t)


def walrus():
    b = [10, 20, 30]
    j = 0
    b[j] += (j := 2)      # j is rebound by the right-hand side
    print(b, j)
    c = [1, 2]
    d = [5, 6]
    c[0] += [(c := d) for _ in range(1)][0][0]   # c rebound from a comprehension
    print(c, d)


def others():
    d = {"a": 1}
    k = "a"
    d[k] += 1
    d["a"] *= 10
    print(d)
    s = "x"
    try:
        s[0] += "y"
    except TypeError as ex:
        print("TypeError", ex)
    box = Box()
    box.n += 41
    box.n -= 2
    print(box.n)
    try:
        box.missing += 1
    except AttributeError as ex:
        print("AttributeError", ex)
    c = Counting([1, 2, 3])
    c[1] += 10            # one __getitem__, one __setitem__, in that order
    print(c.items)
    tup = (1, [2])
    tup[1] += [3]         # the list grows, then the tuple store fails
    print("unreachable")


def closure():
    b = [1, 2]
    def g():
        b[0] += 100
    g()
    print(b)


def unbound():
    try:
        q[0] += 1
    except UnboundLocalError:
        print("UnboundLocalError")
    q = [0]


lists()
walrus()
try:
    others()
except TypeError as ex:
    print("TypeError", ex)
closure()
unbound()
g = [1, 2]
g[0] += 1                 # module level: globals are never reloaded
print(g)
