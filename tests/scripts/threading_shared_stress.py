# Four threads hammer the same containers, globals, attributes and cells at
# once. Under the free-threaded policies (objlocks, brc) this is where a
# missing lock shows: a lost update, a torn value, a freed object read.
# Every count printed is exact under every policy.
import threading

N = 3000
NTHREADS = 4

shared_list = []
shared_dict = {}
shared_set = set()
counter_lock = threading.Lock()
counter = 0
latest = "start"          # a global rebound to fresh heap objects while others read it


class Box:
    kind = "box"          # a class attribute every thread reads

    def __init__(self):
        self.value = [0]  # rebound by writers, read by readers

    def describe(self):
        return self.kind + ":" + str(len(self.value))


box = Box()


def make_counter():
    count = 0
    lock = threading.Lock()

    def bump():
        nonlocal count
        with lock:
            count += 1
        return count

    def read():
        return count

    return bump, read


bump, read_count = make_counter()


def worker(tag):
    global counter, latest
    seen_bad = 0
    for i in range(N):
        shared_list.append(i)
        shared_dict[(tag, i)] = i * 2
        shared_dict[i % 50] = tag               # the same keys from every thread
        shared_set.add(i % 200)
        latest = "s" + str(i)                   # a new str each time
        s = latest
        if not s.startswith("s") and s != "start":
            seen_bad += 1
        box.value = [tag] * (i % 5 + 1)         # rebind an instance attribute
        v = box.value
        if len(v) < 1 or len(v) > 5:
            seen_bad += 1
        if box.describe()[:4] != "box:":
            seen_bad += 1
        if shared_dict.get((tag, i)) != i * 2:
            seen_bad += 1
        bump()
        if i % 3 == 0 and shared_list:
            try:
                shared_list.pop()
            except IndexError:
                pass
        with counter_lock:
            counter += 1
    return seen_bad


results = [None] * NTHREADS


def run(tag):
    results[tag] = worker(tag)


threads = [threading.Thread(target=run, args=(k,)) for k in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

pops = NTHREADS * len(range(0, N, 3))
print("list", len(shared_list) + pops == NTHREADS * N)
print("dict", len(shared_dict), sum(1 for k in shared_dict if isinstance(k, tuple)))
print("dict values", all(shared_dict[(k, i)] == i * 2 for k in range(NTHREADS) for i in range(N)))
print("set", len(shared_set), sorted(shared_set)[:3])
print("counter", counter, read_count())
print("bad", results)
print("latest", latest.startswith("s"))
print("box", box.describe()[:4])
