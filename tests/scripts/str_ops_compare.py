# String operators, comparisons, sorting, ord and chr.

print("ab" * 3, 3 * "xy", "a" * 0, "a" * -1 == "", "-" * 10)
print("abc" + "def", "abc" < "abd", "abc" < "abcd", "Z" < "a", "" < "a", "b" > "abc")
print("apple" == "apple", "apple" != "Apple", "a" <= "a", max("hello"), min("hello"))
print(sorted(["banana", "Apple", "cherry", "apple", "Banana", "_x", "10", "9"]))
print(sorted(["banana", "Apple", "cherry", "apple"], key=str.lower))
print(sorted(["bb", "a", "ccc", "dd"], key=len), sorted("python"), "".join(sorted("python")))
print(sorted(["b", "a", "c"], reverse=True), max(["pear", "fig", "banana"], key=len))

print(ord("A"), ord("a"), ord("0"), ord(" "), ord("é"), ord("€"), ord("😀"))
print(chr(65), chr(97), chr(48), chr(233), chr(8364), chr(128512), repr(chr(10)))
print([chr(c) for c in range(ord("a"), ord("f"))], "".join(chr(ord(c) + 1) for c in "HAL"))

def caesar(text, shift):
    out = []
    for c in text:
        if c.isalpha() and c.isascii():
            base = ord("A") if c.isupper() else ord("a")
            out.append(chr((ord(c) - base + shift) % 26 + base))
        else:
            out.append(c)
    return "".join(out)

secret = caesar("Hello, World!", 3)
print(secret, caesar(secret, -3), caesar("xyz", 2))

print("in" in "string", "sing" in "string", "a" not in "xyz", len(""), bool(""), bool(" "))
s = "abc"
s += "def"
s *= 2
print(s, len(s), s.count("c"))
try:
    "abc" < 3
except TypeError as e:
    print("TypeError:", e)
try:
    "abc" * "x"
except TypeError as e:
    print("TypeError:", e)
