# Sorting algorithms (quick, merge, heap, insertion, selection, shell,
# counting, bubble) checked against sorted() on deterministic pseudo-random data.


def lcg(seed):
    """A deterministic pseudo-random generator (no random module)."""
    state = seed
    while True:
        state = (state * 1103515245 + 12345) % (2 ** 31)
        yield state


def make_data(n, seed, lo=-500, hi=500):
    gen = lcg(seed)
    return [lo + next(gen) % (hi - lo + 1) for _ in range(n)]


def insertion_sort(a):
    a = list(a)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a


def selection_sort(a):
    a = list(a)
    for i in range(len(a)):
        m = min(range(i, len(a)), key=a.__getitem__)
        a[i], a[m] = a[m], a[i]
    return a


def bubble_sort(a):
    a = list(a)
    n = len(a)
    swapped = True
    while swapped:
        swapped = False
        for i in range(1, n):
            if a[i - 1] > a[i]:
                a[i - 1], a[i] = a[i], a[i - 1]
                swapped = True
        n -= 1
    return a


def merge_sort(a):
    if len(a) <= 1:
        return list(a)
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def quick_sort(a):
    a = list(a)

    def partition(lo, hi):
        mid = (lo + hi) // 2
        pivot = sorted([a[lo], a[mid], a[hi]])[1]
        i, j = lo, hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        return i, j

    def qs(lo, hi):
        while lo < hi:
            i, j = partition(lo, hi)
            if j - lo < hi - i:
                qs(lo, j)
                lo = i
            else:
                qs(i, hi)
                hi = j

    qs(0, len(a) - 1)
    return a


def heap_sort(a):
    a = list(a)
    n = len(a)

    def sift_down(start, end):
        root = start
        while 2 * root + 1 <= end:
            child = 2 * root + 1
            if child + 1 <= end and a[child] < a[child + 1]:
                child += 1
            if a[root] < a[child]:
                a[root], a[child] = a[child], a[root]
                root = child
            else:
                return

    for start in range(n // 2 - 1, -1, -1):
        sift_down(start, n - 1)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        sift_down(0, end - 1)
    return a


def shell_sort(a):
    a = list(a)
    gap = len(a) // 2
    while gap:
        for i in range(gap, len(a)):
            tmp = a[i]
            j = i
            while j >= gap and a[j - gap] > tmp:
                a[j] = a[j - gap]
                j -= gap
            a[j] = tmp
        gap //= 2
    return a


def counting_sort(a):
    if not a:
        return []
    lo, hi = min(a), max(a)
    counts = [0] * (hi - lo + 1)
    for x in a:
        counts[x - lo] += 1
    out = []
    for offset, c in enumerate(counts):
        out.extend([offset + lo] * c)
    return out


ALGORITHMS = [insertion_sort, selection_sort, bubble_sort, merge_sort, quick_sort, heap_sort, shell_sort, counting_sort]

datasets = {
    "empty": [],
    "one": [42],
    "two": [2, 1],
    "sorted": list(range(50)),
    "reversed": list(range(50, 0, -1)),
    "equal": [7] * 30,
    "random-small": make_data(20, 1),
    "random-300": make_data(300, 2024),
    "few-distinct": make_data(200, 7, 0, 3),
}

print("sample:", datasets["random-small"])
print("sorted:", sorted(datasets["random-small"]))
failures = 0
for name, data in datasets.items():
    expected = sorted(data)
    results = []
    for algo in ALGORITHMS:
        ok = algo(data) == expected
        failures += not ok
        results.append("ok" if ok else "WRONG")
    print(f"{name:>13}: " + " ".join(f"{a.__name__.split('_')[0]}={r}" for a, r in zip(ALGORITHMS, results)))
print("failures:", failures)
words = "pear apple fig banana cherry apple date".split()
print(merge_sort(words), quick_sort(words), heap_sort(words) == sorted(words))
records = [(3, "c"), (1, "a"), (3, "a"), (2, "b"), (1, "b")]
print(merge_sort(records), insertion_sort(records) == sorted(records))
