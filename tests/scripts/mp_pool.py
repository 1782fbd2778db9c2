# Pool: map, starmap, imap, imap_unordered, apply_async, errors, context manager.
import multiprocessing
from multiprocessing import Pool


def square(x):
    return x * x


def power(x, y):
    return x ** y


def fail_on(x):
    if x == 5:
        raise KeyError("five")
    return x


def worker_name(_):
    return multiprocessing.current_process().name.startswith("ForkPoolWorker")


class Acc:
    def __init__(self, v):
        self.v = v

    def total(self):
        return sum(self.v)


def use(acc):
    return acc.total()


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.map(square, []))
        print(pool.starmap(power, [(2, 3), (3, 2), (10, 20)]))
        print(list(pool.imap(square, range(7))))
        print(list(pool.imap(square, range(7), chunksize=3)))
        print(sorted(pool.imap_unordered(square, range(7))))
        r = pool.apply_async(power, (2, 10))
        print(r.get(timeout=10), r.ready(), r.successful())
        print(pool.apply(power, (3,), {"y": 3}))
        try:
            pool.map(fail_on, range(10))
        except KeyError as e:
            print("KeyError", e)
        r = pool.apply_async(fail_on, (5,))
        try:
            r.get()
        except KeyError as e:
            print("apply KeyError", e, r.successful())
        print(all(pool.map(worker_name, range(4))))
        print(pool.map(use, [Acc([1, 2]), Acc([3])]))
        got = []
        rs = [pool.apply_async(square, (i,), callback=got.append) for i in range(5)]
        for r in rs:
            r.wait()
        print(sorted(got))
        print(pool.map(square, range(1000), chunksize=7)[-3:])

    pool = Pool()
    print(pool.map(len, ["a", "bb", "ccc"]))
    pool.close()
    pool.join()
    try:
        pool.map(square, [1])
    except ValueError as e:
        print("ValueError", e)
