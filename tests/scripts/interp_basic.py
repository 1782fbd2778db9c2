# expect-output: interp_basic.out
# Isolated interpreters (PEP 734): create, exec, call, prepare_main, values
# crossing both ways (copies), isolation of globals, the interpreter list.
import interpreters


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


def add(a, b=10):
    return a + b


def describe(value):
    # Runs in the sub-interpreter: Point is the main script's class, found
    # there by running this script as __mp_main__.
    return (type(value).__name__, repr(value), isinstance(value, Point))


def make_point(x):
    return Point(x, -x)


def mutate(items):
    items.append("changed there")
    return items


def where():
    return interpreters.get_current().id


def read_global(name):
    return globals().get(name, "<unset>")


if __name__ == "__main__":
    main = interpreters.get_main()
    print("main", main.id, main == interpreters.get_current(), main.is_running())
    a = interpreters.create()
    b = interpreters.create()
    print("ids", a.id > 0, b.id > a.id, [i.id for i in interpreters.list_all()] == [0, a.id, b.id])
    print("repr", repr(a) == f"Interpreter({a.id})", interpreters.Interpreter(a.id) == a)
    print("idle", a.is_running())

    a.exec("x = 6 * 7")
    a.exec("print('printed there:', x)")
    print("call builtin", a.call(len, "four"))
    print("call args", a.call(add, 1), a.call(add, 1, b=2), a.call(add, *(3, 4)))
    print("where", a.call(where), b.call(where), where())

    # Values go over as copies: a change there is not seen here.
    items = [1, 2]
    print("copied", a.call(mutate, items), items)
    values = [None, True, -5, 2**100, 1.5, "text", b"bytes", (1, (2,)), {"k": [1, 2]}, {3}, frozenset([4])]
    back = a.call(describe, values)
    print("described", back[0], back[2])
    print("round trip", a.call(mutate, values)[:-1] == values)

    # User class instances, both ways.
    print("instance there", a.call(describe, Point(1, 2)))
    p = a.call(make_point, 5)
    print("instance back", p, type(p) is Point)

    # prepare_main binds copies in its __main__.
    a.prepare_main(greeting="hello", point=Point(3, 4))
    a.prepare_main({"n": 3})
    a.exec("print(greeting * n, point, type(point).__name__)")

    # Isolation: each interpreter has its own globals and modules.
    a.exec("shared = 'only in a'")
    b.exec("import sys; sys.shared_flag = 1")
    print("isolated", b.call(read_global, "shared"))
    b.exec("print('b sees', 'shared' in globals())")
    a.exec("import sys; print('a sees flag', hasattr(sys, 'shared_flag'))")
    print("main sees", "shared" in globals(), "x" in globals())

    # The __main__ of a sub-interpreter ran this script as __mp_main__ for
    # describe(), without the guarded part.
    a.exec("import sys; print('mp_main loaded', '__mp_main__' in sys.modules)")
    b.exec("import sys; print('b mp_main loaded', '__mp_main__' in sys.modules)")

    a.close()
    print("after close", [i.id for i in interpreters.list_all()] == [0, b.id])
    c = interpreters.create()
    print("new id", c.id > b.id)
    # b and c are closed at exit.
