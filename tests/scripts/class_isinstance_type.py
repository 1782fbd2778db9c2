# isinstance/issubclass with tuples, type(), type names of builtins.

class A:
    pass

class B(A):
    pass

class C:
    pass

b = B()
print(isinstance(b, A), isinstance(b, (C, A)), isinstance(b, (C, int)), isinstance(b, object))
print(issubclass(B, (C, A)), issubclass(bool, int), issubclass(int, (str, float)), issubclass(B, object))
print(type(b).__name__, type(b) is B, type(b) is A, type(b) == B, type(B).__name__)

values = [1, 2.5, "s", [1], (1,), {1: 2}, {1}, None, True, range(3), A, b, 10 ** 30, frozenset()]
print([type(v).__name__ for v in values])

def describe(x):
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, (int, float)):
        return "number"
    if isinstance(x, str):
        return "string"
    if isinstance(x, (list, tuple)):
        return f"sequence of {len(x)}"
    if isinstance(x, dict):
        return "mapping"
    if x is None:
        return "nothing"
    return "other:" + type(x).__name__

print([describe(v) for v in values])
print(isinstance(True, int), isinstance(1, bool), isinstance(1.0, int), isinstance("", str))
print(type(1) is int, type(True) is bool, type(None).__name__, type(type).__name__)
print(int("3") + float("1.5"), str(10) + "!", list("ab"), tuple([1]), bool(0), float(2))
print(type(3)(7), type("x")(42), type([])((1, 2)), type(2.0)("1e3"))
try:
    isinstance(b, "A")
except TypeError as e:
    print("TypeError raised")
