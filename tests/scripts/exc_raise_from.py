# raise ... from ...: explicit cause.

class ConfigError(Exception):
    pass

def load(settings, key):
    try:
        return settings[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key!r}") from e

try:
    load({"a": 1}, "b")
except ConfigError as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print("context is cause:", e.__context__ is e.__cause__, e.__suppress_context__)

def parse_port(text):
    try:
        port = int(text)
    except ValueError as err:
        raise ValueError(f"bad port {text!r}") from err
    if not 0 < port < 65536:
        raise ValueError(f"port out of range: {port}")
    return port

for text in ["8080", "http", "70000"]:
    try:
        print(parse_port(text))
    except ValueError as e:
        print("ValueError:", e, "| cause:", repr(e.__cause__))

try:
    raise RuntimeError("wrapped") from KeyError("root")
except RuntimeError as e:
    print(repr(e.__cause__), e.__cause__.args)

try:
    raise ValueError("with class cause") from IndexError
except ValueError as e:
    print(type(e.__cause__).__name__, e.__cause__.args)
