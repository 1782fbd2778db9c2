# hash() consistency: equal values hash equally across int, float and bool.

print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False) == hash(-0.0))
print(hash(2 ** 70) == hash(float(2 ** 70)), hash(1.5) == hash(1.5), hash(-1) == hash(-1.0))
print(hash("abc") == hash("ab" + "c"), hash((1, 2)) == hash((1, 2)), hash(()) == hash(()))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])), hash(None) == hash(None))
print(hash(10 ** 30) == hash(10 ** 30), hash((1, "a")) == hash((1.0, "a")))
print(isinstance(hash("x"), int), isinstance(hash(3.25), int))
d = {1: "int"}
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
s = {1, 1.0, True, 2, 2.0}
print(len(s), sorted(s))
print({0: "a", False: "b", 0.0: "c"})
keys = [(1, 2), (1.0, 2.0), (True, 2)]
print(len(set(keys)), {k: i for i, k in enumerate(keys)})
for unhashable in ([], {}, set(), [1, (2,)]):
    try:
        hash(unhashable)
    except TypeError as e:
        print("TypeError:", e)
