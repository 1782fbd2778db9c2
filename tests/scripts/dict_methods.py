# get, setdefault, pop, popitem, update, copy, clear, fromkeys.

d = {"a": 1, "b": 2, "c": 3}
print(d.get("a"), d.get("z"), d.get("z", 0), d.get("b", 99))
print(d.setdefault("a", 100), d.setdefault("d", 4), d.setdefault("e"), d)
print(d.pop("e"), d.pop("zz", "default"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
print(d.popitem(), d.popitem(), d)
d.update({"b": 20, "x": 9})
d.update([("y", 10)], z=11)
d.update(w=0)
print(d)
c = d.copy()
c["a"] = "changed"
print(d["a"], c["a"], c is d, c == d)
c.clear()
print(c, len(c))
print(dict.fromkeys("abc"), dict.fromkeys(["x", "y"], 0), dict.fromkeys(range(3), []))
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)

inventory = {}
for item, qty in [("apple", 3), ("pear", 2), ("apple", 5), ("fig", 1), ("pear", -2)]:
    inventory[item] = inventory.get(item, 0) + qty
    if inventory[item] == 0:
        inventory.pop(item)
print(inventory)

shared = dict.fromkeys(["a", "b"], [])
shared["a"].append(1)
print(shared)
groups = {}
for n in range(10):
    groups.setdefault("even" if n % 2 == 0 else "odd", []).append(n)
print(groups)
keys = list(groups)
print(keys, list(groups.values())[0][-1], len(groups.items()))
