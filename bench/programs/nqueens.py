# N-queens: place n queens on an n x n board so that none attack another.
# Every solution is found by recursive backtracking that keeps the occupied
# columns and diagonals in sets, and the count is confirmed by a second,
# bitmask solver. Exercises recursion, set add/remove/membership, list
# append/pop, tuple building and small-int bit arithmetic.
# The checksum is the number of solutions and a fold of every solution's
# column positions, in the order they are found.
import sys
import time


def solve_sets(n):
    solutions = []
    cols = set()
    diag1 = set()
    diag2 = set()
    placed = []

    def place(row):
        if row == n:
            solutions.append(tuple(placed))
            return
        for col in range(n):
            if col in cols or (row + col) in diag1 or (row - col) in diag2:
                continue
            cols.add(col)
            diag1.add(row + col)
            diag2.add(row - col)
            placed.append(col)
            place(row + 1)
            placed.pop()
            cols.remove(col)
            diag1.remove(row + col)
            diag2.remove(row - col)

    place(0)
    return solutions


def count_bits(n):
    full = (1 << n) - 1

    def count(cols, left, right):
        if cols == full:
            return 1
        total = 0
        free = full & ~(cols | left | right)
        while free:
            bit = free & -free
            free ^= bit
            total += count(cols | bit, ((left | bit) << 1) & full, (right | bit) >> 1)
        return total

    return count(0, 0, 0)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    start = time.perf_counter()
    solutions = solve_sets(n)
    bits = count_bits(n)
    if bits != len(solutions):
        print(f"solvers disagree: {len(solutions)} vs {bits}")
        sys.exit(1)
    fold = 0
    for sol in solutions:
        for c in sol:
            fold = (fold * (n + 1) + c + 1) % 1000000007
    elapsed = time.perf_counter() - start
    print(f"checksum {len(solutions)} {fold}")
    print(f"time {elapsed:.6f}")


main()
