# zfill, center, ljust, rjust, expandtabs.

print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2), "".zfill(3))
print(repr("hi".center(6)), repr("hi".center(7)), repr("hi".center(7, "*")), repr("hello".center(3)))
print(repr("ab".ljust(5)), repr("ab".rjust(5)), repr("ab".ljust(5, ".")), repr("ab".rjust(5, "0")))
print(repr("a\tb\tc".expandtabs()), repr("a\tb".expandtabs(4)), repr("abcd\te".expandtabs(4)))
print(repr("\t".expandtabs(2)), repr("x\ty\n\tz".expandtabs(3)))

rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 3.0)]
for name, qty, price in rows:
    print(name.ljust(10) + str(qty).rjust(5) + str(price).rjust(8))
print("-" * 23)
print("TOTAL".center(23, "="))
for n in (1, 22, 333):
    print(str(n).zfill(4), str(n).rjust(4, "_"))
