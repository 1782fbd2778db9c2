# bytes * int and int * bytes (a bytes object used to be repeated as if it were a tuple).
print(b"ab" * 3, 3 * b"xy", b"q" * 0, b"q" * -2, b"" * 5)
x = b"abc"
x *= 2
print(x, len(b"\x00\xff" * 1000), (b"z" * 1).decode())
print(type(b"a" * 2).__name__)
