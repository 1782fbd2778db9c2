# Keyword-only and positional-only parameters.

def kw_only(a, *, b, c=3):
    return a, b, c

print(kw_only(1, b=2), kw_only(1, c=0, b=5), kw_only(a=9, b=8))
try:
    kw_only(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    kw_only(1)
except TypeError as e:
    print("TypeError:", e)

def pos_only(a, b, /, c, *, d):
    return a + b + c + d

print(pos_only(1, 2, 3, d=4), pos_only(1, 2, c=3, d=4))
try:
    pos_only(a=1, b=2, c=3, d=4)
except TypeError as e:
    print("TypeError:", e)

def name_clash(name, /, **kwargs):
    return name, kwargs

print(name_clash("positional", name="keyword"))

def clamp(value, /, lo=0, hi=100):
    return max(lo, min(value, hi))

print(clamp(150), clamp(-5), clamp(50, hi=40), clamp(5, 10))

def config(*, verbose=False, level=1):
    return f"verbose={verbose} level={level}"

print(config(), config(level=3), config(verbose=True, level=0))
try:
    config(True)
except TypeError as e:
    print("TypeError:", e)
