# Helper module imported by import_sibling.py, import_from_as.py and main_guard.py.
# Not a test on its own (the runner skips *_helper.py).

PI_APPROX = 3.14159
LOAD_COUNT = 0
LOAD_COUNT += 1
WAS_MAIN = __name__ == "__main__"

def square(x):
    return x * x

def mean(values):
    values = list(values)
    if not values:
        raise ValueError("mean of empty data")
    return sum(values) / len(values)

def is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True

class Fraction:
    def __init__(self, num, den):
        g = gcd(num, den)
        self.num, self.den = num // g, den // g

    def __add__(self, other):
        return Fraction(self.num * other.den + other.num * self.den, self.den * other.den)

    def __repr__(self):
        return f"{self.num}/{self.den}"

def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

_private = "not exported by convention"

if __name__ == "__main__":
    print("helper run directly")
