# Generator expressions passed to sum, any, all, sorted, max, min, join, tuple, dict.

nums = [3, -1, 4, -1, 5, -9, 2, 6]
print(sum(x * x for x in nums), sum(x for x in nums if x > 0))
print(any(x > 5 for x in nums), all(x > -10 for x in nums), any(x > 100 for x in nums))
print(sorted((x % 5 for x in nums), reverse=True), max(abs(x) for x in nums), min(x for x in nums))
print(",".join(str(x) for x in nums), tuple(x for x in "abc"), dict((x, x * 2) for x in range(3)))
print(list(x for x in range(5)), set(x % 2 for x in range(10)) == {0, 1})
gen = (x * 10 for x in range(4))
print(next(gen), next(gen), list(gen), list(gen))
words = ["alpha", "beta", "gamma", "delta"]
print(max((len(w), w) for w in words), min(words, key=lambda w: w[-1]))
print(sum(1 for w in words if "a" in w), sum(len(w) for w in words) / len(words))
lines = ["10 apples", "3 pears", "7 figs"]
print(sum(int(line.split()[0]) for line in lines))
evens = (n for n in range(1000000) if n % 2 == 0)
print(next(evens), next(evens), next(evens))
squares = (n * n for n in range(1, 1000000))
for s in squares:
    if s > 50:
        print("first square > 50:", s)
        break
print(sum(x for x in range(10000)), len([c for c in "generator" if c in "aeiou"]))
g = (i for i in [1, 2])
print(type(g).__name__, list(zip(g, "ab")))
def pairwise_sums(xs):
    return list(a + b for a, b in zip(xs, xs[1:]))
print(pairwise_sums([1, 2, 3, 4]))
