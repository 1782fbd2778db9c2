# try/except/else/finally in all combinations.

def attempt(action):
    log = []
    try:
        log.append("try")
        if action == "raise":
            raise ValueError("bad")
        if action == "other":
            raise KeyError("k")
        log.append("try-end")
    except ValueError as e:
        log.append(f"except ValueError({e})")
    except (KeyError, IndexError) as e:
        log.append(f"except {type(e).__name__}")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log

for action in ("ok", "raise", "other"):
    print(action, attempt(action))

def only_finally(fail):
    try:
        if fail:
            raise RuntimeError("propagates")
        return "returned"
    finally:
        print("  finally runs (fail=%s)" % fail)

print(only_finally(False))
try:
    only_finally(True)
except RuntimeError as e:
    print("caught outside:", e)

try:
    pass
except Exception:
    print("never")
else:
    print("else without exception")

try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("wrong handler")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", e)

for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)

def catch_all():
    try:
        [].pop()
    except Exception as e:
        return f"{type(e).__name__}: {e}"

print(catch_all())
try:
    int("x")
except:
    print("bare except caught it")

e_var = "unchanged"
try:
    raise ValueError("scoped")
except ValueError as e_var:
    pass
try:
    print(e_var)
except NameError:
    print("exception variable deleted after except block")

def nested_levels():
    try:
        try:
            try:
                1 / 0
            finally:
                print("  level 3 finally")
        except KeyError:
            print("  level 2 wrong")
        finally:
            print("  level 2 finally")
    except ZeroDivisionError as e:
        print("  level 1 caught", e)
        return "handled"

print(nested_levels())
