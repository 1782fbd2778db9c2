# Word counting with N threads: the words (generated, not random) are split
# into N contiguous chunks; each thread counts its chunk into its own dict,
# records where each word first occurs in its chunk into one shared dict
# (disjoint int keys, no lock: a single dict store must be safe on its own),
# then merges its counts into a shared dict under a threading.Lock.
# The checksum (sizes and sums of both shared dicts) does not depend on
# nthreads or scheduling.
# Usage: threads_dict.py [size [nthreads]]; size is thousands of words.
import sys
import threading
import time

VOCABULARY = [f"{a}{b}{c}" for a in "bcdfghjklm" for b in "aeiou" for c in "nrst"]


def make_words(count):
    words = []
    x = 12345
    for _ in range(count):
        x = (x * 1103515245 + 12345) % 2147483648
        words.append(VOCABULARY[(x >> 16) % len(VOCABULARY)])
    return words


def worker(words, lo, hi, totals, lock, positions):
    counts = {}
    for i in range(lo, hi):
        w = words[i]
        counts[w] = counts.get(w, 0) + 1
        if i % 16 == 0:
            positions[i] = len(w) + i % 7
    with lock:
        for w, c in counts.items():
            totals[w] = totals.get(w, 0) + c


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
    nthreads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    words = make_words(size * 1000)
    totals = {}
    positions = {}
    lock = threading.Lock()
    bounds = [len(words) * t // nthreads for t in range(nthreads + 1)]
    threads = [threading.Thread(target=worker,
                                args=(words, bounds[t], bounds[t + 1], totals, lock, positions))
               for t in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    weighted = sum(len(w) * c + (i + 1) * c for i, (w, c) in enumerate(sorted(totals.items())))
    print(f"checksum {len(totals)} {sum(totals.values())} {weighted} "
          f"{len(positions)} {sum(positions.values())}")
    print(f"time {elapsed:.6f}")


main()
