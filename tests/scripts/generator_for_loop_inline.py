# `for x in gen` runs the generator's frame inside the caller's eval loop
# (vm/eval_loop.hpp, FOR_ITER): every way a generator can leave its frame
# (yield, yield from, return, an exception, a StopIteration turned into a
# RuntimeError) must behave as next() does, and the handled exception must
# move between the generator and its caller as in CPython.
import sys


def count(n):
    for i in range(n):
        yield i


def nested(n):
    for i in count(n):
        for j in count(i):
            yield i * 10 + j


print("plain", list(count(5)), [x for x in count(4)], sum(x for x in count(10)))
print("nested", [x for x in nested(4)])


def delegating():
    yield "a"
    r = yield from count(3)
    yield ("returned", r)
    r = yield from sub_returning()
    yield ("returned", r)


def sub_returning():
    yield "s"
    return 42


print("yield from", [x for x in delegating()])


def returns_value():
    yield 1
    return "ignored by for"


for x in returns_value():
    print("item", x)
print("after return")


def raises_midway():
    yield 1
    yield 2
    raise KeyError("boom")


got = []
try:
    for x in raises_midway():
        got.append(x)
except KeyError as e:
    print("caught", repr(e), got)


def leaks_stop_iteration():
    yield 1
    raise StopIteration("inner")


try:
    for x in leaks_stop_iteration():
        print("item", x)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__), "| context:", repr(e.__context__))


def next_on_exhausted():
    it = iter([])
    yield 1
    next(it)  # StopIteration inside a generator


try:
    for x in next_on_exhausted():
        pass
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


# The handled exception: a generator paused inside an except block keeps its
# own; the caller's is seen by the generator outside its own handlers.
def handler_gen():
    print("  gen sees", repr(sys.exc_info()[1]))
    try:
        raise ValueError("in gen")
    except ValueError:
        yield "inside except"
        print("  gen after resume sees", repr(sys.exc_info()[1]))
    yield "after except"
    print("  gen at end sees", repr(sys.exc_info()[1]))


for x in handler_gen():
    print(x, "| caller sees", repr(sys.exc_info()[1]))
try:
    raise TypeError("in caller")
except TypeError:
    for x in handler_gen():
        print(x, "| caller sees", repr(sys.exc_info()[1]))
print("caller after", repr(sys.exc_info()[1]))


# A generator that iterates itself is already executing.
def selfish():
    yield 1
    for x in me:
        yield x


me = selfish()
try:
    for x in me:
        print("selfish", x)
except ValueError as e:
    print("ValueError:", e)


# Breaking out leaves the generator suspended; it can be resumed elsewhere.
g = count(6)
for x in g:
    if x == 2:
        break
print("resumed", next(g), list(g))
for x in g:
    print("never")
print("exhausted", list(g))

# Closing a generator the loop has left.
g = count(3)
for x in g:
    break
g.close()
print("closed", list(g))


# Deep chains of generators, each one iterating the next.
def chain(depth):
    if depth == 0:
        yield from range(3)
    else:
        for x in chain(depth - 1):
            yield x + 1


print("chain", list(chain(50)))


def deep(depth):
    for x in deep(depth + 1):
        yield x
    yield depth


try:
    for x in deep(0):
        pass
except RecursionError:
    print("RecursionError")


# Exceptions caught inside the generator, and finally blocks on each exit.
def guarded(n):
    try:
        for i in range(n):
            try:
                if i == 1:
                    raise ValueError(i)
                yield i
            except ValueError as e:
                yield ("handled", e.args[0])
    finally:
        print("  finally of guarded")


print("guarded", [x for x in guarded(3)])
g = guarded(3)
for x in g:
    if x == 2:
        break
g.close()  # lockvm does not close a generator when it is collected (docs/language.md)
print("after break and close")


# A generator expression and a lambda inside generators, and send() mixed
# with for loops over the same kind of generator.
def echo():
    got = yield "ready"
    while True:
        got = yield got


e = echo()
print("send", next(e), e.send(5), e.send("x"))
print("genexpr of genexpr", list(y * 2 for y in (x + 1 for x in count(4))))
print("zip/map/enumerate", list(zip(count(3), map(lambda v: v * v, count(3)))), list(enumerate(count(2))))
print("sorted/dict/any/all", sorted(count(4), reverse=True), dict((k, k) for k in count(2)),
      any(x > 2 for x in count(5)), all(x < 9 for x in count(5)))


# gi_running and gi_suspended, seen from inside and outside a for loop.
def watch():
    yield ("inside", me2.gi_running, me2.gi_suspended)
    yield ("again", me2.gi_running, me2.gi_suspended)


me2 = watch()
print("before", me2.gi_running, me2.gi_suspended)
for state in me2:
    print(state, "| from the loop:", me2.gi_running, me2.gi_suspended)
print("after", me2.gi_running, me2.gi_suspended)
