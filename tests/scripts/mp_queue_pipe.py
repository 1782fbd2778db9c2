# Queue producer/consumer, Pipe, SimpleQueue, Lock, Event, Value and Array.
import multiprocessing as mp


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


def producer(q, n):
    for i in range(n):
        q.put({"i": i, "sq": i * i, "big": 2 ** 70 + i, "t": (i, str(i)), "f": i / 2})
    q.put(None)


def consumer(q, out):
    total = 0
    count = 0
    while True:
        item = q.get()
        if item is None:
            break
        total += item["sq"] + item["big"]
        count += 1
    out.put((count, total))


def echo(conn):
    while True:
        msg = conn.recv()
        if msg == "stop":
            break
        conn.send(("echo", msg))
    conn.close()


def add(counter, arr, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1
    # Under the lock: a read-modify-write of shared memory from three processes
    # loses updates otherwise (CPython itself printed 2.0 for 8.0 once).
    with lock:
        for i in range(len(arr)):
            arr[i] = arr[i] * 2


def waiter(ev, q):
    ok = ev.wait(10)
    q.put(("event", ok))


if __name__ == "__main__":
    q = mp.Queue()
    out = mp.Queue()
    c = mp.Process(target=consumer, args=(q, out))
    p = mp.Process(target=producer, args=(q, 200))
    c.start()
    p.start()
    p.join()
    c.join()
    print(out.get())

    a, b = mp.Pipe()
    e = mp.Process(target=echo, args=(b,))
    e.start()
    for msg in [1, "two", [3.5, None, True], {"k": (1, 2)}, Point(1, 2), {1, 2, 3}, frozenset([4]), b"bytes", -2 ** 100]:
        a.send(msg)
        print(a.recv())
    a.send("stop")
    e.join()
    print(e.exitcode)

    r, w = mp.Pipe(duplex=False)
    w.send("one way")
    print(r.poll(1), r.recv(), r.poll(0))

    sq = mp.SimpleQueue()
    print(sq.empty())
    sq.put([1, 2])
    print(sq.empty(), sq.get())

    counter = mp.Value("i", 0)
    arr = mp.Array("d", [1.0, 2.5, 4.0])
    lock = mp.Lock()
    ps = [mp.Process(target=add, args=(counter, arr, lock, 500)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(counter.value, arr[:], len(arr), list(arr))
    v = mp.Value("d", 1.5)
    print(v.value, mp.Array("i", 4)[:])

    ev = mp.Event()
    print(ev.is_set())
    p = mp.Process(target=waiter, args=(ev, q))
    p.start()
    ev.set()
    p.join()
    print(q.get(), ev.is_set())
    ev.clear()
    print(ev.is_set(), ev.wait(0.05))

    import queue
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        print("empty")
    bq = mp.Queue(1)
    bq.put(1)
    try:
        bq.put(2, timeout=0.05)
    except queue.Full:
        print("full")
    print(bq.get())
