# The less common corners of the math module.
import math

print(math.tau, math.isqrt(17), math.isqrt(10 ** 20), math.trunc(-3.7), math.trunc(3.7))
print(math.log10(1000), math.log2(1024), math.log10(0.001), math.log2(0.5))
print(round(math.tan(math.pi / 4), 12), round(math.atan(1) * 4, 12), math.atan2(1, 1) == math.pi / 4)
print(round(math.asin(1), 12), round(math.acos(0), 12), math.atan2(0, -1) == math.pi)
print(math.fabs(-2), math.fabs(3.5), math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2))
print(math.degrees(math.pi), math.radians(180) == math.pi, round(math.degrees(1), 6))
print(math.copysign(3, -0.0), math.copysign(-2.0, 1), math.fmod(-7, 3), -7 % 3, math.modf(3.5))
print(math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.prod([]), math.comb(60, 30))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1e308))
print(math.fsum([1e100, 1.0, -1e100]), math.fsum([0.1, 0.2, 0.3, -0.6]))
print(math.lcm(4, 6), math.lcm(3, 5, 7), math.dist((0, 0), (3, 4)))
