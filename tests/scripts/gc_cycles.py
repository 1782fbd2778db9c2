# The cycle collector: every kind of reference cycle is built, dropped and
# collected (run with --check-leaks, anything left over fails the test), and
# collections that happen while cycles are still in use (on the value stack,
# in a running generator, reachable from a global) must not free them.
# CPython's gc.collect() counts differ from lockvm's, so only comparisons
# that hold in both are printed.
import gc

gc.disable()
print("enabled after disable:", gc.isenabled())


class Node:
    made = 0

    def __init__(self, value, parent=None):
        Node.made += 1
        self.value = value
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


def tree(depth, parent=None):
    node = Node(depth, parent)
    if depth:
        tree(depth - 1, node)
        tree(depth - 1, node)
    return node


def self_list():
    a = []
    a.append(a)
    b = [a]
    a.append(b)


def self_dict():
    d = {}
    d["me"] = d
    d["view"] = d.keys()
    d["items"] = d.items()


def self_instance():
    n = Node(0)
    n.me = n
    n.method = n.__init__  # bound method -> instance


def tuple_cycle():
    a = []
    t = (a, 1, "x")
    a.append(t)


def set_cycle():
    s = set()
    n = Node(1)
    n.owner = s
    s.add(n)
    fs = frozenset([n])
    n.frozen = fs


def recursive_closure():
    def go(n):
        return 0 if n == 0 else go(n - 1) + 1

    return go(5)


def memo_closure():
    memo = {}

    def fib(n):
        if n < 2:
            return n
        if n in memo:
            return memo[n]
        r = fib(n - 1) + fib(n - 2)
        memo[n] = r
        return r

    memo["fn"] = fib
    return fib(30)


def local_class():
    class Local:
        count = 0

        def __init__(self):
            super().__init__()
            Local.count += 1

        @staticmethod
        def st():
            return "st"

        @classmethod
        def cm(cls):
            return cls.__name__

        @property
        def prop(self):
            return self

    obj = Local()
    obj.cls = Local
    return obj.prop is obj and Local.st() == "st" and Local.cm() == "Local"


def generator_cycle():
    def gen():
        me = yield 1
        yield me
        yield 3

    g = gen()
    next(g)
    g.send(g)  # the suspended frame now holds the generator itself


def iterator_cycle():
    items = []
    it = iter(items)
    items.append(it)
    z = zip(items, items)
    items.append(z)
    m = map(len, items)
    items.append(m)


def slice_cycle():
    a = []
    s = slice(a, None, None)
    a.append(s)


def exception_cycle():
    try:
        raise ValueError("boom")
    except ValueError as e:
        err = e
    err.me = err
    err.args_holder = [err]


def function_attribute_cycle():
    def f():
        return 1

    f.me = f
    f.defaults_holder = [f]


def cell_cycle():
    x = None

    def get():
        return x

    x = get  # cell -> function -> closure -> cell


makers = [self_list, self_dict, self_instance, tuple_cycle, set_cycle, recursive_closure, memo_closure,
          local_class, generator_cycle, iterator_cycle, slice_cycle, exception_cycle,
          function_attribute_cycle, cell_cycle]

for make in makers:
    for _ in range(3):
        make()
    found = gc.collect()
    # CPython finalizes a suspended generator (closing it breaks its cycle)
    # instead of counting it as collected.
    print(make.__name__, found >= 0 if make is generator_cycle else found > 0)

root = tree(6)
del root
print("tree", Node.made, gc.collect() > 0)
print("nothing left", gc.collect())

# A cycle still referenced from a global survives, intact.
keep = tree(3)
keep.me = keep
print("kept", gc.collect() >= 0, keep.me is keep, keep.children[0].parent is keep,
      len(keep.children[1].children))
del keep

# A cycle referenced only from the value stack of a running frame survives.
def only_on_stack():
    pair = (tree(2), gc.collect() >= 0, tree(1))
    return pair[0].children[0].parent is pair[0], pair[1], pair[2].value

print("stack", only_on_stack())


# Collections inside a running generator (its frame's saved state is stale)
# and inside one delegated to with yield from.
def collecting(n):
    local = [tree(1) for _ in range(n)]
    me = yield "start"
    for i, node in enumerate(local):
        gc.collect()
        yield i, node.children[0].parent is node, me is not None


def outer_gen():
    got = yield from collecting(2)
    yield "inner done", got


g = collecting(3)
print(next(g))
print(g.send(g))
print(list(g))
del g
o = outer_gen()
print(list(o))
del o

# Automatic collection: many short-lived cycles, far more than the threshold.
gc.enable()
print("enabled:", gc.isenabled())
made = 0
for i in range(60000):
    n = Node(i)
    n.me = n
    made += 1
left = gc.collect()
print("automatic", made, left < made)

# gc.collect's argument.
print(gc.collect(0) >= 0, gc.collect(generation=2) >= 0)
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)

# Cycles left for teardown to collect.
for make in makers:
    make()
leftover = tree(4)
leftover.me = leftover
