# The math module: the functions everyone uses.
import math

print(math.pi, math.e, math.inf, -math.inf)
print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25), math.sqrt(1e10))
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7))
print(type(math.floor(2.5)).__name__, math.floor(5), math.ceil(5), math.floor(-0.0))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-24, 36), math.gcd(2 ** 40, 6 ** 20))
print(math.factorial(0), math.factorial(10), math.factorial(25))
print(math.log(math.e), math.log(1), round(math.log(100, 10), 12), round(math.log(8, 2), 12))
print(math.exp(0), math.exp(1) == math.e, round(math.exp(2), 10))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 12), round(math.cos(math.pi), 12))
print(round(math.sin(math.pi / 6), 12), round(math.cos(math.pi / 3), 12))
print(math.hypot(3, 4), math.hypot(5, 12), math.hypot(1, 1))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1))
print(math.isclose(0.0, 1e-12), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1.5, 2.5, 3.0]))

try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)

# Distance between points, rounded for stable output.
points = [(0, 0), (3, 4), (6, 8), (1, 1)]
for (x1, y1), (x2, y2) in zip(points, points[1:]):
    print(f"{math.hypot(x2 - x1, y2 - y1):.4f}", f"{math.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2):.4f}")

# Area of circles
for r in (1, 2.5, 10):
    print(r, round(math.pi * r * r, 6))

# Newton's method against math.sqrt
def newton_sqrt(x):
    guess = x / 2
    for _ in range(30):
        guess = (guess + x / guess) / 2
    return guess

for x in (2, 10, 144, 12345):
    print(x, math.isclose(newton_sqrt(x), math.sqrt(x)), f"{newton_sqrt(x):.6f}")
