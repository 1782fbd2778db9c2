# List, set and dict comprehensions: nested, with conditions, scoping.

print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([x if x % 2 else -x for x in range(8)])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[r * c for c in range(1, 4)] for r in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix][:4])
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n % 2])
print(sorted({c.lower() for c in "Hello World" if c.isalpha()}))
print({word: len(word) for word in ["apple", "kiwi", "banana"]})
print([c * 2 for c in "abc"], [s.strip() for s in [" a ", "b  "]], [len(w) for w in "to be or not".split()])
x = "outer"
squares = [x * 2 for x in range(3)]
print(x, squares)
print([i for i in range(3)] == list(range(3)), [[]] == [[] for _ in range(1)])
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])
primes = [n for n in range(2, 50) if all(n % d for d in range(2, int(n ** 0.5) + 1))]
print(primes)
words = ["level", "hello", "noon", "python", "stats"]
print([w for w in words if w == w[::-1]], [w.upper() for w in words if len(w) > 4][:2])
pythag = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(pythag)
print([(i, j) for i in range(4) if i % 2 for j in range(i)])
y = 10
print([y + k for k in range(3)], {k: y * k for k in range(3)})
def make():
    base = 100
    return [base + k for k in range(3)]
print(make())
