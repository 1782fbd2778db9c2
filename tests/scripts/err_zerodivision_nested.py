# ZeroDivisionError from integer division inside a method inside a comprehension.

class Stats:
    def __init__(self, groups):
        self.groups = groups

    def mean(self, name):
        values = self.groups[name]
        return sum(values) // len(values)

s = Stats({"a": [1, 2, 3], "b": []})
print(s.mean("a"))
print([s.mean(name) for name in ["a", "b"]])
