# The cycle collector runs while other threads exist: under the free-threaded
# policies it stops them at a safe point (a stop-the-world pause), so cycles
# made by running threads are found at once, not after the threads finish.
import gc
import threading

gc.disable()  # only the explicit collections below


class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.kids = []
        if parent is not None:
            parent.kids.append(self)


def make_cycles(n):
    for _ in range(n):
        root = Node()
        for _ in range(4):
            Node(root)


made = threading.Barrier(5)
release = threading.Event()


def parked_worker():
    make_cycles(200)          # 1000 unreachable nodes each
    made.wait()
    release.wait()            # blocked (detached) while the main thread collects


workers = [threading.Thread(target=parked_worker) for _ in range(4)]
for w in workers:
    w.start()
made.wait()
found = gc.collect()
release.set()
for w in workers:
    w.join()
print("cycles of blocked threads found:", found >= 4 * 1000)

# Threads running bytecode: each collection parks them between two
# instructions; their own data must come out whole.
stop = threading.Event()
results = []
running = threading.Barrier(4)   # the 3 workers, each past its first round, and main


def busy_worker(k):
    keep = []
    i = 0
    while not stop.is_set():
        make_cycles(5)
        keep.append(i * k)
        i += 1
        if i == 1:
            running.wait()
    results.append(sum(keep) == k * i * (i - 1) // 2)


busy = [threading.Thread(target=busy_worker, args=(k,)) for k in range(1, 4)]
for b in busy:
    b.start()
# Collect only once every worker has made cycles: on a loaded machine a
# worker could otherwise first run after stop was set and make none.
running.wait()
total = 0
for _ in range(30):
    total += gc.collect()
stop.set()
for b in busy:
    b.join()
total += gc.collect()
print("running threads intact:", results)
print("cycles of running threads found:", total > 0)
gc.enable()
