# ProcessPoolExecutor: submit, map, exceptions, as_completed, wait.
from concurrent.futures import ProcessPoolExecutor, as_completed, wait, ALL_COMPLETED


def cube(x):
    return x ** 3


def divide(a, b):
    return a / b


def countdown(n):
    while n > 0:
        n -= 1
    return "done"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = {ex.submit(cube, i): i for i in range(8)}
        print(sorted((futs[f], f.result()) for f in as_completed(futs)))
        print(list(ex.map(cube, range(5))))
        print(list(ex.map(divide, [1, 4, 9], [1, 2, 3])))
        f = ex.submit(divide, 1, 0)
        print(type(f.exception()).__name__)
        try:
            f.result()
        except ZeroDivisionError as e:
            print("ZeroDivisionError", e)
        done, not_done = wait([ex.submit(countdown, 10000) for _ in range(4)], return_when=ALL_COMPLETED)
        print(len(done), len(not_done), [d.result() for d in done])
