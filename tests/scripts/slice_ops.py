# Slicing without slice objects (BINARY_SLICE / STORE_SLICE) on lists,
# tuples and strings, and with them on everything else; slice assignment's
# snapshot of its right-hand side, extended slices, errors.


class Seq:
    def __getitem__(self, key):
        return ("get", key.start, key.stop, key.step)

    def __setitem__(self, key, v):
        print("set", key, v)


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


def reads():
    a = list(range(10))
    t = tuple(a)
    s = "hello, world"
    u = "héllo wörld"
    for lo in (None, -12, -3, 0, 2, 9, 15):
        for hi in (None, -12, -1, 0, 4, 10, 20):
            for st in (None, 1, 2, -1, -3):
                assert a[lo:hi:st] == list(t[lo:hi:st]), (lo, hi, st)
                print(a[lo:hi:st], t[lo:hi], s[lo:hi:st], u[lo:hi:st], end=" ")
        print()
    print(a[:], a[::-1], t[:] is t, s[::2], u[Idx(1):Idx(4)], a[Idx(-2):])
    print(Seq()[1:2], Seq()[::3], Seq()[:], range(10)[2:8:2], b"abcdef"[1:4], bytearray_free())
    for bad in ("x", 1.5):
        try:
            a[bad:]
        except TypeError as e:
            print("TypeError", e)
    try:
        a[::0]
    except ValueError as e:
        print("ValueError", e)
    nothing = None
    try:
        nothing[1:2]
    except TypeError as e:
        print("TypeError", e)


def bytearray_free():
    return "ok"


def writes():
    a = list(range(10))
    a[2:5] = ["x", "y", "z"]          # same length: in place
    print(a)
    a[2:5] = []                       # shrink
    print(a)
    a[:0] = (1, 2)                    # grow from a tuple
    print(a)
    a[:] = a                          # itself
    print(a)
    a[1:3] = a                        # itself, into a part of itself
    print(a)
    a[::2] = "abcdefghijk"[: len(a[::2])]
    print(a)
    a[5:] = (i * i for i in range(3))  # any iterable
    print(a)
    a[-2:] = {"k": 1}                 # a dict's keys
    print(a)
    k = list(range(8))
    k[::-1] = k
    print(k)
    try:
        k[::2] = [1, 2]
    except ValueError as e:
        print("ValueError", e)
    print(k)
    try:
        k[1:2] = 5
    except TypeError as e:
        print("TypeError", e)
    try:
        k[::2] = 5
    except TypeError as e:
        print("TypeError", e)
    try:
        k["a":] = [1]
    except TypeError as e:
        print("TypeError", e)
    del k[::3]
    print(k)
    del k[1:3]
    print(k)
    Seq()[1:2] = "v"
    Seq()[::-1] = [1]
    try:
        (1, 2)[0:1] = [3]
    except TypeError as e:
        print("TypeError", e)
    perm = [3, 1, 2, 0]
    flips = 0
    while perm[0]:
        j = perm[0]
        perm[:j + 1] = perm[j::-1]     # fannkuch's flip
        flips += 1
    print(perm, flips)
    nested = [[0] * 3 for _ in range(3)]
    nested[1][1:] = [7, 8]
    print(nested)


reads()
writes()
