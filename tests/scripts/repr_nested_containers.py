# repr vs str of nested containers holding strings, floats and None.

data = {"name": "Ann", "scores": [9.5, 8.0, 10], "tags": ("a", "b"), "meta": {"x": None, "y": True}}
print(data)
print(str(data) == repr(data))
print([["a", 'b"c', "d'e"], (1.0, -0.5, 1e-9), {"nested": [{"deep": "str"}]}])
print(repr("plain"), str("plain"), repr(['it\'s', "say \"hi\"", "both ' and \""]))
print(repr([1.10, 2.25, 1e100, float("inf")]), str((0.1,)), repr((1,)), repr(()), repr([()]))
print([None, True, False], repr(None), str(None), {None: None})
print(repr("line\nbreak\ttab\\slash"), ["line\nbreak"], repr("\x01\x7f é"))
print(repr([[], {}, (), ""]), [[[]]], ({},), {"": ""})
print(str([1, [2, [3, [4]]]]), repr({1: {2: {3: {}}}}))
print({"k": "v"}.items(), list({"k": "v"}.items()))
print(repr(range(0, 5)), [range(3)], repr(-0.0), [1e16, 1.5e-7])
s = "single ' quote"
d = 'double " quote'
print(repr(s), repr(d), [s, d])
print(str(123), repr(123), str(-4.0), repr(10 ** 20), repr(True), str([True]))
