# Each generator has its own "exception being handled": a generator paused
# at a yield inside an except block does not leak that exception into its
# caller (no __context__, no bare `raise`), and gets it back when resumed.
# Probed through bare `raise`, implicit __context__ and sys.exc_info().

import sys


def current():
    return repr(sys.exc_info()[1])


def reraise():
    try:
        raise
    except BaseException as e:
        return type(e).__name__ + ": " + str(e)


def gen():
    try:
        raise ValueError("inside generator")
    except ValueError:
        yield 1
        print("resumed, handling", current())
        try:
            raise TypeError("second")
        except TypeError as e:
            print("context inside generator:", repr(e.__context__))
        yield 2
        print("bare raise inside generator:", reraise())
        yield 3
    print("after the except block:", current())
    yield 4


g = gen()
print(next(g))
try:
    1 / 0
except ZeroDivisionError as e:
    print("caller's context:", repr(e.__context__))
print("caller's bare raise:", reraise())
print("caller sees:", current())

try:
    raise KeyError("caller")
except KeyError:
    print(next(g))
    print("caller still handling", current())
    print(next(g))
    print("caller still handling", current())
print(next(g))
print("after the loop:", current())
print(list(g))


# A generator with nothing of its own sees its caller's exception.
def borrower():
    print("borrower sees", current())
    yield 1
    print("borrower sees", current(), "and re-raises", reraise())
    yield 2


b = borrower()
try:
    raise KeyError("k1")
except KeyError:
    next(b)
try:
    raise IndexError("k2")
except IndexError:
    next(b)
print("outside:", current())


# send() and the exception state.
def echo():
    try:
        raise ValueError("echo")
    except ValueError:
        received = yield "ready"
        while received is not None:
            received = yield f"{received} (handling {current()})"


e = echo()
print(e.send(None))
print(e.send("a"))
try:
    raise LookupError("caller of send")
except LookupError:
    print(e.send("b"))
    print("caller:", current())
try:
    e.send(None)
except StopIteration:
    print("echo finished;", current())


# throw(): the thrown exception is chained to the generator's own handled
# exception, not to the caller's.
def catcher():
    try:
        raise ValueError("catcher's own")
    except ValueError:
        try:
            yield 1
        except KeyError as e:
            print("caught", repr(e), "context", repr(e.__context__), "handling", current())
            yield 2
        print("back to", current())
        yield 3


c = catcher()
next(c)
print(c.throw(KeyError("thrown")))
print(next(c))


def plain():
    yield 1


pl = plain()
next(pl)
try:
    raise TypeError("caller's")
except TypeError:
    try:
        pl.throw(KeyError("into plain"))
    except KeyError as e:
        print("plain throw context:", repr(e.__context__))


# An exception escaping from the generator is chained to the generator's own.
def escaping():
    try:
        raise ValueError("own")
    except ValueError:
        yield 1
        raise KeyError("escapes")


es = escaping()
next(es)
try:
    next(es)
except KeyError as e:
    print("escaped with context", repr(e.__context__))
print("then:", current())


# close(): GeneratorExit is handled inside the generator, then the caller's
# state is back.
def closing():
    try:
        raise ValueError("closing")
    except ValueError:
        try:
            yield 1
        finally:
            print("finally handling", current())


cl = closing()
next(cl)
try:
    raise OSError("caller of close")
except OSError:
    cl.close()
    print("after close:", current())


def closing_raises():
    try:
        raise ValueError("v")
    except ValueError:
        try:
            yield 1
        finally:
            raise KeyError("from finally")


cr = closing_raises()
next(cr)
try:
    cr.close()
except KeyError as e:
    print(repr(e), "<-", repr(e.__context__), "<-", repr(e.__context__.__context__))


# StopIteration raised in a generator becomes RuntimeError.
def stops():
    try:
        raise ValueError("v")
    except ValueError:
        yield 1
        raise StopIteration("early")


st = stops()
next(st)
try:
    next(st)
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)


# yield from: the inner generator stacks over the outer one.
def inner():
    try:
        raise ValueError("inner")
    except ValueError:
        yield "i1"
        print("inner handling", current())
    yield "i2"
    print("inner now sees", current())
    return "inner result"


def outer():
    try:
        raise KeyError("outer")
    except KeyError:
        r = yield from inner()
        print("outer got", r, "handling", current())
    yield "o"


o = outer()
for v in o:
    print(v, "| caller:", current())


