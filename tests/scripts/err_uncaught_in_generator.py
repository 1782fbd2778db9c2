# An exception escaping from a generator while a for loop consumes it.

def readings():
    for value in [10, 20, -5, 30]:
        if value < 0:
            raise RuntimeError(f"sensor returned {value}")
        yield value

total = 0
for r in readings():
    total += r
    print("running total", total)
