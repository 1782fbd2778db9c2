# Exceptions raised while handling others: __context__ and chaining.

def convert(text):
    try:
        return int(text)
    except ValueError:
        raise TypeError(f"cannot convert {text!r}")

try:
    convert("abc")
except TypeError as e:
    print("caught:", repr(e))
    print("context:", repr(e.__context__))
    print("cause:", repr(e.__cause__))
    print("suppress_context:", e.__suppress_context__)

try:
    try:
        {}["missing"]
    except KeyError as first:
        [][0]
except IndexError as second:
    print(repr(second), "<- context:", repr(second.__context__))

try:
    try:
        raise ValueError("original")
    except ValueError:
        raise RuntimeError("replacement") from None
except RuntimeError as e:
    print(repr(e), repr(e.__context__), repr(e.__cause__), e.__suppress_context__)

def cleanup_fails():
    try:
        raise OSError("disk")
    finally:
        pass

try:
    cleanup_fails()
except OSError as e:
    print(repr(e), e.__context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            int("x")
        except ValueError as inner:
            raise KeyError("third") from inner
except KeyError as e:
    print(repr(e), "cause:", repr(e.__cause__), "cause's context:", repr(e.__cause__.__context__))

e = ValueError("fresh")
print(e.__context__, e.__cause__, e.__suppress_context__)
