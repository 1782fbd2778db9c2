# Operations on two containers at once (a + b, a.extend(b), d1.update(d2), set
# algebra, comparisons) from three threads, both orders, and on a container
# with itself: under the per-object-lock policies none may deadlock.
import threading
a = list(range(5)); b = list(range(5))
d1 = {1: 2}; d2 = {3: 4}
s1 = {1, 2}; s2 = {2, 3}
def f():
    for i in range(20000):
        x = a + b; y = b + a
        a.extend(b); del a[5:]
        b.extend(a); del b[5:]
        a == b; b == a; a < b
        d1.update(d2); d2.update(d1)
        d1 == d2; d2 == d1
        s1 | s2; s2 & s1; s1 - s2; s1 == s2
        s1.update(s2); s2.update(s1)
        s1.issubset(s2); s2.issuperset(s1)
        a.extend(a); del a[5:]
        d1.update(d1); s1.update(s1);
ts = [threading.Thread(target=f) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(len(a), len(b), sorted(d1), sorted(s1))
