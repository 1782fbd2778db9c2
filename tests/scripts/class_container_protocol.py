# __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__.

class Matrix2:
    def __init__(self, rows, cols, fill=0):
        self.rows, self.cols = rows, cols
        self.data = [fill] * (rows * cols)

    def __len__(self):
        return self.rows * self.cols

    def __getitem__(self, pos):
        r, c = pos
        if not (0 <= r < self.rows and 0 <= c < self.cols):
            raise IndexError(f"position {pos} out of range")
        return self.data[r * self.cols + c]

    def __setitem__(self, pos, value):
        r, c = pos
        self.data[r * self.cols + c] = value

    def __contains__(self, value):
        return value in self.data

    def __iter__(self):
        for r in range(self.rows):
            yield [self[r, c] for c in range(self.cols)]

m = Matrix2(2, 3)
m[0, 1] = 5
m[1, 2] = 7
print(len(m), m[0, 1], m[1, 2], 5 in m, 9 in m, list(m))
try:
    m[2, 0]
except IndexError as e:
    print("IndexError:", e)

class Sentence:
    def __init__(self, text):
        self.words = text.split()
    def __getitem__(self, i):
        return self.words[i]
    def __len__(self):
        return len(self.words)

s = Sentence("the quick brown fox")
print(s[0], s[-1], s[1:3], len(s), list(s), "fox" in s, [w.upper() for w in s])

class Bag:
    def __init__(self):
        self.counts = {}
    def add(self, item):
        self.counts[item] = self.counts.get(item, 0) + 1
    def __len__(self):
        return sum(self.counts.values())
    def __contains__(self, item):
        return self.counts.get(item, 0) > 0
    def __getitem__(self, item):
        return self.counts.get(item, 0)
    def __delitem__(self, item):
        del self.counts[item]
    def __iter__(self):
        return iter(sorted(self.counts))

bag = Bag()
for w in "a b a c b a".split():
    bag.add(w)
print(len(bag), "a" in bag, "z" in bag, bag["a"], bag["z"], list(bag))
del bag["a"]
print(len(bag), "a" in bag, list(bag), bool(bag))
try:
    del bag["zzz"]
except KeyError as e:
    print("KeyError:", e)

class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError
        return i * i

print(list(Squares()), 9 in Squares(), [x for x in Squares() if x % 2])
