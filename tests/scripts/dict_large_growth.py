# Dicts and sets large enough that their entries live in a mapping of their
# own (vm/relocatable_vector.hpp: from 26,215 entries), growing, shrinking by
# deletion and popitem, copied and cleared, with insertion order kept.
d = {}
for i in range(120_000):
    d[i * 7919 % 1_000_003] = i
print(len(d), sum(d.values()), list(d.items())[:3], list(d)[-2:])

for k in list(d)[::2]:
    del d[k]
print(len(d), sum(d.values()), next(iter(d)))

for i in range(50_000):            # regrows over the deleted entries
    d[-i] = str(i)
print(len(d), d[-49_999], list(d.values())[-1])

popped = [d.popitem() for _ in range(30_000)]
print(len(d), popped[0], popped[-1])

c = d.copy()
c[10**9] = "new"
print(len(c), len(d), c == d, 10**9 in d)

words = {f"w{i}": i for i in range(40_000)}
print(len(words), words["w39999"], sum(len(k) for k in words))
merged = {**words, **{f"w{i}": -i for i in range(0, 40_000, 3)}}
print(len(merged), merged["w3"], merged["w4"])

s = set(range(0, 200_000, 3))
s |= set(range(0, 200_000, 5))
s -= set(range(0, 200_000, 15))
print(len(s), min(s), max(s), sum(s))
fs = frozenset(s)
print(len(fs), hash(fs) == hash(frozenset(s)))

d.clear()
print(len(d), d)
