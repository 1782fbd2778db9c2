# Slicing lists: reading, assignment (also with steps) and deletion.

a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[::3], a[::-1], a[8:2:-2], a[-1:-4:-1])
print(a[100:], a[-100:2], a[5:5], a[::-3])
b = a[:]
b[0] = 99
print(a[0], b[0])

a[2:5] = ["x", "y"]
print(a)
a[1:1] = [100, 200, 300]
print(a)
a[-2:] = []
print(a)
a[:] = range(12)
print(a)
a[::2] = ["e"] * 6
print(a)
a[1::3] = [-1, -2, -3, -4]
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)

del a[0]
print(a)
del a[::2]
print(a)
del a[-2:]
print(a)
del a[:]
print(a, len(a))

c = list(range(20))
del c[1:15:3]
print(c)
c[3:6] = "abc"
print(c)
c[len(c):] = [98, 99]
print(c)
c[:0] = ["start"]
print(c[:4], len(c))

matrix = [[r * 3 + col for col in range(3)] for r in range(3)]
print(matrix, [row[1] for row in matrix], matrix[1][::-1], matrix[::-1][0])
nested = matrix[:]
nested[0][0] = "shared"
print(matrix[0][0])
rev = list(reversed(range(5)))
print(rev, rev[1:-1], rev[-1::-2])
