# heapq: push/pop order, heapify, heapreplace, heappushpop, items with equal
# keys (they must come out in CPython's order), nsmallest/nlargest with
# key=, and merge() of sorted inputs.
import heapq
import random

rng = random.Random(7)
data = [rng.randrange(50) for _ in range(40)]
h = []
for x in data:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(len(h))])

h = data[:]
heapq.heapify(h)
print(h)
print(heapq.heapreplace(h, 25), heapq.heappushpop(h, 1), heapq.heappushpop(h, 99), h[:8])

pairs = [(rng.randrange(4), i) for i in range(20)]
h = []
for p in pairs:
    heapq.heappush(h, p)
print([heapq.heappop(h) for _ in range(len(h))])


class Job:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name

    def __lt__(self, other):
        return self.prio < other.prio


jobs = [Job(rng.randrange(3), "j%d" % i) for i in range(12)]
h = []
for j in jobs:
    heapq.heappush(h, j)
print([heapq.heappop(h).name for _ in range(len(h))])
h = jobs[:]
heapq.heapify(h)
print([heapq.heappop(h).name for _ in range(len(h))])

words = ["pear", "fig", "banana", "kiwi", "apple", "date", "plum"]
print(heapq.nsmallest(3, words), heapq.nlargest(3, words, key=len), heapq.nsmallest(0, words))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 3, 9])))
print(list(heapq.merge(["b", "dd"], ["a", "ccc"], key=len)))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)
