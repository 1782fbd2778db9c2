# Set methods.

s = {3, 1, 2}
s.add(4)
s.add(1)
s.discard(10)
s.discard(3)
s.remove(2)
print(sorted(s), len(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
print(sorted(s.union([7, 8], (9,))), sorted(s.intersection(range(3))), sorted(s.difference({1})))
print(sorted(s.symmetric_difference({4, 5})), s.issubset({1, 4, 5}), s.issuperset({1}), s.isdisjoint({2, 3}))
s.update([10, 11], {12})
print(sorted(s))
s.intersection_update({1, 10, 12, 99})
print(sorted(s))
s.difference_update({12})
print(sorted(s))
s.symmetric_difference_update({1, 2})
print(sorted(s))
t = s.copy()
t.add(100)
print(sorted(s), sorted(t), t is s)
n = {5}
x = n.pop()
print(x, n, len(n))
try:
    n.pop()
except KeyError as e:
    print("KeyError:", e)
t.clear()
print(t, len(t))

seen = set()
dupes = []
for x in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]:
    if x in seen:
        dupes.append(x)
    seen.add(x)
print(sorted(seen), dupes)

def unique_in_order(items):
    seen = set()
    out = []
    for it in items:
        if it not in seen:
            seen.add(it)
            out.append(it)
    return out
print(unique_in_order("mississippi"), unique_in_order([3, 3, 2, 1, 2]))
