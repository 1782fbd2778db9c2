# Memoized Fibonacci up to fib(200) (big integers), checked against the
# iterative version, fast doubling and some identities.

memo = {0: 0, 1: 1}


def fib(n):
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_doubling(n):
    if n == 0:
        return 0, 1
    a, b = fib_doubling(n // 2)
    c = a * (2 * b - a)
    d = a * a + b * b
    return (d, c + d) if n % 2 else (c, d)


print(fib(200))
print(fib(100), fib(50), fib(10))
print(all(fib(n) == fib_iter(n) == fib_doubling(n)[0] for n in range(201)))
print(len(memo), len(str(fib(200))), fib(200) % 1_000_000_007)
print(fib_doubling(1000)[0] % 10 ** 20, len(str(fib_doubling(1000)[0])))
# Cassini's identity: F(n-1)F(n+1) - F(n)^2 = (-1)^n
print(all(fib(n - 1) * fib(n + 1) - fib(n) ** 2 == (-1) ** n for n in range(1, 200)))
# gcd(F(m), F(n)) = F(gcd(m, n))
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(all(gcd(fib(m), fib(n)) == fib(gcd(m, n)) for m in range(1, 60) for n in range(1, 60)))
# Ratio converges to the golden ratio
phi = (1 + 5 ** 0.5) / 2
print(f"{fib(200) / fib(199):.15f}", f"{phi:.15f}", abs(fib(200) / fib(199) - phi) < 1e-15)
print([n for n in range(1, 100) if fib(n) % 10 == 0][:8])
even_sum = sum(f for f in (fib(n) for n in range(100)) if f % 2 == 0 and f < 4_000_000)
print(even_sum)
first_100_digits = next(n for n in range(1, 10000) if len(str(fib_iter(n))) >= 100)
print(first_100_digits)
