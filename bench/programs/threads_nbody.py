# N-body split by bodies: NBODIES bodies (a fixed, made-up system), each step
# in two phases separated by a threading.Barrier:
#   1. velocities: each thread updates the velocities of its own bodies from
#      the positions of all bodies (read only in this phase);
#   2. positions: each thread moves its own bodies by their new velocities.
# Every body's acceleration is summed over the other bodies in the same order
# whatever the thread count, so the result is bit-for-bit the same for any
# nthreads and any scheduling; the checksum is the final energy.
# Usage: threads_nbody.py [steps [nthreads]].
import math
import sys
import threading
import time

NBODIES = 24
DT = 0.001
SOFTENING = 0.01


def make_system():
    xs, ys, zs, vxs, vys, vzs, ms = [], [], [], [], [], [], []
    for i in range(NBODIES):
        xs.append(((i * 37) % 17 - 8) * 0.5)
        ys.append(((i * 53) % 19 - 9) * 0.4)
        zs.append(((i * 29) % 13 - 6) * 0.3)
        vxs.append(((i * 11) % 7 - 3) * 0.01)
        vys.append(((i * 13) % 5 - 2) * 0.01)
        vzs.append(((i * 17) % 3 - 1) * 0.01)
        ms.append(0.01 + (i % 5) * 0.002)
    return xs, ys, zs, vxs, vys, vzs, ms


def worker(system, mine, steps, barrier):
    xs, ys, zs, vxs, vys, vzs, ms = system
    n = len(xs)
    for _ in range(steps):
        for i in mine:
            xi = xs[i]
            yi = ys[i]
            zi = zs[i]
            ax = ay = az = 0.0
            for j in range(n):
                if j != i:
                    dx = xi - xs[j]
                    dy = yi - ys[j]
                    dz = zi - zs[j]
                    d2 = dx * dx + dy * dy + dz * dz + SOFTENING
                    mag = ms[j] / (d2 * math.sqrt(d2))
                    ax -= dx * mag
                    ay -= dy * mag
                    az -= dz * mag
            vxs[i] += DT * ax
            vys[i] += DT * ay
            vzs[i] += DT * az
        barrier.wait()
        for i in mine:
            xs[i] += DT * vxs[i]
            ys[i] += DT * vys[i]
            zs[i] += DT * vzs[i]
        barrier.wait()


def energy(system):
    xs, ys, zs, vxs, vys, vzs, ms = system
    e = 0.0
    for i in range(len(xs)):
        e += 0.5 * ms[i] * (vxs[i] * vxs[i] + vys[i] * vys[i] + vzs[i] * vzs[i])
        for j in range(i + 1, len(xs)):
            dx = xs[i] - xs[j]
            dy = ys[i] - ys[j]
            dz = zs[i] - zs[j]
            e -= ms[i] * ms[j] / math.sqrt(dx * dx + dy * dy + dz * dz + SOFTENING)
    return e


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    nthreads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    system = make_system()
    barrier = threading.Barrier(nthreads)
    threads = [threading.Thread(target=worker,
                                args=(system, list(range(t, NBODIES, nthreads)), steps, barrier))
               for t in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    e1 = energy(system)
    elapsed = time.perf_counter() - start
    print(f"checksum {energy(make_system()):.9f} {e1:.9f}")
    print(f"time {elapsed:.6f}")


main()
