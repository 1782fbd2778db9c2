# Threads read a method and a class attribute through cached sites while
# another thread keeps rebinding both on the class. A reader must always get
# one of the values the class has had, never a freed one or a mix of two
# cache fills (runtime/attr_cache.hpp: attr_insert, attr_class_value, and
# the retired values of type_setattr).
import threading


class C:
    k = 0

    def f(self):
        return "f0"


def f1(self):
    return "f1"


def f0(self):
    return "f0"


class D(C):
    pass


ROUNDS = 20000
bad = []
done = threading.Event()


def reader(o):
    seen = set()
    for _ in range(ROUNDS):
        r = o.f()
        k = o.k
        if r not in ("f0", "f1") or k not in (0, 1, 2):
            bad.append((r, k))
        seen.add(r)
    return seen


def writer():
    i = 0
    while not done.is_set():
        C.f = f1 if i % 2 else f0
        C.k = i % 3
        i += 1
        if i % 50 == 0:
            # A fresh function each time, so that a stale borrowed one would
            # be freed memory if it were not kept alive.
            C.f = (lambda n: (lambda self: "f0" if n >= 0 else "bad"))(i)


results = []
readers = [threading.Thread(target=lambda o=o: results.append(reader(o))) for o in (C(), D(), C(), D())]
w = threading.Thread(target=writer)
w.start()
for t in readers:
    t.start()
for t in readers:
    t.join()
done.set()
w.join()
print("readers", len(results), "bad", bad[:5])
C.f = f1
print(C().f(), D().f(), D().k in (0, 1, 2))
