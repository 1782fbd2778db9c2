# sorted, reversed, min/max with key and default, sum with start, enumerate
# with start, zip, map, filter, any, all.

data = [4, -2, 7, 0, -9, 3]
print(sorted(data), list(reversed(data)), list(reversed("abc")), list(reversed(range(3))))
print(min(data), max(data), min(data, key=abs), max(data, key=abs), max("apple", "fig", key=len))
print(min([], default="empty"), max([], default=None), min(5, 2, 8), max("abc"))
print(sum(data), sum(data, 100), sum([[1], [2, 3]], []), sum([0.5, 0.25]), sum(range(101)))
for i, ch in enumerate("abc"):
    print(i, ch, end="; ")
print()
print(list(enumerate(["x", "y"], start=1)), list(enumerate("ab", 10)))
print(list(zip([1, 2, 3], "abc")), list(zip([1, 2, 3], [4, 5])), list(zip()), list(zip("a")))
print(list(zip(range(3), range(10, 13), "xyz")))
names = ["ann", "bob"]
ages = [31, 25]
print(dict(zip(names, ages)))
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
print(list(map(str.upper, ["a", "b"])), list(map(lambda x: x * x, range(5))))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20, 30])), list(map(int, "123")))
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(any([]), all([]), any([0, 0, 1]), all([1, 2, 0]), any(x > 5 for x in data), all(isinstance(x, int) for x in data))
print(len(data), abs(-3), list(range(3)), tuple("ab"), set([1, 1, 2]) == {1, 2})

m = map(lambda x: x + 1, [1, 2, 3])
print(next(m), list(m), list(m))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
z = zip("ab", [1, 2])
print(next(z), list(z))
e = enumerate("xy")
print(next(e), next(e), next(e, None))
print(sorted(map(len, ["aaa", "b", "cc"])), list(reversed(sorted(data)))[:2])
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
