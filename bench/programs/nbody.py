# N-body: the Jovian planets orbiting the sun, integrated with a simple
# symplectic step. Exercises float arithmetic, math.sqrt, list indexing and
# stores, tuple unpacking in for-loops, and a precomputed list of pairs.
# The checksum is the system's energy before and after, to 9 decimals (the
# Lua version, nbody.lua, does the same operations in the same order).
import math
import sys
import time

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24


def make_bodies():
    # Each body: [x, y, z, vx, vy, vz, mass]
    raw = [
        # sun
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        # jupiter
        (4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
         9.54791938424326609e-04),
        # saturn
        (8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
         2.85885980666130812e-04),
        # uranus
        (1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
         4.36624404335156298e-05),
        # neptune
        (1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
         5.15138902046611451e-05),
    ]
    bodies = []
    for i, (x, y, z, vx, vy, vz, m) in enumerate(raw):
        if i == 0:
            bodies.append([x, y, z, vx, vy, vz, m * SOLAR_MASS])
        else:
            bodies.append([x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR,
                           vz * DAYS_PER_YEAR, m * SOLAR_MASS])
    return bodies


def offset_momentum(bodies):
    px = py = pz = 0.0
    for b in bodies:
        m = b[6]
        px += b[3] * m
        py += b[4] * m
        pz += b[5] * m
    sun = bodies[0]
    sun[3] = -px / SOLAR_MASS
    sun[4] = -py / SOLAR_MASS
    sun[5] = -pz / SOLAR_MASS


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    for (b1, b2) in pairs:
        dx = b1[0] - b2[0]
        dy = b1[1] - b2[1]
        dz = b1[2] - b2[2]
        e -= (b1[6] * b2[6]) / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (b1, b2) in pairs:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            m1 = b1[6] * mag
            m2 = b2[6] * mag
            b1[3] -= dx * m2
            b1[4] -= dy * m2
            b1[5] -= dz * m2
            b2[3] += dx * m1
            b2[4] += dy * m1
            b2[5] += dz * m1
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    start = time.perf_counter()
    bodies = make_bodies()
    pairs = [(bodies[i], bodies[j])
             for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    offset_momentum(bodies)
    e0 = energy(bodies, pairs)
    advance(bodies, pairs, 0.01, n)
    e1 = energy(bodies, pairs)
    elapsed = time.perf_counter() - start
    print(f"checksum {e0:.9f} {e1:.9f}")
    print(f"time {elapsed:.6f}")


main()
