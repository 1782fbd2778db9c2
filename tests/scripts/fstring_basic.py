# f-strings: expressions, conversions, quotes, braces.

name = "World"
n = 7
items = ["a", "b"]
d = {"key": "value", "n": 3}
print(f"Hello, {name}!")
print(f"{n} squared is {n * n}, {n} / 2 = {n / 2}")
print(f"{name!r} {name!s} {items!r} {items} {'quoted'!r}")
print(f"{d['key']} {d['n'] + 1} {items[0]}{items[-1]} {len(items)}")
print(f"{{literal braces}} {{{n}}} {'{'}")
print(f"{name.upper()} {name[::-1]} {name.lower().count('o')}")
print(f"{n if n > 5 else 0} {[i * 2 for i in range(3)]} {(lambda x: x + 1)(n)}")
print(f"{3.5} {0.1 + 0.2} {1e20} {True} {None} {-0.0}")
print(f"multi" f"part {n}" "plain")
print(F"upper F {n}", rf"raw \n {n}", fr"\t{name}")
x, y = 3, 4
print(f"{x}+{y}={x + y}", f"{x * y}", f"{x}{y}", f"{x:}{y!s:}")
print(f'''triple {name}
second line {n}''')
print(f"{'nested ' + f'{n}'}")
nums = [1, 2, 3]
print(f"sum={sum(nums)} max={max(nums)} joined={', '.join(map(str, nums))}")

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"

p = Point(1, 2)
print(f"{p} {p!r} {p!s} {[p]}")
for i in range(3):
    print(f"row {i}: {'#' * i}{'.' * (3 - i)}")

# !a is ascii(): non-ASCII code points escaped, unlike !r.
n = "é\u20ac\U0001f600"
print(f"{n!a}", f"{n!r}", f"{[n]!a:>30}", ascii(n), "{!a}".format(n))
