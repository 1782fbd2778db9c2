# Threads with Lock, RLock, Condition, Semaphore, Barrier, Event, local, Timer and queue.Queue;
# a list and a dict shared by 8 threads lose no append/setitem.
import threading
import queue
import time

# Shared list appended from many threads: no append may be lost.
shared = []
def appender(k):
    for i in range(2000):
        shared.append((k, i))
threads = [threading.Thread(target=appender, args=(k,), name=f"app-{k}") for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("appended", len(shared), len(set(shared)))

# A dict set from many threads.
d = {}
def setter(k):
    for i in range(1000):
        d[(k, i)] = i
ts = [threading.Thread(target=setter, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("dict", len(d))

# Counter with a Lock.
counter = 0
lock = threading.Lock()
def inc():
    global counter
    for _ in range(5000):
        with lock:
            counter += 1
ts = [threading.Thread(target=inc) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("counter", counter)

# RLock re-entry.
rl = threading.RLock()
with rl:
    with rl:
        print("rlock nested ok")

# Producer/consumer with a Queue, task_done and join.
q = queue.Queue(maxsize=5)
out = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.append(item * 2)
        q.task_done()
c = threading.Thread(target=consumer)
c.start()
for i in range(50):
    q.put(i)
q.put(None)
q.join()
c.join()
print("queue", sum(out), len(out))
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("empty raised")
try:
    q2 = queue.Queue(1); q2.put(1); q2.put(2, block=False)
except queue.Full:
    print("full raised")

# Condition: wait_for a predicate.
cond = threading.Condition()
items = []
def produce():
    for i in range(3):
        time.sleep(0.01)
        with cond:
            items.append(i)
            cond.notify()
p = threading.Thread(target=produce)
p.start()
with cond:
    cond.wait_for(lambda: len(items) == 3, timeout=5)
p.join()
print("condition", items)

# Semaphore limits concurrency.
sem = threading.BoundedSemaphore(2)
active = 0
peak = 0
guard = threading.Lock()
both_in = threading.Event()
def limited():
    global active, peak
    with sem:
        with guard:
            active += 1
            peak = max(peak, active)
            if active == 2:
                both_in.set()
        # Stay inside until two threads have been in at once: with only a
        # sleep, threads started more than 10 ms apart never overlapped.
        both_in.wait(30)
        time.sleep(0.01)
        with guard:
            active -= 1
ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print("semaphore peak", peak)
try:
    sem.release()
except ValueError as e:
    print("bounded:", e)

# Barrier.
b = threading.Barrier(3)
order = []
def at_barrier(k):
    i = b.wait()
    with guard:
        order.append(k)
ts = [threading.Thread(target=at_barrier, args=(k,)) for k in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print("barrier", sorted(order), b.n_waiting, b.broken)

# Event with timeout.
ev = threading.Event()
print("event timeout", ev.wait(0.01), ev.is_set())

# thread-local data
loc = threading.local()
loc.x = "main"
seen = []
def use_local(k):
    loc.x = k
    time.sleep(0.005)
    seen.append(loc.x == k)
ts = [threading.Thread(target=use_local, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("local", all(seen), loc.x)

# Names, idents, is_alive, daemon, enumerate.
go = threading.Event()
def noop():
    go.wait(30)    # alive until the main thread has looked at it
t = threading.Thread(target=noop, name="worker", daemon=True)
print(t.name, t.daemon, t.is_alive(), t.ident is None)
t.start()
print(t.is_alive(), isinstance(t.ident, int), threading.active_count() >= 2)
go.set()
t.join(timeout=5)
print(t.is_alive(), threading.active_count())
print(threading.main_thread().name, threading.current_thread() is threading.main_thread())
print(len(threading.enumerate()))
print(threading.get_ident() == threading.main_thread().ident)

# Subclassing Thread.
class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None
    def run(self):
        self.result = sum(range(self.n))
w = Worker(100)
w.start(); w.join()
print("subclass", w.result)

# Timer
fired = []
tm = threading.Timer(0.01, lambda: fired.append(1))
tm.start(); tm.join()
print("timer", fired)
tm2 = threading.Timer(10, lambda: fired.append(2))
tm2.start(); tm2.cancel(); tm2.join()
print("cancelled", fired)
