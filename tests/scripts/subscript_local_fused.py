# `a[3]`, `a[i]` of a local and `a[i] = v` run on fused fast paths for lists;
# strings, tuples, dicts, negative and out-of-range indexes and unbound
# locals must behave exactly as unfused.
a = [10, 20, 30]
def f(a, i):
    return a[0] + a[-1] + a[i] + a[-i]
print(f(a, 1), f(a, 2))
def g(a, i):
    a[i] = a[i] * 2
    a[-1] = 7
    return a
print(g(a, 0), g((1, 2), 0) if False else 0)
def h(s, i):
    return s[1] + s[i]
print(h("abc", 2), h((1, 2, 3), 0), h({1: 5, 2: 6}, 2))
try:
    f(a, 5)
except IndexError as e:
    print("IndexError", e)
try:
    g(a, 3)
except IndexError as e:
    print("IndexError", e)
def u():
    if False: b = 1
    return b[0]
try:
    u()
except UnboundLocalError as e:
    print(e)
