# Primes: sieve of Eratosthenes, segmented sieve, trial division,
# factorisation, twin primes, Goldbach, prime gaps and Euler's totient.


def sieve(limit):
    if limit < 2:
        return []
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            is_prime[p * p::p] = [False] * len(range(p * p, limit + 1, p))
        p += 1
    return [i for i, flag in enumerate(is_prime) if flag]


def segmented(lo, hi, base):
    flags = [True] * (hi - lo)
    for p in base:
        if p * p >= hi:
            break
        start = max(p * p, (lo + p - 1) // p * p)
        for m in range(start, hi, p):
            flags[m - lo] = False
    return [lo + i for i, f in enumerate(flags) if f and lo + i > 1]


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors


def totient(n):
    result = n
    for p in factorize(n):
        result -= result // p
    return result


primes = sieve(10000)
print(len(primes), primes[:15], primes[-5:], sum(primes))
print([p for p in primes if p < 100] == [n for n in range(100) if is_prime(n)])
seg = segmented(10000, 10200, primes)
print(seg, all(is_prime(p) for p in seg))
twins = [(p, p + 2) for p, q in zip(primes, primes[1:]) if q == p + 2]
print(len(twins), twins[:6], twins[-2:])
gaps = {}
for p, q in zip(primes, primes[1:]):
    gaps[q - p] = gaps.get(q - p, 0) + 1
print(sorted(gaps.items())[:8], max(gaps))
biggest_gap = max(zip(primes, primes[1:]), key=lambda pq: pq[1] - pq[0])
print("largest gap below 10000:", biggest_gap, biggest_gap[1] - biggest_gap[0])
prime_set = set(primes)
for even in (4, 28, 100, 1000, 9998):
    p = next(p for p in primes if even - p in prime_set)
    print(f"{even} = {p} + {even - p}")
for n in (360, 97, 1001, 2 ** 10 * 3 ** 5, 600851475143, 1000003 * 1009):
    f = factorize(n)
    print(n, " * ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in sorted(f.items())))
print([totient(n) for n in range(1, 21)], totient(10 ** 6))
mersenne = [p for p in primes[:11] if is_prime(2 ** p - 1)]
print("Mersenne exponents:", mersenne)
print(sieve(1), sieve(2), sieve(30), len(sieve(100000)))
