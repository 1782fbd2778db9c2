# Memoization by hand: a dict cache in a decorator and in a closure.

def memoize(func):
    cache = {}
    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]
    wrapper.cache = cache
    return wrapper

calls = 0

@memoize
def fib(n):
    global calls
    calls += 1
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), calls, len(fib.cache))
print(fib(90), calls)

@memoize
def paths(rows, cols):
    if rows == 1 or cols == 1:
        return 1
    return paths(rows - 1, cols) + paths(rows, cols - 1)

print(paths(3, 3), paths(10, 10), paths(18, 18))

@memoize
def edit_distance(a, b):
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return edit_distance(a[1:], b[1:])
    return 1 + min(edit_distance(a[1:], b), edit_distance(a, b[1:]), edit_distance(a[1:], b[1:]))

print(edit_distance("kitten", "sitting"), edit_distance("intention", "execution"), edit_distance("", "abc"))

def coin_ways(amount, coins):
    memo = {}
    def ways(i, rest):
        if rest == 0:
            return 1
        if rest < 0 or i == len(coins):
            return 0
        key = (i, rest)
        if key not in memo:
            memo[key] = ways(i, rest - coins[i]) + ways(i + 1, rest)
        return memo[key]
    return ways(0, amount)

print(coin_ways(100, [1, 5, 10, 25, 50]), coin_ways(10, [2, 5, 3, 6]), coin_ways(7, [2, 4]))

collatz_cache = {1: 1}
def collatz_len(n):
    if n not in collatz_cache:
        collatz_cache[n] = 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
    return collatz_cache[n]

best = max(range(1, 3000), key=collatz_len)
print(best, collatz_len(best))
