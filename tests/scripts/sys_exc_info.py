# sys.exc_info(): (type, value, traceback) of the exception being handled,
# or (None, None, None).

import sys


def show(label):
    t, v, tb = sys.exc_info()
    print(label, t.__name__ if t else t, repr(v), tb is None if t is None else "tb")


show("nothing:")
try:
    raise ValueError("first")
except ValueError:
    show("in except:")
    try:
        raise KeyError("nested")
    except KeyError:
        show("nested except:")
    show("back in outer except:")
show("after:")

try:
    {}["missing"]
except LookupError as e:
    t, v, tb = sys.exc_info()
    print(t is KeyError, v is e, t is type(e))

# finally blocks see the exception that is propagating.
try:
    try:
        raise IndexError("propagating")
    finally:
        show("finally:")
except IndexError:
    pass
try:
    pass
finally:
    show("finally without exception:")


# A function called from an except block sees the caller's exception.
def helper():
    show("helper:")
    return sys.exc_info()[1]


try:
    raise OSError("os")
except OSError as e:
    print(helper() is e)
show("after helper:")


# with blocks: __exit__ runs while the exception is being handled.
class Manager:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        show("__exit__:")
        return True


with Manager():
    raise RuntimeError("in with")
show("after with:")


# Re-raising keeps the same exception object.
def reraiser():
    try:
        raise ValueError("kept")
    except ValueError:
        first = sys.exc_info()[1]
        try:
            raise
        except ValueError:
            return first is sys.exc_info()[1]


print(reraiser())


# Exceptions with a custom class and a cause.
class AppError(Exception):
    pass


try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise AppError("wrapped") from z
except AppError:
    t, v, _ = sys.exc_info()
    print(t.__name__, v, repr(v.__cause__), issubclass(t, Exception))


# return and break out of except blocks restore the state.
def returns_from_except():
    try:
        raise ValueError("returned")
    except ValueError:
        return "r"


print(returns_from_except())
show("after return:")
for i in range(3):
    try:
        raise KeyError(i)
    except KeyError:
        if i == 1:
            break
show("after break:")


# Generators: the exception a paused generator handles stays inside it.
def gen():
    try:
        raise ValueError("in generator")
    except ValueError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__


g = gen()
print(next(g))
show("outside generator:")
try:
    raise KeyError("outer")
except KeyError:
    print(next(g))
    show("outer except again:")
show("end:")

try:
    sys.exc_info(1)
except TypeError as e:
    print("TypeError:", e)
