# A generator that dies paused at a yield is closed (PEP 342): GeneratorExit
# is raised at the yield, so its finally blocks and with-exits run, before
# the program's next call. Not-started and finished generators are not.
import threading


def counted(log, name):
    try:
        log.append(name + " start")
        yield 1
        yield 2
    finally:
        log.append(name + " finally")
        print("finally", name)


# del of a paused generator: closed before the next print
log = []
g = counted(log, "a")
print(next(g))
del g
print("after del", log)

# never started, and run to the end: nothing to close
g = counted(log, "b")
del g
g = counted(log, "c")
print(list(g))
del g
print("unstarted and finished", log)


# break out of a for loop: the loop's iterator dies with GeneratorExit
def watching():
    for i in range(5):
        try:
            yield i
        except GeneratorExit:
            print("GeneratorExit at", i)
            raise


for v in watching():
    if v == 2:
        break
print("after break")


# a with block around the yield gets its __exit__, with the exception
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, tp, val, tb):
        print("exit", self.name, tp.__name__ if tp else None)
        return False


def reader(name):
    with Resource(name):
        yield "line 1"
        yield "line 2"


r = reader("file")
print(next(r))
r = None
print("reader dropped")

# a lock taken inside an abandoned generator is released
lock = threading.Lock()


def locked_items():
    with lock:
        yield 1
        yield 2


it = locked_items()
next(it)
print("locked while paused:", lock.locked())
it = 42
print("locked after drop:", lock.locked())


# a local of a returning function
def use_and_return():
    g = counted(log, "local")
    next(g)
    return "returned"


print(use_and_return())


# yield from: the inner generator is closed first, then the outer
def inner():
    try:
        yield "inner"
    finally:
        print("inner finally")


def outer():
    try:
        yield from inner()
    finally:
        print("outer finally")


o = outer()
print(next(o))
del o
print("after outer")

# generators dying with the list that held them, in order
gens = [counted([], "list%d" % i) for i in range(3)]
for x in gens:
    next(x)
gens.clear()
print("list cleared")


# an exception in finally cannot reach anyone: reported, and the program goes on
def raising():
    try:
        yield 1
    finally:
        raise ValueError("from finally")


g = raising()
next(g)
del g
print("still running")


# abandoned in another thread than the one that started it
def thread_body(g):
    print("thread got", next(g))


# (Under brc the thread's last reference is handed back to the owner, the
# main thread, which merges it at its next call of a Python function or
# backward jump, as CPython 3.13t does: the call to settle() is that point.)
def settle():
    pass


g = counted(log, "threaded")
t = threading.Thread(target=thread_body, args=(g,))
t.start()
t.join()
del t
del g
settle()
print("threaded dropped")

# a generator the module still holds at exit is closed at exit
at_exit = counted(log, "at exit")
next(at_exit)
print("end of script")
