# fork while other threads run and hold locks: only the forking thread
# exists in the child, which can still use threading (and start threads).
import multiprocessing
import threading
import time

held = threading.Lock()
stop = threading.Event()
ticks = []


def holder():
    with held:
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)


def child(q):
    # The holder thread is gone: its lock stays held, but the child's own
    # threads, locks and queues work.
    names = [t.name for t in threading.enumerate()]
    n = len(ticks)
    time.sleep(0.05)
    out = []
    t = threading.Thread(target=lambda: out.append(sum(range(100))))
    t.start()
    t.join()
    q.put((names, held.locked(), len(ticks) == n, out, threading.current_thread() is threading.main_thread()))


if __name__ == "__main__":
    th = threading.Thread(target=holder, name="holder")
    th.start()
    while not ticks:
        time.sleep(0.001)
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=child, args=(q,))
    p.start()
    print(q.get(timeout=30))
    p.join()
    print(p.exitcode)
    stop.set()
    th.join()
    print(held.locked())
