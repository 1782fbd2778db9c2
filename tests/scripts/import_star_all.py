# `from m import *` takes m.__all__ when m has one (private names included,
# the rest left out), and every public name otherwise.
from import_star_all_helper import *

print(sorted(k for k in globals() if not k.startswith("__")))
print("public" in globals(), "also_public" in globals(), "_private" in globals())

try:
    from import_star_bad_all_helper import *
except AttributeError as e:
    print("AttributeError", e)
print("present" in globals())

import math
from math import *
print(pi == math.pi, "floor" in globals())


import import_star_all_helper as h
h.__all__ = ["public", 5]
try:
    from import_star_all_helper import *
except TypeError as e:
    print("TypeError", e)
