# A counter incremented by 4 threads, with and without a Lock.
#
# `counter += 1` is a read, an add and a write: without a lock a thread can be
# switched out between the read and the write, and increments are lost — under
# the GIL less often (it changes hands only every 5 ms), under the fibers of
# nolock just as rarely, and freely when threads truly run in parallel.
import sys
import threading

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
counter = 0
lock = threading.Lock()


def unlocked():
    global counter
    for _ in range(N):
        counter += 1


def locked():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


for fn in (unlocked, locked):
    counter = 0
    threads = [threading.Thread(target=fn) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{fn.__name__:>8}: {counter} of {4 * N} ({4 * N - counter} lost)")
