# Threads run `for` loops over one shared generator. FOR_ITER resumes a
# generator inside the looping thread's eval loop (vm/eval_loop.hpp) after
# claiming it (gen_claim): a thread that finds it claimed gets CPython's
# "generator already executing" ValueError and tries again, so every item
# reaches exactly one thread, and none is lost or seen twice.
import threading

N = 20000


def numbers(n):
    for i in range(n):
        yield i


def squares_of(gen):
    for x in gen:
        yield x * x


shared = squares_of(numbers(N))
results = []
collisions = []
lock = threading.Lock()


def consume():
    mine = []
    busy = 0
    while True:
        try:
            for x in shared:
                mine.append(x)
            break
        except ValueError as e:
            if str(e) != "generator already executing":
                raise
            busy += 1
    with lock:
        results.extend(mine)
        collisions.append(busy)


threads = [threading.Thread(target=consume) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("items", len(results), sorted(results) == [i * i for i in range(N)])
print("threads done", len(collisions))
