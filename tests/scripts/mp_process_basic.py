# Processes by fork: arguments, exit codes, names, join with a timeout.
import multiprocessing
import sys
import time


def work(n, label="x", q=None):
    total = 0
    while n > 0:
        total += n
        n -= 1
    q.put((label, total, multiprocessing.current_process().name))


def exit_with(code):
    sys.exit(code)


def sleeper(seconds):
    time.sleep(seconds)


if __name__ == "__main__":
    print(multiprocessing.get_start_method())
    print(multiprocessing.cpu_count() >= 1)
    print(multiprocessing.current_process().name)
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=work, args=(1000 * (i + 1),), kwargs={"label": "w%d" % i, "q": q})
          for i in range(3)]
    print([p.name for p in ps])
    print([p.exitcode for p in ps], [p.is_alive() for p in ps], [p.pid is None for p in ps])
    for p in ps:
        p.start()
    results = sorted(q.get() for _ in ps)
    for p in ps:
        p.join()
    print(results)
    print([p.exitcode for p in ps], [p.is_alive() for p in ps], [p.pid is None for p in ps])
    print(multiprocessing.active_children())

    codes = []
    for arg in (0, 3, None, True):
        p = multiprocessing.Process(target=exit_with, args=(arg,))
        p.start()
        p.join()
        codes.append(p.exitcode)
    print(codes)

    p = multiprocessing.Process(target=sleeper, args=(30,), name="sleepy", daemon=True)
    p.start()
    t0 = time.monotonic()
    p.join(0.2)
    print(p.name, p.daemon, p.is_alive(), p.exitcode, time.monotonic() - t0 < 5)
    p.terminate()
    p.join()
    print(p.is_alive(), p.exitcode)
    p = multiprocessing.Process(target=sleeper, args=(30,))
    p.start()
    p.kill()
    p.join()
    print(p.exitcode)
    print(repr(multiprocessing.Process(name="n")).startswith("<Process name='n' parent="))
