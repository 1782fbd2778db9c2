# round(): half-to-even, ndigits, negative ndigits, return types.

for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 4.5, 5.5, 0.4999, 2.675]:
    print(x, round(x), type(round(x)).__name__)

print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(3.14159, 3), round(3.14159, 0), round(-3.14159, 1), round(1234.5678, -2))
print(round(12345, -2), round(12355, -1), round(-15, -1), round(25, -1), round(35, -1))
print(round(7), round(7, 2), round(-7.0), type(round(7.0, 1)).__name__)
print(round(1e20), round(123.456, 5), round(0.1 + 0.2, 15), round(1 / 3, 4))
print(round(2.5, 0), round(-0.0), round(99.99, 1), round(99.95, 1))

# round-trip in a loop
total = 0
for i in range(1, 21):
    total += round(i / 4)
print(total)

values = [1.23456, 9.87654, 5.55555]
print([round(v, 2) for v in values], sum(round(v, 1) for v in values))
