# Generators: a lazy pipeline of generator functions (a deterministic LCG
# source, filters, maps, a sliding window, chunking, run-length encoding),
# recursive tree walks with `yield from`, a coroutine driven with send(),
# and generator expressions consumed by sum/max/any/all/sorted/dict.
# Exercises frame suspension and resumption, StopIteration at the end of a
# generator, `yield from` delegation (including its return value),
# lambdas passed into generators, and early close() of unfinished generators.
# The checksum folds every stage's results.
import sys
import time

MOD = 1000000007


def lcg(seed, count):
    """count pseudo-random 31-bit numbers."""
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        yield x


def keep(pred, items):
    for item in items:
        if pred(item):
            yield item


def apply(fn, items):
    for item in items:
        yield fn(item)


def window(items, size):
    buf = []
    for item in items:
        buf.append(item)
        if len(buf) > size:
            del buf[0]
        if len(buf) == size:
            yield tuple(buf)


def chunks(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_lengths(items):
    prev = None
    count = 0
    for item in items:
        if count and item == prev:
            count += 1
        else:
            if count:
                yield prev, count
            prev = item
            count = 1
    if count:
        yield prev, count


def take(n, items):
    for i, item in enumerate(items):
        if i >= n:
            return
        yield item


def pipeline(seed, count):
    nums = lcg(seed, count)
    small = apply(lambda x: x % 1000, nums)
    odd = keep(lambda x: x & 1, small)
    trios = window(odd, 3)
    sums = (a + b * 2 + c * 3 for a, b, c in trios)
    acc = 0
    n = 0
    for group in chunks(sums, 7):
        acc = (acc * 31 + sum(group) + max(group) - min(group)) % MOD
        n += 1
    return (acc + n) % MOD


def digits_runs(seed, count):
    digits = (x % 4 for x in lcg(seed, count))
    acc = 0
    for value, length in run_lengths(digits):
        acc = (acc * 7 + value * 13 + length) % MOD
    return acc


# A binary tree as nested tuples (left, value, right) walked with yield from.
def build_tree(values):
    if not values:
        return None
    mid = len(values) // 2
    return (build_tree(values[:mid]), values[mid], build_tree(values[mid + 1:]))


def inorder(node):
    if node is not None:
        left, value, right = node
        yield from inorder(left)
        yield value
        yield from inorder(right)


def depth_first(node, depth=0):
    """Yields (depth, value) pairs and returns the number of nodes visited."""
    if node is None:
        return 0
    left, value, right = node
    yield depth, value
    n_left = yield from depth_first(left, depth + 1)
    n_right = yield from depth_first(right, depth + 1)
    return 1 + n_left + n_right


def tree_work(seed, count):
    values = sorted(set(x % 100000 for x in lcg(seed, count)))
    tree = build_tree(values)
    ordered = list(inorder(tree))
    ok = ordered == values
    weighted = 0
    walker = depth_first(tree)
    try:
        while True:
            d, v = next(walker)
            weighted = (weighted + d * v) % MOD
    except StopIteration as stop:
        visited = stop.value
    return (weighted * 3 + visited + (1 if ok else 0)) % MOD


def averager():
    """A coroutine: send numbers in, get the running (integer) mean out."""
    total = 0
    count = 0
    mean = None
    while True:
        value = yield mean
        if value is None:
            break
        total += value
        count += 1
        mean = total // count
    return total


def coroutine_work(seed, count):
    co = averager()
    next(co)
    acc = 0
    for x in lcg(seed, count):
        acc = (acc + co.send(x % 10000)) % MOD
    try:
        co.send(None)
    except StopIteration as stop:
        acc = (acc + stop.value) % MOD
    return acc


def expression_work(seed, count):
    data = list(lcg(seed, count))
    evens = sum(1 for x in data if x % 2 == 0)
    biggest = max(x % 65536 for x in data)
    any_big = any(x > 0x7FFFFFF0 for x in data)
    all_pos = all(x >= 0 for x in data)
    buckets = dict((k, sum(1 for x in data[:2000] if x % 16 == k)) for k in range(16))
    top = sorted((x % 1000 for x in data[:500]), reverse=True)[:10]
    gen = (x for x in data)
    first = [next(gen) for _ in range(5)]
    gen.close()
    partial = take(50, apply(lambda x: x >> 20, iter(data)))
    acc = evens * 3 + biggest + (7 if any_big else 0) + (11 if all_pos else 0)
    acc += sum(k * v for k, v in buckets.items()) + sum(top) + sum(first) % 1000
    acc += sum(partial)
    return acc % MOD


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 70
    start = time.perf_counter()
    checksum = 0
    for r in range(n):
        seed = 12345 + r
        part = (pipeline(seed, 6000)
                + digits_runs(seed, 6000) * 3
                + tree_work(seed, 1500) * 5
                + coroutine_work(seed, 4000) * 7
                + expression_work(seed, 4000) * 11)
        checksum = (checksum * 131 + part) % MOD
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum}")
    print(f"time {elapsed:.6f}")


main()
