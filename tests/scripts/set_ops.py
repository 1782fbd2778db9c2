# Set operators. Sets of ints print in a deterministic order in CPython;
# sets of strings are always sorted before printing.

a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a <= b, {4, 5} <= b, {4, 5} < b, b < b, b <= b, a >= {1, 2}, a > a, a == {5, 4, 3, 2, 1})
print(3 in a, 9 in a, 9 not in a, len(a), len(set()), bool(set()), bool({0}))
c = set(a)
c |= {10}
c &= {1, 2, 10, 11}
c -= {2}
c ^= {1, 99}
print(sorted(c))
words = set("the quick brown fox jumps over the lazy dog".split())
print(len(words), sorted(words))
vowels = set("aeiou")
print(sorted(vowels & set("programming")), sorted(set("hello") - vowels))
print(sorted({x % 7 for x in range(50)}), sorted({len(w) for w in words}))
print(set([3, 3, 1]) == {1, 3}, {1, 2} != {2, 3}, set() == set(), {1.0, 1} == {1})
print(sorted({(1, 2), (2, 1), (1, 2)}), sorted(frozenset("aab")), frozenset({1}) == {1})
fs = frozenset([3, 1, 2])
d = {fs: "frozen"}
print(d[frozenset([1, 2, 3])], sorted(fs | {9}), type(fs | {9}).__name__)
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    a + b
except TypeError as e:
    print("TypeError:", e)
print(set(), repr(set()), {1}, {-1}, sorted({"b", "a"}))
