# sort and sorted: keys, reverse, stability.

words = ["banana", "Apple", "cherry", "date", "fig", "elderberry", "apple"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w.lower())))
print(sorted(words, key=str.lower))

# Stability: equal keys keep their original order, also with reverse=True.
records = [("alice", 3), ("bob", 1), ("carol", 3), ("dave", 2), ("eve", 1), ("frank", 3)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
by_name = sorted(records)
by_score = sorted(by_name, key=lambda r: r[1], reverse=True)
print(by_score)

nums = [5, -3, 2, -8, 7, 0, -1]
nums.sort(key=abs)
print(nums)
nums.sort(key=lambda v: -v)
print(nums)
print(sorted(nums, key=lambda v: (v % 2, v)))
print(sorted([[3, 1], [1, 2], [3, 0], [1, 1]]), sorted([(2, "b"), (1, "z"), (2, "a")]))
print(sorted([3.5, 1, 2.25, -0.5, 2]), sorted(range(10), key=lambda i: i % 3))
print(sorted("the quick brown fox".split(), key=lambda w: w[-1]))
print(sorted({"b": 2, "a": 1, "c": 0}), sorted({"b": 2, "a": 1, "c": 0}.items(), key=lambda kv: kv[1]))
print(sorted([], reverse=True), sorted((3, 2, 1)), sorted("cba", reverse=True))

people = [{"name": "Zed", "age": 30}, {"name": "Amy", "age": 25}, {"name": "Bob", "age": 30}]
for p in sorted(people, key=lambda p: (-p["age"], p["name"])):
    print(p["name"], p["age"])

big = [(i * 7919) % 1000 for i in range(200)]
s1 = sorted(big)
print(s1[:10], s1[-5:], all(s1[i] <= s1[i + 1] for i in range(len(s1) - 1)))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError:", e)
