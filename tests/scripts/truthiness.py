# Truthiness of everything, bool() of containers, callable().

values = [0, 1, -1, 0.0, 0.1, -0.0, "", " ", "0", "False", [], [0], [[]], (), (None,),
          {}, {0: 0}, set(), {0}, None, True, False, range(0), range(1), 10 ** 100, float("nan")]
for v in values:
    print(repr(v), bool(v), "truthy" if v else "falsy")

print([bool(x) for x in (frozenset(), frozenset([1]), "", "\0")])
print(callable(len), callable(lambda: 1), callable(int), callable(1), callable("print"), callable(None))

class C:
    def method(self):
        pass

print(callable(C), callable(C()), callable(C().method), callable([].append))
items = ["a", "", None, 0, "b", [], [1]]
print([x for x in items if x], len(list(filter(None, items))))
print(not [], not [0], [] or "empty", [0] or "empty", 0 or None or "last")
print(any(values), all(values), all([]), any([]))
print(bool(print), bool(C), bool(type), bool(object()))
