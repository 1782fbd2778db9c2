# Sorting: sort-heavy work on deterministic (LCG) data. list.sort and
# sorted() on ints, floats, strings and tuples; key= with named functions,
# lambdas and bound methods; reverse=True; multi-pass stable sorts; tuple
# comparison (including ties broken by later fields); sorting objects by
# attribute; min/max with key=; and a hand-written merge sort and insertion
# sort checked against the built-in sort.
# The checksum folds the positions of the sorted results.
import sys
import time

MOD = 1000000007


def lcg_list(seed, count, bound):
    x = seed
    out = []
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((x >> 4) % bound)
    return out


class Employee:
    def __init__(self, ident, name, dept, salary, age):
        self.ident = ident
        self.name = name
        self.dept = dept
        self.salary = salary
        self.age = age

    def seniority(self):
        return (self.age // 10, -self.salary)


def make_people(seed, count):
    nums = lcg_list(seed, count * 4, 1000003)
    letters = "abcdefghijklmnopqrstuvwxyz"
    people = []
    for i in range(count):
        a, b, c, d = nums[4 * i:4 * i + 4]
        name = letters[a % 26] + letters[b % 26] + letters[(a // 26) % 26] + str(c % 10)
        people.append(Employee(i, name, "dept" + str(d % 7), 30000 + (b % 500) * 100, 20 + c % 45))
    return people


def merge_sort(items, key):
    if len(items) <= 1:
        return items[:]
    mid = len(items) // 2
    left = merge_sort(items[:mid], key)
    right = merge_sort(items[mid:], key)
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if key(right[j]) < key(left[i]):
            out.append(right[j])
            j += 1
        else:
            out.append(left[i])
            i += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def insertion_sort(items):
    items = items[:]
    for i in range(1, len(items)):
        v = items[i]
        j = i - 1
        while j >= 0 and items[j] > v:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = v
    return items


def fold(acc, values):
    for i, v in enumerate(values):
        acc = (acc * 31 + (i + 1) * v) % MOD
    return acc


def digit_sum(x):
    s = 0
    while x:
        s += x % 10
        x //= 10
    return s


def round_of(seed):
    acc = 0
    nums = lcg_list(seed, 4000, 100000)

    # Plain ints, both directions, and with key functions.
    acc = fold(acc, sorted(nums)[::97])
    acc = fold(acc, sorted(nums, reverse=True)[::89])
    by_digits = sorted(nums, key=digit_sum)
    acc = fold(acc, by_digits[::83])
    by_mod = sorted(nums, key=lambda x: (x % 100, -x))
    acc = fold(acc, by_mod[::79])
    work = nums[:]
    work.sort(key=lambda x: x % 1000, reverse=True)
    acc = fold(acc, work[::73])

    # Floats and strings.
    floats = [x / 7.0 for x in nums[:1500]]
    floats.sort()
    acc = fold(acc, [int(f) for f in floats[::61]])
    words = [hex(x)[2:] + chr(97 + x % 26) for x in nums[:2000]]
    words.sort()
    acc = fold(acc, [len(w) + ord(w[0]) for w in words[::53]])
    words.sort(key=str.upper, reverse=True)
    acc = fold(acc, [ord(w[-1]) for w in words[::47]])
    words.sort(key=len)
    acc = fold(acc, [len(w) for w in words[::43]])

    # Tuples: ties broken by later fields.
    pairs = [(x % 50, x % 7, x) for x in nums[:3000]]
    pairs.sort()
    acc = fold(acc, [p[2] for p in pairs[::41]])
    acc = fold(acc, [p[2] for p in sorted(pairs, key=lambda p: (p[1], -p[0]), reverse=True)[::37]])

    # Objects: stable multi-pass sort (salary desc, then by dept), attribute keys.
    people = make_people(seed, 1200)
    people.sort(key=lambda e: e.salary, reverse=True)
    people.sort(key=lambda e: e.dept)
    acc = fold(acc, [e.ident for e in people[::31]])
    ranked = sorted(people, key=Employee.seniority)
    acc = fold(acc, [e.ident for e in ranked[::29]])
    by_name = sorted(people, key=lambda e: (e.name, e.age))
    acc = fold(acc, [e.ident for e in by_name[::23]])
    oldest = max(people, key=lambda e: (e.age, e.ident))
    cheapest = min(people, key=lambda e: (e.salary, -e.ident))
    acc = (acc + oldest.ident * 3 + cheapest.ident) % MOD

    # Hand-written sorts must agree with the built-in one (stability too).
    small = [(x % 30, i) for i, x in enumerate(nums[:600])]
    mine = merge_sort(small, lambda t: t[0])
    theirs = sorted(small, key=lambda t: t[0])
    ins = insertion_sort(nums[:400])
    if mine != theirs or ins != sorted(nums[:400]):
        raise AssertionError("sorts disagree")
    acc = fold(acc, [t[1] for t in mine[::19]])
    acc = fold(acc, ins[::17])

    # Sorting dict items and sets.
    counts = {}
    for x in nums:
        counts[x % 97] = counts.get(x % 97, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    acc = fold(acc, [k * 1000 + v for k, v in top])
    acc = fold(acc, sorted(set(x % 503 for x in nums), reverse=True)[:20])
    return acc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    start = time.perf_counter()
    checksum = 0
    for r in range(n):
        checksum = (checksum * 7 + round_of(777 + r)) % MOD
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum}")
    print(f"time {elapsed:.6f}")


main()
