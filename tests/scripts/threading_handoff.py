# Objects made by one thread, passed back and forth through queues, and
# finally dropped by a thread that did not make them. Under brc this is the
# biased-count path: the owner's local count, the others' shared count, the
# queue to the owner and the merge. Every object must be freed exactly once
# (the test runner checks the live object count with --check-leaks).
import queue
import threading

ROUNDS = 2000
to_b = queue.Queue()
to_a = queue.Queue()
kept = []


def a_side():
    for i in range(ROUNDS):
        item = {"n": i, "payload": [i, str(i), (i, i + 1)]}   # owned by A
        to_b.put(item)
        back = to_a.get()              # B's object, or A's own coming home
        if i % 3 == 0:
            kept.append(back)          # A keeps some of B's objects alive
    to_b.put(None)


def b_side():
    while True:
        item = to_b.get()
        if item is None:
            break
        item["seen"] = True            # B writes into A's dict
        if item["n"] % 2:
            to_a.put(item)             # A's object goes home
        else:
            to_a.put([item["n"]] * 3)  # B's own object goes to A
        # B drops its references to A's dict here: a non-owner decref


ta = threading.Thread(target=a_side)
tb = threading.Thread(target=b_side)
ta.start()
tb.start()
ta.join()
tb.join()
print(len(kept), sum(1 for x in kept if isinstance(x, dict)), sum(1 for x in kept if isinstance(x, list)))
print(all(x["seen"] for x in kept if isinstance(x, dict)))
kept.clear()
print("done")
