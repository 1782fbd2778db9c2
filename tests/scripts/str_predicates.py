# isdigit, isalpha, isalnum, isspace, isupper, islower, istitle, isdecimal, isnumeric, isidentifier.

samples = ["123", "abc", "abc123", "   ", "", "ABC", "Abc", "Hello World", "a b", "12.5",
           "-5", "\t\n", "héllo", "ÀB", "snake_case", "2x", "x2"]
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(),
          s.islower(), s.istitle(), s.isdecimal(), s.isidentifier())

def classify(ch):
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "upper" if ch.isupper() else "lower"
    if ch.isspace():
        return "space"
    return "other"

print([classify(c) for c in "aB3 !\t"])
counts = {}
for c in "Hello, World 2024!":
    kind = classify(c)
    counts[kind] = counts.get(kind, 0) + 1
print(counts)
