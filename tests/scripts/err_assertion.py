# A failing assert with a message, uncaught.

def average(values):
    assert len(values) > 0, "average() needs at least one value"
    return sum(values) / len(values)

print(average([1, 2, 3]))
print(average([]))
