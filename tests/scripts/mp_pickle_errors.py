# What cannot cross to another process raises TypeError naming its type.
import threading
from multiprocessing import Pool


def first(x):
    return x


def gen():
    yield 1


if __name__ == "__main__":
    with Pool(1) as pool:
        for bad in (gen(), threading.Lock()):
            try:
                pool.apply(first, (bad,))
            except TypeError as e:
                print("TypeError:", e)
        print(pool.apply(first, ((1, [2.5, "x"], {3: None}),)))
