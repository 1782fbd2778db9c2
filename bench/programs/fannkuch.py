# Fannkuch-redux: for every permutation of 0..n-1 (in a fixed order), count
# the prefix reversals ("pancake flips") until 0 comes to the front.
# Exercises list copies, slice reads and slice assignment with a negative
# step, index loops, and integer compares in tight while-loops.
# The checksum is the alternating sum of flip counts and the maximum number
# of flips (fannkuch.lua prints the same line).
import sys
import time


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    perm_index = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0:
            perm = perm1[:]
            flips = 0
            k = perm[0]
            while k != 0:
                perm[:k + 1] = perm[k::-1]
                flips += 1
                k = perm[0]
            if flips > max_flips:
                max_flips = flips
            if perm_index % 2 == 0:
                checksum += flips
            else:
                checksum -= flips
        # Advance to the next permutation: rotate the first r+1 elements.
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            i = 0
            while i < r:
                perm1[i] = perm1[i + 1]
                i += 1
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        perm_index += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    start = time.perf_counter()
    checksum, max_flips = fannkuch(n)
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum} {max_flips}")
    print(f"time {elapsed:.6f}")


main()
