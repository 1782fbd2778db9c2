# String indexing and slicing, including negative indices and steps.

s = "Hello, World!"
print(s[0], s[7], s[-1], s[-6], len(s))
print(s[0:5], s[7:], s[:5], s[-6:], s[-6:-1], s[:], s[100:], s[-100:3])
print(s[::2], s[1::2], s[::-1], s[::-2], s[10:2:-2], s[-1:-6:-1], s[5:0:-1])
print(repr(s[5:5]), repr(s[8:3]), repr(s[3:8:-1]))
print(s[2:11:3], s[len(s) - 1], s[-len(s)])

word = "racecar"
print(word == word[::-1], "python" == "python"[::-1])

for i in range(len("abc")):
    print(i, "abc"[i], "abc"[-i - 1])

for ch in "xyz":
    print(ch, end=" ")
print()

try:
    s[20]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "h"
except TypeError as e:
    print("TypeError:", e)

# Slices never raise.
print(repr("abc"[5:10]), repr("abc"[-10:-5]), "abc"[1:100])

# Building strings from pieces.
t = s[:5] + "!" * 3 + s[-1]
print(t, len(t))
print(s[:5].upper() + s[5:].lower())
parts = [s[i:i + 3] for i in range(0, len(s), 3)]
print(parts)
print("".join(reversed(s)) == s[::-1])

# Iteration hands out shared one-character strings for ASCII and decodes the
# rest (runtime/protocol.hpp): mixed widths, the ends of the ASCII range.
mixed = "abc\u00e9d\U0001F600e\x7f\x00z"
print([c for c in mixed], [ord(c) for c in mixed], len(mixed))
it = iter("xy")
print(next(it), next(it), next(it, "end"))
print("".join(c.upper() for c in "h\u00e9llo w\u00f6rld"), sum(map(ord, "abc\u00e9")))
