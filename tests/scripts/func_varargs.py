# *args, **kwargs and unpacking in calls.

def total(*nums):
    return sum(nums)

print(total(), total(1), total(1, 2, 3), total(*range(5)), total(*[1, 2], 3, *(4,)))

def show(*args, **kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return "show(" + ", ".join(parts) + ")"

print(show())
print(show(1, "two", x=3, y=[4]))
opts = {"sep": "-", "end": "!\n"}
print("a", "b", **opts)
args = (1, 2)
kw = {"z": 3}
print(show(*args, **kw), show(0, *args, w=1, **kw))
print(show(**{"a": 1}, **{"b": 2}))

def point(x, y, z=0):
    return (x, y, z)

coords = [1, 2]
print(point(*coords), point(*coords, 5), point(**{"x": 7, "y": 8}), point(1, **{"y": 2, "z": 3}))

def wrapper(*args, **kwargs):
    return point(*args, **kwargs)
print(wrapper(4, 5), wrapper(y=1, x=2))

def first_and_rest(first, *rest):
    return first, rest, type(rest).__name__
print(first_and_rest(1), first_and_rest(1, 2, 3))

def kwonly_after_star(*items, sep=", "):
    return sep.join(str(i) for i in items)
print(kwonly_after_star(1, 2, 3), kwonly_after_star("a", "b", sep="|"))

try:
    point(1, 2, **{"x": 3})
except TypeError as e:
    print("TypeError:", e)
try:
    point(1)
except TypeError as e:
    print("TypeError:", e)
