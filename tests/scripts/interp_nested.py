# expect-output: interp_nested.out
# Interpreters made by interpreters: a sub-interpreter creates, calls and
# closes one of its own (the main script's functions are found there too),
# one it leaves open is closed at the main program's exit, and queues
# travel inside containers and inside other queues.
import interpreters


def inner(x):
    return ("inner", interpreters.get_current().id, x * 2)


def outer(x):
    sub = interpreters.create()
    r = sub.call(inner, x)
    ids = [i.id for i in interpreters.list_all()]
    sub.close()
    return ("outer", interpreters.get_current().id, r, ids)


def pass_queue(qs):
    qs[0].put("via list")
    return len(qs)


def spawn_and_leave():
    # Left open: closed at the exit of the main program, not of this one.
    leftover = interpreters.create()
    leftover.exec("y = 2")
    return leftover


if __name__ == "__main__":
    a = interpreters.create()
    print(a.call(outer, 21))
    print([i.id for i in interpreters.list_all()])
    q = interpreters.create_queue()
    print(a.call(pass_queue, [q, q]), q.get())
    q.put({"queue": q, "n": 1})
    got = q.get()
    print(got["queue"] == q, got["queue"] is q, got["n"])
    left = a.call(spawn_and_leave)
    print(left, left.is_running(), [i.id for i in interpreters.list_all()])
    a.close()
    print([i.id for i in interpreters.list_all()])
