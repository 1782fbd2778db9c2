# Case conversion.

for s in ["hello world", "HELLO World", "python3 is fun", "o'neil's data", "ABC-def ghi_jkl", ""]:
    print(repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()), repr(s.swapcase()))

print("ÉCOLE".lower(), "éte".capitalize(), "naïve café".upper(), "ÜBER".swapcase())
print("MiXeD".casefold(), "a1b2".upper(), "42".lower())

names = ["alice", "BOB", "ChArLiE"]
print([n.capitalize() for n in names])
print(sorted(names), sorted(names, key=str.lower))
print("Hello".lower() == "hELLO".lower(), "x".upper() == "X")
