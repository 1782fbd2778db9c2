# split, rsplit, join, strip, lstrip, rstrip, replace.

text = "  the quick  brown fox  "
print(text.split())
print(text.split(" "))
print(text.strip().split(" ", 2))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1))
print("a b c d".rsplit(None, 2), "a b c d".split(None, 2), "".split(), "".split(","))
print("one::two::three".split("::"), "no-sep".split("-"), "x".split("x"))
print("1\t2\n3  4".split(), "  lead".split(" "))

print("-".join(["a", "b", "c"]), ", ".join(str(i) for i in range(5)), "".join([]))
print(" ".join("abc"), "+".join(("x",)), "\n".join(["line1", "line2"]))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError:", e)

print(repr(text.strip()), repr(text.lstrip()), repr(text.rstrip()))
print("xxhixx".strip("x"), "abcHELLOcba".strip("abc"), "www.example.com".lstrip("w."))
print("path/to/dir///".rstrip("/"), repr("\t\n x \r\n".strip()), "..a..".strip("."))

print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "hello".replace("l", ""))
print("abc".replace("", "-"), "banana".replace("an", "AN"), "x".replace("y", "z"))
print("one two one two".replace("one", "1").replace("two", "2"))

csv = "name,age,city\nalice,30,paris\nbob,25,rome"
rows = [line.split(",") for line in csv.split("\n")]
header, data = rows[0], rows[1:]
for row in data:
    print({k: v for k, v in zip(header, row)})

words = "It was the best of times it was the worst of times".lower().split()
print(len(words), words.count("was"), " ".join(sorted(set(words))))

# Whitespace beyond ASCII, and ASCII `chars` around non-ASCII text: strip and
# split take byte-wise shortcuts for ASCII (runtime/str_text.hpp), which must
# agree with the code-point rules.
cases = ["  abc  ", "\u00a0 x \u2003", " \u00e9t\u00e9 ", "\x1c\x1dz\x1f", "", "   ", "\u3000",
         "a\u0085", "\u0085a b\u2028", ",.\u00e9;!", "\u00e9\u00e9abc\u00e9\u00e9", "xy\u00e9"]
for s in cases:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip(",.;!")),
          repr(s.strip("\u00e9")), repr(s.strip("x\u00e9")), repr(s.rstrip("a")))
    print(s.split(), s.rsplit(None, 1), s.split(None, 1))
