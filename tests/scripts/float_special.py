# inf and nan: arithmetic, comparisons, conversions.
import math

inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, repr(inf), repr(-inf), repr(nan), str(nan))
print(inf + 1, inf * 2, -inf * -1, inf - inf, inf * 0, 1 / inf, -1 / inf)
print(inf > 1e308, -inf < -1e308, inf == inf, inf == float("inf"), -inf < inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, nan == 1, nan <= nan)
print(math.isnan(nan), math.isnan(inf), math.isinf(inf), math.isinf(-inf), math.isinf(nan))
print(math.isfinite(1.0), math.isfinite(inf), math.isfinite(nan))
print(math.inf == inf, math.isnan(math.nan), -math.inf)

x = nan
print(x == x, x != x, nan in [1.0, 2.0])
print(max(1.0, inf), min(-inf, 0), max([2, 5.5, -1]), abs(-inf))
print(sorted([3.5, -inf, 0, inf, -2]))

for bad in (inf, -inf, nan):
    try:
        int(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)

print(float("INF"), float("-inf"), float("Infinity"), float("+nan"))
print(1e308 * 10 == inf, -1e308 * 10 == -inf)
print(0.0 == -0.0, str(-0.0), repr(0.0 * -1), math.copysign(1, -0.0))
print(math.floor(-0.5), math.ceil(-0.5), round(-0.4))
print(hash(inf) == hash(float("inf")))
print(5.0 // inf, -5.0 // inf, 5.0 % inf, inf > 10 ** 400)
