# multiprocessing.Event.wait() and Connection.poll() with no timeout block
# until set / until data arrives (they once returned at once: None was passed
# on as -1, which the native poll treats as 0).
import multiprocessing
import threading
import time


def setter(e):
    time.sleep(0.2)
    e.set()


def waiter(e, q):
    q.put(e.wait())


if __name__ == "__main__":
    e = multiprocessing.Event()
    t0 = time.perf_counter()  # before the Timer: its 0.2 s then lie inside the measure
    threading.Timer(0.2, e.set).start()
    print("wait() set by a thread:", e.wait(), time.perf_counter() - t0 >= 0.15)

    e2 = multiprocessing.Event()
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=waiter, args=(e2, q))
    p.start()
    time.sleep(0.1)
    print("child still waiting:", p.is_alive())
    e2.set()
    print("child's wait():", q.get())
    p.join()

    e3 = multiprocessing.Event()
    s = multiprocessing.Process(target=setter, args=(e3,))
    s.start()
    print("wait() set by a child:", e3.wait())
    s.join()
    print("wait(-1) on an unset event:", multiprocessing.Event().wait(-1))

    r, w = multiprocessing.Pipe(duplex=False)
    threading.Timer(0.2, w.send, args=("hello",)).start()
    print("poll(None):", r.poll(None), r.recv())
    print("poll(0) empty:", r.poll(0))
