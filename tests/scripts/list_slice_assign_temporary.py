# Slice assignment from a list only the statement holds (a temporary such as
# `perm[k::-1]`): lockvm trades the items of the two lists in place
# (runtime/operators.hpp: list_swap_slice) when the sizes match. A list that
# a name or another container also holds must come out unchanged, and every
# other case must keep the general path's results and errors.


def show(label, *xs):
    print(label, *xs)


a = list(range(10))
a[:6] = a[5::-1]
show("prefix reversed", a)

# fannkuch's flips
perm = [3, 1, 4, 0, 2]
flips = 0
k = perm[0]
while k != 0:
    perm[:k + 1] = perm[k::-1]
    flips += 1
    k = perm[0]
show("flips", flips, perm)

# A list with a name is not a temporary.
src = [90, 91]
a[0:2] = src
show("named source", a, src)
src[0] = -1
show("named source after change", a, src)

# A list held by another container is not a temporary either.
holder = {"x": [70, 71, 72]}
a[3:6] = holder["x"]
show("held source", a, holder)
holder["x"].append(73)
show("held source after change", a, holder)

# Extended slices, both directions.
a[::2] = [x * 10 for x in range(5)]
show("step 2", a)
a[::-3] = [-1, -2, -3, -4]
show("step -3", a)

# Sizes that differ take the general path.
b = [1, 2, 3, 4]
b[1:3] = [7, 7, 7]
show("longer", b)
b[1:4] = [8]
show("shorter", b)
b[5:1] = []
show("empty slice, empty list", b)
b[2:0] = [5]
show("empty slice, one item", b)
try:
    b[::2] = [1, 2, 3, 4, 5, 6]
except ValueError as e:
    show("ValueError", e)
try:
    b[::0] = [1]
except ValueError as e:
    show("ValueError", e)

# The target as its own source.
c = [1, 2, 3]
c[:] = c
show("self", c)
c[:] = c[::-1]
show("self reversed", c)

# Objects, so that a lost or doubled reference shows (--check-leaks).
objs = [[i] for i in range(6)]
alias = objs[2]
objs[1:5] = [objs[4], objs[3], [99], objs[1]]
show("objects", objs, alias)
objs[:3] = objs[2::-1]
show("objects reversed", objs)
objs[::2] = [tuple(o) for o in objs[::2]]
show("tuples", objs)

# A tuple and a generator as sources.
d = [0] * 4
d[1:3] = (5, 6)
show("tuple", d)
d[1:3] = (x for x in "ab")
show("generator", d)
