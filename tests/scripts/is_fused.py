# `x is None`, `x is not None`, `a is b` between locals, as conditions: fused
# into one instruction that counts no reference (FUSED_FAST_IS_JUMP). Every
# combination of is / is not and jump-if-true / jump-if-false, values of
# every kind, an unbound local, and loops whose test is fused.


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def conditions(x, y):
    out = []
    if x is None:
        out.append("x is None")
    if x is not None:
        out.append("x is not None")
    if not (x is None):
        out.append("not x is None")
    if not (x is not None):
        out.append("not x is not None")
    if x is y:
        out.append("x is y")
    if x is not y:
        out.append("x is not y")
    out.append("a" if x is None else "b")
    out.append(x is None and y is None)
    out.append(x is not None or y is None)
    return out


def walk(node):
    total = 0
    while node is not None:
        total += node.value
        node = node.next
    return total


def unbound(flag):
    if flag:
        z = 1
    try:
        if z is None:
            return "none"
        return "bound"
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)


shared = [1]
for x, y in [(None, None), (None, 0), (0, None), (0, 0), (False, 0), (True, True), (1.5, 1.5),
             ("s", "s"), (shared, shared), (shared, [1]), (None, shared)]:
    print(repr(x), repr(y), conditions(x, y))
chain = None
for i in range(10):
    chain = Node(i, chain)
print(walk(chain), walk(None))
print(unbound(True), unbound(False))
