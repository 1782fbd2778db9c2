# The spawn start method: a fresh interpreter imports this file as
# __mp_main__ (so the guarded part does not run again) and runs the target.
import multiprocessing

print("imported as", __name__ == "__main__" and "main" or "child")


def work(q, n):
    q.put((multiprocessing.current_process().name, sum(range(n)), __name__))


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    print(multiprocessing.get_start_method())
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(q, 100))
    p.start()
    print(q.get(timeout=30))
    p.join()
    print(p.exitcode)
