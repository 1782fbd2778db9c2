# Dict basics: insertion order, lookup, update, deletion, iteration.

d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 100
print(d, len(d), d["two"], "two" in d, 2 in d, "four" not in d)
del d["two"]
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
d["two"] = 2
print(d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()

empty = {}
print(empty, len(empty), bool(empty), dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]))
print(dict({"a": 1}, b=2), dict(zip("abc", range(3))))
mixed = {1: "int", 1.5: "float", "s": "str", (1, 2): "tuple", None: "none", True: "bool"}
print(mixed, mixed[1], mixed[(1, 2)], mixed[None])

try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e), e.args)
try:
    {}[(1, 2)]
except KeyError as e:
    print("KeyError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
try:
    del d["nope"]
except KeyError as e:
    print("KeyError:", e)

counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
inverted = {}
for word, n in counts.items():
    inverted.setdefault(n, []).append(word)
print(inverted)

# Order is insertion order, even after deletes and re-inserts.
o = {}
for k in "dcba":
    o[k] = ord(k)
del o["c"]
o["c"] = 0
o["d"] = -1
print(list(o.items()))
print({1: "a"} == {1: "a"}, {1: "a", 2: "b"} == {2: "b", 1: "a"}, {1: 1} != {1: 2})
nested = {"outer": {"inner": [1, 2, {"deep": True}]}}
print(nested["outer"]["inner"][2]["deep"], nested)
