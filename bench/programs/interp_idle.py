# Memory of N idle isolated interpreters: creates N (each runs one exec()),
# then leaves them idle for a moment before closing them. lockvm only.
# bench/interpreters takes the peak RSS of the process at N against N = 0.
# Usage: interp_idle.py [n].
import interpreters
import sys
import time


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    start = time.perf_counter()
    workers = [interpreters.create() for _ in range(n)]
    for w in workers:
        w.exec("x = 1")
    elapsed = time.perf_counter() - start
    time.sleep(0.2)
    for w in workers:
        w.close()
    print(f"checksum {n}")
    print(f"time {elapsed:.6f}")


if __name__ == "__main__":
    main()
