# while loops: else clause, break, continue, nested loops.

n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n =", n)
else:
    print("while finished normally, n =", n)

n = 10
while n > 0:
    if n == 7:
        print("breaking at", n)
        break
    n -= 1
else:
    print("not printed")

while False:
    print("never")
else:
    print("else of a loop that never ran")

# Collatz steps
def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

print([collatz_steps(i) for i in range(1, 16)], collatz_steps(27))

# Nested while with flags
i = 0
found = None
while i < 5 and found is None:
    j = 0
    while j < 5:
        if i * j == 6:
            found = (i, j)
            break
        j += 1
    i += 1
print("found", found)

# Digits of a number, binary search
num = 907153
digits = []
while num:
    num, d = divmod(num, 10)
    digits.append(d)
print(digits[::-1])

def bsearch(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        elif xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    else:
        return -1

data = list(range(0, 100, 7))
print([bsearch(data, t) for t in (0, 49, 98, 50, -1, 200)])
count = 0
while True:
    count += 1
    if count >= 1000:
        break
print(count)
