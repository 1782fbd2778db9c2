# Default arguments, including the mutable-default gotcha.

def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"

print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))

def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1), append_to(2), append_to(3, []), append_to(4))

def append_safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(append_safe(1), append_safe(2), append_safe(3, [0]))

counter_default = 10
def uses_default(x=counter_default):
    return x
counter_default = 20
print(uses_default(), uses_default(5))

def power(base, exp=2):
    return base ** exp
print(power(3), power(2, 10), power(exp=3, base=2), list(map(power, [1, 2, 3])))

def describe(a, b=2, *args, c=3, **kwargs):
    return f"a={a} b={b} args={args} c={c} kwargs={kwargs}"

print(describe(1))
print(describe(1, 5, 6, 7, c=8, d=9))
print(describe(a=0, c=1, z=2))

def f(x, y=[]):
    y = y + [x]
    return y
print(f(1), f(2))
print(greet.__name__, append_safe.__name__, describe.__name__)
