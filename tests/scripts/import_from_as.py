# from module import name, from module import name as alias, errors.
from mathutils_helper import square, gcd as greatest_common_divisor
from mathutils_helper import Fraction as Frac, is_prime
from math import sqrt as root, pi
import math as m

print(square(9), greatest_common_divisor(84, 36), Frac(2, 4), Frac(1, 6) + Frac(1, 3))
print([p for p in range(50) if is_prime(p)][-3:], root(81), round(pi, 5), m.floor(2.7))
try:
    from mathutils_helper import does_not_exist
except ImportError as e:
    print("ImportError raised")
try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
print(issubclass(ModuleNotFoundError, ImportError))
