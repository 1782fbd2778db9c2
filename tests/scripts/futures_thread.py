# ThreadPoolExecutor: submit, map, result/exception, as_completed, wait.
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED, ALL_COMPLETED
import concurrent.futures


def slow_square(x):
    time.sleep(0.01 * (x % 3))
    return x * x


def fail(x):
    raise ValueError("bad %d" % x)


with ThreadPoolExecutor(max_workers=4) as ex:
    futs = [ex.submit(slow_square, i) for i in range(10)]
    print(sorted(f.result() for f in as_completed(futs)))
    print(list(ex.map(slow_square, range(6))))
    f = ex.submit(fail, 3)
    print(type(f.exception()).__name__, f.exception())
    try:
        f.result()
    except ValueError as e:
        print("raised", e)
    done, not_done = wait([ex.submit(slow_square, 2), ex.submit(slow_square, 3)], return_when=ALL_COMPLETED)
    print(len(done), len(not_done), sorted(d.result() for d in done))
    ev = threading.Event()
    blocked = ex.submit(ev.wait, 30)  # set below; 30 s so a slow sanitizer run never times out
    quick = ex.submit(slow_square, 3)
    done, not_done = wait([blocked, quick], return_when=FIRST_COMPLETED)
    print(quick in done, blocked in not_done)
    ev.set()
    print(blocked.result())
    calls = []
    called = threading.Event()

    def on_done(fut):
        calls.append(fut.result())
        called.set()

    g = ex.submit(slow_square, 4)
    g.add_done_callback(on_done)
    g.result()
    # result() may return before the worker has run the callback (it runs
    # after the waiters are woken), so wait for the callback itself.
    called.wait(30)
    print(calls, g.done(), g.cancelled(), g.running())
    try:
        ex.submit(slow_square, 1).result(timeout=30)
        print("in time")
    except concurrent.futures.TimeoutError:
        print("timeout")
try:
    ex.submit(slow_square, 1)
except RuntimeError as e:
    print(e)
