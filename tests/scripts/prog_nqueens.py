# N-queens: count all solutions for N = 1..8 (92 for the 8x8 board) with
# backtracking, print the first solution, and check solutions independently.


def solve(n):
    solutions = []
    cols = set()
    diag1 = set()
    diag2 = set()
    placement = []

    def place(row):
        if row == n:
            solutions.append(tuple(placement))
            return
        for col in range(n):
            if col in cols or (row - col) in diag1 or (row + col) in diag2:
                continue
            cols.add(col)
            diag1.add(row - col)
            diag2.add(row + col)
            placement.append(col)
            place(row + 1)
            placement.pop()
            cols.remove(col)
            diag1.remove(row - col)
            diag2.remove(row + col)

    place(0)
    return solutions


def valid(solution):
    n = len(solution)
    for r1 in range(n):
        for r2 in range(r1 + 1, n):
            c1, c2 = solution[r1], solution[r2]
            if c1 == c2 or abs(c1 - c2) == r2 - r1:
                return False
    return True


def board(solution):
    n = len(solution)
    return "\n".join(" ".join("Q" if solution[r] == c else "." for c in range(n)) for r in range(n))


def count_bits(n):
    """The same count with bitmasks."""
    full = (1 << n) - 1

    def go(cols, d1, d2):
        if cols == full:
            return 1
        total = 0
        free = full & ~(cols | d1 | d2)
        while free:
            bit = free & -free
            free -= bit
            total += go(cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1)
        return total

    return go(0, 0, 0)


for n in range(1, 9):
    sols = solve(n)
    print(n, len(sols), count_bits(n), all(valid(s) for s in sols))

eight = solve(8)
print(len(eight))
print(eight[0], eight[-1])
print(board(eight[0]))


def canonical(sol):
    n = len(sol)
    variants = []
    s = list(sol)
    for _ in range(4):
        s = [s.index(n - 1 - r) for r in range(n)]  # rotate 90 degrees
        variants.append(tuple(s))
        variants.append(tuple(n - 1 - c for c in s))  # mirror
    return min(variants)


distinct = {canonical(s) for s in eight}
print("distinct up to symmetry:", len(distinct))
