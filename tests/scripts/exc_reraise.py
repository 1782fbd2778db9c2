# Re-raising with bare raise, and raising from helpers.

def risky(n):
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n * 2

def wrapper(n, log):
    try:
        return risky(n)
    except ValueError:
        log.append("logged and re-raised")
        raise

log = []
try:
    wrapper(-5, log)
except ValueError as e:
    print("outer caught:", e, log)

class TransientError(Exception):
    pass

def retry_then_raise():
    attempts = 0
    while True:
        try:
            attempts += 1
            raise TransientError(f"attempt {attempts}")
        except TransientError as e:
            if attempts >= 3:
                raise
            print("  retrying after", e)

try:
    retry_then_raise()
except TransientError as e:
    print("gave up:", e)

try:
    try:
        raise KeyError("original")
    except KeyError as e:
        err = e
    raise err
except KeyError as e:
    print("re-raised stored exception:", e, e is err)

def translate():
    try:
        return {}["x"]
    except KeyError as e:
        raise LookupError("translated") from e

try:
    translate()
except LookupError as e:
    print(type(e).__name__, e)

try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
