# Generator send(): coroutine-style accumulators.

def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total

acc = accumulator()
print(next(acc))
print(acc.send(10), acc.send(5), acc.send(-3))
try:
    acc.send(None)
except StopIteration as e:
    print("final total", e.value)

def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count

avg = averager()
next(avg)
for x in (10, 20, 30, 45):
    print(avg.send(x))

def echo():
    received = []
    while True:
        msg = yield len(received)
        received.append(msg)
        if msg == "stop":
            return received

e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send("stop")
except StopIteration as stop:
    print(stop.value)

def running_max():
    best = None
    while True:
        x = yield best
        if best is None or x > best:
            best = x

rm = running_max()
next(rm)
print([rm.send(v) for v in [3, 1, 4, 1, 5, 9, 2, 6]])

g = accumulator()
try:
    g.send(5)
except TypeError as err:
    print("TypeError:", err)
