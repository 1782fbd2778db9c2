# Spectral norm of the infinite matrix A(i, j) = 1 / ((i+j)(i+j+1)/2 + i + 1),
# truncated to n x n, by ten rounds of the power method on A^T A.
# Exercises nested loops over ranges, small-int arithmetic feeding float
# division, float accumulation, list indexing and list building.
# The checksum is the norm to 9 decimals (spectral_norm.lua matches it).
import math
import sys
import time


def eval_a(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def mul_av(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += eval_a(i, j) * v[j]
        out.append(acc)
    return out


def mul_atv(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += eval_a(j, i) * v[j]
        out.append(acc)
    return out


def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    start = time.perf_counter()
    result = spectral_norm(n)
    elapsed = time.perf_counter() - start
    print(f"checksum {result:.9f}")
    print(f"time {elapsed:.6f}")


main()
