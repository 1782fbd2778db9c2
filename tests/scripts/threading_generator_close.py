# Generators abandoned by several threads at once are each closed exactly
# once: every finally runs, every lock taken around a yield is released,
# including generators started by one thread and dropped by another.
import threading

lock = threading.Lock()
count_lock = threading.Lock()
closed = [0]


def holding(i):
    with lock:
        try:
            yield i
            yield i + 1
        finally:
            with count_lock:
                closed[0] += 1


def counting(i):
    try:
        yield i
    finally:
        with count_lock:
            closed[0] += 1


ROUNDS = 200
handoff = []
handoff_lock = threading.Lock()


def worker(n):
    total = 0
    for i in range(ROUNDS):
        g = holding(i)
        total += next(g)
        g = None               # closed here: releases `lock` for the others
        h = counting(i)
        total += next(h)
        with handoff_lock:
            handoff.append(h)  # started here, dropped by the main thread
        h = None
    return total


results = [0] * 4


def run(n):
    results[n] = worker(n)


threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with handoff_lock:
    dropped = len(handoff)
    handoff.clear()
print("dropped by main:", dropped)
print("lock free:", not lock.locked())
print("closed:", closed[0], "expected:", 4 * ROUNDS * 2)
print("totals:", results)
