# Recursion: factorial, fibonacci, hanoi, permutations, power set, gcd, flatten.

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print([fact(i) for i in range(10)], fact(30))
print([fib(i) for i in range(15)])

def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src, moves)

moves = []
hanoi(4, "A", "C", "B", moves)
print(len(moves), moves[:5])

def permutations(items):
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            out.append([items[i]] + p)
    return out

perms = permutations([1, 2, 3])
print(len(perms), perms, len(permutations(list("abcde"))))

def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]

print(sorted(power_set([1, 2, 3]), key=lambda x: (len(x), x)))

def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)

print(gcd(1071, 462), gcd(17, 5), gcd(0, 9))

def depth(x):
    if isinstance(x, list):
        return 1 + max((depth(i) for i in x), default=0)
    return 0

print(depth([1, [2, [3, [4]]], []]), depth([]), depth(5))

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print(is_even(10), is_odd(7), is_even(99))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(ackermann(2, 3), ackermann(3, 3))
def sum_digits(n):
    return n if n < 10 else n % 10 + sum_digits(n // 10)
print(sum_digits(2 ** 100), sum_digits(0))
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(500))
