# Threads reading and writing the attributes of shared instances while other
# threads move them from inline values to a __dict__ (runtime/instance_attrs.hpp:
# a deletion, an unusual order, vars()): no read sees a torn or lost value,
# and no store is lost. Under ThreadSanitizer in CI (gil, objlocks, brc).
import threading


class Rec:
    def __init__(self, i):
        self.a = i
        self.b = 2 * i
        self.c = 3 * i


N = 64
recs = [Rec(i) for i in range(N)]
bad = []
barrier = threading.Barrier(4)


def reader():
    barrier.wait()
    for _ in range(30):
        for i, r in enumerate(recs):
            if r.a != i or r.c != 3 * i:
                bad.append(("reader", i, r.a, r.c))


def mover():
    barrier.wait()
    for i, r in enumerate(recs):
        if i % 3 == 0:
            del r.b  # moves the attributes to a dict
            r.b = 2 * i
        elif i % 3 == 1:
            vars(r)  # so does asking for the __dict__
        else:
            r.late = i  # a new attribute, inline while there is room


def writer(k):
    barrier.wait()
    for _ in range(30):
        for i, r in enumerate(recs):
            setattr(r, "w%d" % k, i)  # a name of each thread's own
            r.c = 3 * i  # stores that race with the moves


threads = [threading.Thread(target=reader), threading.Thread(target=mover)]
threads += [threading.Thread(target=writer, args=(k,)) for k in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("bad", bad[:3])
print("b", all(r.b == 2 * i for i, r in enumerate(recs)))
print("w", all(r.w0 == i and r.w1 == i for i, r in enumerate(recs)))
print("late", sum(1 for r in recs if hasattr(r, "late")), sum(getattr(r, "late", 0) for r in recs))
print("keys", sorted(set(len(vars(r)) for r in recs)))
