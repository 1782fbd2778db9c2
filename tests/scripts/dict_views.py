# dict views: printing, live updates, set operations, iteration.

d = {"apple": 3, "banana": 5, "cherry": 7}
k, v, it = d.keys(), d.values(), d.items()
print(k)
print(v)
print(it)
print(len(k), "apple" in k, 5 in v, ("banana", 5) in it, ("banana", 6) in it)
d["date"] = 9
del d["apple"]
print(k, list(v), len(it))
print(sorted(k), sorted(v, reverse=True), list(reversed(list(k))))
other = {"banana": 0, "elder": 1}
print(sorted(k & other.keys()), sorted(k | other.keys()), sorted(k - other.keys()))
print(sorted(k ^ other), k == {"banana", "cherry", "date"}, d.keys() <= {"banana", "cherry", "date", "x"})
print(list(zip(d.keys(), d.values())) == list(d.items()))
total = 0
for name, count in d.items():
    total += count
print(total, sum(d.values()), max(d, key=d.get), min(d.items(), key=lambda kv: kv[1]))
print(list({}.keys()), {}.values(), dict(d.items()) == d)
try:
    for key in d:
        d[key + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
