# Readers walk, copy, print and search containers while writers change them.
# Under the free-threaded policies (objlocks, brc) each operation must see the
# container whole (before or after a write, never half-way) and no object a
# reader holds may be freed under it. The printed invariants hold under every
# policy and in CPython.
import threading

ROUNDS = 1500
lst = list(range(10))
dct = {i: str(i) for i in range(10)}
st = set(range(10))
stop = threading.Event()
problems = []


def writer(tag):
    for i in range(ROUNDS):
        lst.append(i)
        lst.pop(0)
        dct[10 + i % 20] = "w" + str(i)
        dct.pop(10 + (i + 7) % 20, None)
        st.add(10 + i % 20)
        st.discard(10 + (i + 7) % 20)
        lst[i % 10] = [tag, i]          # a fresh list replaces an item
        lst.reverse()


def reader():
    n = 0
    while not stop.is_set() or n < 200:
        n += 1
        snapshot = list(lst)
        if not 10 <= len(snapshot) <= 12:     # each writer appends, then pops
            problems.append(("len", len(snapshot)))
        text = repr(lst)
        if not (text.startswith("[") and text.endswith("]")):
            problems.append("repr list")
        keys = list(dct)
        for k in keys[:3]:
            dct.get(k)
        if not all(isinstance(k, int) for k in keys):
            problems.append("keys")
        items = sorted(st)
        if items[:10] != list(range(10)):
            problems.append(("set", items[:10]))
        repr(dct)
        repr(st)
        5 in lst
        "w1" in dct.values()
        copy = dict(dct)
        if any(not isinstance(v, str) for v in copy.values()):
            problems.append("values")
        joined = "|".join([str(x) for x in lst])
        if not 9 <= joined.count("|") <= 11:
            problems.append(("join", joined))
        total = sum(1 for x in lst if isinstance(x, list))
        if total > 12:
            problems.append("count")


writers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
readers = [threading.Thread(target=reader) for _ in range(2)]
for t in writers + readers:
    t.start()
for t in writers:
    t.join()
stop.set()
for t in readers:
    t.join()
print("problems", problems[:5])
print("list", len(lst), sum(1 for x in lst if isinstance(x, list)) <= 10)
print("dict", sorted(k for k in dct if k < 10) == list(range(10)), len(dct) <= 30)
print("set", sorted(st)[:10] == list(range(10)), len(st) <= 30)
