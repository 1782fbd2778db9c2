# Exceptions: an exception-heavy loop. A tiny validating parser and a
# resource simulation raise and catch built-in and custom exceptions
# (a class hierarchy with extra attributes and super().__init__), catch by
# base class and by tuple, re-raise, chain with `raise ... from ...`, use
# try/except/else/finally (including return inside finally-protected code),
# with statements whose __exit__ sees, records or suppresses exceptions,
# exceptions escaping generators and nested function calls, and the
# built-in ones raised by the runtime (KeyError, IndexError, ZeroDivisionError,
# ValueError from int(), AttributeError, TypeError).
# The checksum folds the counts of every kind of event.
import sys
import time

MOD = 1000000007


class AppError(Exception):
    pass


class ParseError(AppError):
    def __init__(self, text, pos):
        super().__init__(f"bad input {text!r} at {pos}")
        self.text = text
        self.pos = pos


class RangeError(AppError):
    def __init__(self, value, limit):
        super().__init__("out of range")
        self.value = value
        self.limit = limit


class ResourceError(Exception):
    code = 7


class Busy(ResourceError):
    code = 11


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % bound


class Resource:
    """A context manager that counts enters/exits and may swallow errors."""

    def __init__(self, stats, swallow):
        self.stats = stats
        self.swallow = swallow

    def __enter__(self):
        self.stats["enter"] += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stats["exit"] += 1
        if exc_type is None:
            return False
        self.stats["seen_" + exc_type.__name__] = self.stats.get("seen_" + exc_type.__name__, 0) + 1
        if self.swallow and issubclass(exc_type, ResourceError):
            self.stats["swallowed"] += 1
            return True
        return False

    def use(self, rng):
        r = rng.next(10)
        if r == 0:
            raise Busy("busy")
        if r == 1:
            raise ResourceError("broken")
        return r


def parse_number(text, limit):
    if not text:
        raise ParseError(text, 0)
    for i, ch in enumerate(text):
        if not ("0" <= ch <= "9" or (i == 0 and ch == "-")):
            raise ParseError(text, i)
    value = int(text)
    if not -limit <= value <= limit:
        raise RangeError(value, limit)
    return value


def parse_all(tokens, stats):
    total = 0
    for tok in tokens:
        try:
            value = parse_number(tok, 5000)
        except RangeError as e:
            stats["range"] += 1
            total += e.value % 97
        except ParseError as e:
            stats["parse"] += 1
            total += e.pos
        else:
            total += value
        finally:
            stats["tokens"] += 1
    return total


def make_token(rng):
    r = rng.next(12)
    if r == 0:
        return ""
    if r == 1:
        return "x" + str(rng.next(100))
    if r == 2:
        return str(rng.next(100)) + "?"
    if r == 3:
        return str(10000 + rng.next(90000))
    return str(rng.next(10000) - 5000)


def lookup_chain(rng, table, stats):
    """Runtime-raised built-in exceptions, caught by tuple and by base class."""
    key = rng.next(40)
    try:
        try:
            value = table[key]
            idx = value % 13
            return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10][idx] // (value % 5)
        except (KeyError, IndexError) as e:
            stats[type(e).__name__] += 1
            raise AppError("lookup failed") from e
    except ZeroDivisionError:
        stats["zero"] += 1
        return -1
    except AppError as e:
        if isinstance(e.__cause__, KeyError):
            stats["cause_key"] += 1
        return -2


def finally_return(x, stats):
    try:
        if x % 3 == 0:
            raise ValueError(x)
        return x * 2
    except ValueError:
        return -x
    finally:
        stats["finally"] += 1


def deep(n, stats):
    if n == 0:
        raise RangeError(n, -1)
    try:
        return deep(n - 1, stats)
    finally:
        stats["unwound"] += 1


def numbers(rng, count):
    for _ in range(count):
        v = rng.next(100)
        if v == 99:
            raise AppError("generator gave up")
        yield v


def misc(rng, stats):
    acc = 0
    try:
        int("12a" if rng.next(2) else "12")
        acc += 1
    except ValueError:
        stats["int"] += 1
    try:
        getattr(stats, "missing_attribute")
    except AttributeError:
        stats["attr"] += 1
    try:
        acc += len(5 if rng.next(3) == 0 else "abc")
    except TypeError:
        stats["type"] += 1
    try:
        for v in numbers(rng, 30):
            acc += v
    except AppError:
        stats["gen"] += 1
    try:
        deep(8, stats)
    except AppError as e:
        acc += e.limit
    try:
        try:
            raise Busy("inner")
        except ResourceError:
            stats["reraise"] += 1
            raise
    except Busy as e:
        acc += e.code + len(e.args)
    return acc


def round_of(seed):
    rng = Lcg(seed)
    stats = {k: 0 for k in ("enter", "exit", "swallowed", "range", "parse", "tokens",
                            "KeyError", "IndexError", "zero", "cause_key", "finally",
                            "unwound", "int", "attr", "type", "gen", "reraise",
                            "escaped")}
    acc = 0
    tokens = [make_token(rng) for _ in range(300)]
    acc += parse_all(tokens, stats)
    table = {i: i * 7 + 3 for i in range(0, 40, 3)}
    for _ in range(300):
        acc += lookup_chain(rng, table, stats)
    for x in range(200):
        acc += finally_return(x, stats)
    for i in range(300):
        try:
            with Resource(stats, swallow=i % 2 == 0) as res:
                acc += res.use(rng)
                with Resource(stats, swallow=False) as inner:
                    acc += inner.use(rng)
        except ResourceError as e:
            stats["escaped"] += 1
            acc += e.code
    for _ in range(30):
        acc += misc(rng, stats)
    for k in sorted(stats):
        acc = (acc * 31 + stats[k] + len(k)) % MOD
    return acc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 360
    start = time.perf_counter()
    checksum = 0
    for r in range(n):
        checksum = (checksum * 13 + round_of(4242 + r)) % MOD
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum}")
    print(f"time {elapsed:.6f}")


main()
