# assert statements, with and without messages.

def check_positive(n):
    assert n > 0, f"expected a positive number, got {n}"
    return n

print(check_positive(5))
try:
    check_positive(-2)
except AssertionError as e:
    print("AssertionError:", e, e.args)

try:
    assert 1 + 1 == 3
except AssertionError as e:
    print("no message:", repr(e), e.args)

assert True, "never shown"
assert [1], "non-empty list is truthy"

def invariant(items):
    assert isinstance(items, list), "items must be a list"
    assert all(isinstance(i, int) for i in items), "items must be ints"
    return sum(items)

for arg in ([1, 2], (1, 2), [1, "2"]):
    try:
        print(invariant(arg))
    except AssertionError as e:
        print("failed:", e)

calls = []
def msg():
    calls.append("called")
    return "lazy message"

assert True, msg()
print("message evaluated only on failure:", calls)
try:
    assert False, msg()
except AssertionError as e:
    print(e, calls)
