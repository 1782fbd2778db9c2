# printf-style formatting with %.

name, n, x = "lockvm", 42, 3.14159
print("%s has %d items" % (name, n))
print("%r and %s" % ("quoted", "plain"))
print("[%5d] [%-5d] [%05d] [%+d] [% d]" % (n, n, n, n, n))
print("[%5.2f] [%.3f] [%-8.1f] [%08.2f] [%f]" % (x, x, x, x, x))
print("%x %X %o %#x %#o %e %g %G" % (255, 255, 8, 255, 8, 12345.678, 0.00001234, 1e20))
print("100%% sure, %d%%" % 50)
print("%s" % "single", "%s" % (1,), "%s %s" % ([1, 2], (3,)), "%c%c" % (72, "i"))
print("%10s|%-10s|" % ("right", "left"), "%.2s" % "abcdef", "%5.1s|" % "xyz")
print("%d" % 3.99, "%d" % -2.5, "%i" % 7, "%s" % None, "%s" % True, "%d" % True)
print("%.0f %.0f %.0f %.1f" % (0.5, 1.5, 2.5, 0.25))
print("%*d|%-*d|" % (6, 42, 6, 42))

rows = [("widget", 4, 3.5), ("gadget", 10, 12.25), ("doohickey", 1, 100.0)]
for item, qty, price in rows:
    print("%-10s %3d x %7.2f = %8.2f" % (item, qty, price, qty * price))

try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % (1, 2, 3))
except TypeError as e:
    print("TypeError:", e)