# throw() and close() through yield from reach the inner generator.
def inner_catch():
    try:
        yield "ic1"
    except IndexError as e:
        print("inner caught", repr(e), "context", repr(e.__context__), "handling", current())
        yield "ic2"
    return "ic done"


def outer_delegating():
    try:
        raise ValueError("outer's")
    except ValueError:
        r = yield from inner_catch()
        print("outer_delegating got", r, "handling", current())
        yield "od"


od = outer_delegating()
print(next(od))
print(od.throw(IndexError("to inner")))
print(next(od))
print("caller:", current())


def inner_done():
    try:
        yield 1
    except IndexError:
        return "finished by throw"


def outer_done():
    r = yield from inner_done()
    print("outer_done got", r)
    yield "after"


x = outer_done()
next(x)
print(x.throw(IndexError))


def outer_catches():
    try:
        yield from inner_done()
    except KeyError as e:
        print("outer_catches caught", repr(e))
        yield "caught"


x = outer_catches()
next(x)
print(x.throw(KeyError("passes through inner")))


def inner_fin():
    try:
        yield 1
    finally:
        print("inner_fin finally, handling", current())


def outer_fin():
    try:
        yield from inner_fin()
    finally:
        print("outer_fin finally, handling", current())


x = outer_fin()
next(x)
x.close()
print("closed;", current())


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n

    def throw(self, exc):
        print("Countdown.throw", repr(exc))
        return -1

    def close(self):
        print("Countdown.close")


def over_iterator():
    yield from Countdown(3)


x = over_iterator()
print(next(x), x.throw(KeyError("k")), next(x))
x.close()


# Generator expressions are generators too.
ge = (current() for _ in range(2))
try:
    raise KeyError("for the genexp")
except KeyError:
    print(next(ge))
print(next(ge))


def with_genexp():
    try:
        raise ValueError("around genexp")
    except ValueError:
        yield from (current() for _ in range(2))


print(list(with_genexp()), current())


# A generator driven from inside another generator's except block.
def driver():
    try:
        raise ValueError("driver")
    except ValueError:
        d = driven()
        yield next(d)
        yield current()
        yield next(d)
    yield next(d, "driven done")


def driven():
    yield current()
    try:
        raise KeyError("driven")
    except KeyError:
        yield current()


print(list(driver()))


# Nested handlers inside one generator, each paused at a yield, while the
# caller handles a different exception at every step.
def nested():
    try:
        raise ValueError("L1")
    except ValueError:
        yield current()
        try:
            raise KeyError("L2")
        except KeyError:
            yield current()
            try:
                raise IndexError("L3")
            except IndexError:
                yield current()
            yield current()
        yield current()
    yield current()


steps = []
for i, v in enumerate(nested()):
    try:
        raise TypeError(str(i))
    except TypeError:
        steps.append((v, current()))
for step in steps:
    print(step)


# Recursive generators, each in its own except block.
def walk(tree, depth=0):
    try:
        raise ValueError(f"depth {depth}")
    except ValueError:
        if isinstance(tree, list):
            for child in tree:
                yield from walk(child, depth + 1)
        else:
            yield (tree, current())


print(list(walk([1, [2, [3]], 4])), current())


# A thrown exception that passes through the inner generator is chained to
# the outer one's handled exception.
def outer_handling():
    try:
        raise ValueError("outer handling")
    except ValueError:
        try:
            yield from plain()
        except KeyError as e:
            print("outer_handling caught", repr(e), "context", repr(e.__context__))
            yield "ok"


x = outer_handling()
next(x)
print(x.throw(KeyError("through")))


# The contextlib.contextmanager pattern: __exit__ throws into the generator.
class Managed:
    def __init__(self, gen):
        self.gen = gen

    def __enter__(self):
        return next(self.gen)

    def __exit__(self, et, ev, tb):
        if et is None:
            next(self.gen, None)
            return False
        try:
            self.gen.throw(ev)
        except StopIteration:
            return True
        return False


def resource():
    try:
        yield "resource"
    except ZeroDivisionError as e:
        print("resource caught", repr(e), "context", repr(e.__context__), "handling", current())
    finally:
        print("resource finally, handling", current())


with Managed(resource()) as r:
    print("using", r, current())
    1 / 0
print("after with:", current())


# Paused generators dropped while suspended inside their except blocks.
paused = [gen() for _ in range(3)]
for p in paused:
    next(p)
del paused, p

# Finally: the generator's exception must not be chained to this one
# (no "During handling of the above exception" block on stderr).
g2 = gen()
next(g2)
raise KeyError("after")
