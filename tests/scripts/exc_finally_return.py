# finally overriding return values and swallowing exceptions.

def override():
    try:
        return "from try"
    finally:
        return "from finally"

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"

def side_effect():
    result = []
    try:
        result.append(1)
        return result
    finally:
        result.append(2)

def counter():
    x = 10
    try:
        return x
    finally:
        x = 99  # does not change the already-evaluated return value

def loop_finally():
    out = []
    for i in range(5):
        try:
            if i == 2:
                return out
            out.append(i)
        finally:
            out.append(f"f{i}")
    return "not reached"

def except_then_finally():
    try:
        raise KeyError("k")
    except KeyError:
        return "from except"
    finally:
        print("  finally after except-return")

def break_in_finally():
    for i in range(3):
        try:
            raise RuntimeError("dropped by break")
        finally:
            break
    return f"break in finally swallowed it at i={i}"

print(override())
print(swallow())
print(side_effect())
print(counter())
print(loop_finally())
print(except_then_finally())
print(break_in_finally())

def nested():
    try:
        try:
            return "inner try"
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")

print(nested())
