# Importing a sibling module from the script's directory.
import mathutils_helper
import mathutils_helper as again
import sys

print(mathutils_helper.square(12), mathutils_helper.PI_APPROX)
print(mathutils_helper.mean([1, 2, 3, 4]), [n for n in range(30) if mathutils_helper.is_prime(n)])
print(mathutils_helper.Fraction(1, 2) + mathutils_helper.Fraction(1, 3))
print(again is mathutils_helper, mathutils_helper.LOAD_COUNT, "mathutils_helper" in sys.modules)
try:
    mathutils_helper.mean([])
except ValueError as e:
    print("ValueError:", e)
print(type(mathutils_helper).__name__, mathutils_helper.__name__)
mathutils_helper.PI_APPROX = 3
import mathutils_helper
print(mathutils_helper.PI_APPROX)
