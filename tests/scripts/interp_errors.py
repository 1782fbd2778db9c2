# expect-output: interp_errors.out
# Errors across interpreters: an exception raised there becomes
# ExecutionFailed here (naming the remote type and message, with the remote
# traceback kept as text); what cannot be sent; close, use after close,
# closing a running or the current interpreter; unsupported features.
import interpreters
import threading


class AppError(Exception):
    pass


def boom(kind):
    if kind == "type":
        raise TypeError("boom")
    if kind == "app":
        raise AppError("custom", 42)
    if kind == "key":
        return {}["missing"]
    return kind


def gen():
    yield 1


def close_self():
    interpreters.get_current().close()


def exec_main():
    interpreters.get_main().exec("pass")


def wait_on(q):
    return q.get()


def show(e):
    info = e.excinfo
    print(" ", type(e).__name__, "|", e.args[0], "|", info.type.__name__, info.type.__module__, "|", info.msg)
    print("  traceback kept:", info.errdisplay.startswith("Traceback (most recent call last):"),
          info.errdisplay.rstrip().endswith(info.msg))
    print("  str starts:", str(e).splitlines()[0], "| mentions remote:", "Uncaught in the interpreter" in str(e))


if __name__ == "__main__":
    interp = interpreters.create()
    for kind in ["type", "app", "key"]:
        try:
            interp.call(boom, kind)
        except interpreters.ExecutionFailed as e:
            show(e)
    print("still usable:", interp.call(boom, "fine"))

    for code in ["1 / 0", "undefined_name", "def f(:\n  pass", "raise SystemExit(3)"]:
        try:
            interp.exec(code)
        except interpreters.ExecutionFailed as e:
            print("exec:", e.excinfo.formatted)
    print("is InterpreterError:", issubclass(interpreters.ExecutionFailed, interpreters.InterpreterError))

    # What cannot be sent fails here, before anything runs there.
    for bad in [lambda: 1, gen(), threading.Lock()]:
        try:
            interp.call(boom, bad)
        except TypeError as e:
            print("not sent:", str(e).split(":")[0])
    try:
        interp.prepare_main(g=gen())
    except TypeError as e:
        print("prepare_main:", e)
    try:
        interp.exec(boom)
    except NotImplementedError as e:
        print("NotImplementedError:", e)
    try:
        interp.exec(42)
    except TypeError as e:
        print("TypeError:", e)
    try:
        interpreters.create_queue(unbounditems=1)
    except NotImplementedError as e:
        print("NotImplementedError:", e)

    # Running interpreters: the main one, the current one, a busy one.
    try:
        interpreters.get_main().exec("pass")
    except interpreters.InterpreterError as e:
        print("main:", e)
    try:
        interpreters.get_main().close()
    except interpreters.InterpreterError as e:
        print("close main:", e)
    for f in [close_self, exec_main]:
        try:
            interp.call(f)
        except interpreters.ExecutionFailed as e:
            print(f.__name__ + ":", e.excinfo.formatted)
    q = interpreters.create_queue()
    t = interp.call_in_thread(wait_on, q)
    while not interp.is_running():
        pass
    print("running:", interp.is_running())
    for op in [lambda: interp.close(), lambda: interp.exec("pass")]:
        try:
            op()
        except interpreters.InterpreterError as e:
            print("busy:", e)
    q.put("go")
    t.join()
    print("running after:", interp.is_running())

    # Close, then every use fails.
    ident = interp.id
    interp.close()
    for name, op in [("exec", lambda: interp.exec("pass")), ("call", lambda: interp.call(boom, 1)),
                     ("is_running", interp.is_running), ("close", interp.close),
                     ("prepare_main", lambda: interp.prepare_main(a=1)),
                     ("lookup", lambda: interpreters.Interpreter(ident))]:
        try:
            op()
        except interpreters.InterpreterNotFoundError as e:
            print("closed", name + ":", e)
    try:
        interpreters.Interpreter(999)
    except interpreters.InterpreterNotFoundError as e:
        print("unknown:", e)
    print("list:", [i.id for i in interpreters.list_all()])
