# Dict comprehensions, ** in displays and the | and |= operators.

squares = {n: n * n for n in range(6)}
print(squares)
evens = {k: v for k, v in squares.items() if k % 2 == 0}
print(evens)
inverted = {v: k for k, v in squares.items()}
print(inverted)
print({c: "aeiou".count(c) for c in "banana"})
print({(x, y): x * y for x in range(3) for y in range(x)})
print({w: len(w) for w in sorted(["pear", "fig", "apple"])})

defaults = {"color": "red", "size": "M", "qty": 1}
custom = {"size": "L", "gift": True}
print({**defaults, **custom})
print({**custom, **defaults})
print({"first": 0, **defaults, "qty": 5})
print(defaults | custom, custom | defaults)
merged = dict(defaults)
merged |= custom
merged |= [("extra", "yes")]
print(merged, defaults)
print(dict(**defaults, extra=1))
nested = {"a": {"x": 1}, "b": {"y": 2}}
flat = {f"{outer}.{inner}": v for outer, d in nested.items() for inner, v in d.items()}
print(flat)
matrix = [[1, 2], [3, 4]]
print({i: {j: matrix[i][j] for j in range(2)} for i in range(2)})
try:
    {"a": 1} | [("b", 2)]
except TypeError as e:
    print("TypeError:", e)
