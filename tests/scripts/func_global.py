# The global statement and module-level state.

counter = 0
log = []

def bump():
    global counter
    counter += 1
    log.append(counter)  # mutating a global list needs no declaration

for _ in range(3):
    bump()
print(counter, log)

def read_only():
    return counter * 10

print(read_only())

def shadow():
    counter = "local"
    return counter

print(shadow(), counter)

def create_global():
    global created
    created = "made inside a function"

create_global()
print(created)

def broken():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

broken()
CONFIG = {"debug": False}

def enable_debug():
    CONFIG["debug"] = True

enable_debug()
print(CONFIG)

x = 1
def f():
    global x
    x = x + 1
    def g():
        return x * 100
    return g()

print(f(), x)
