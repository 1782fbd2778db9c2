# A JSON-like pretty printer written by hand: recursive over dicts, lists,
# tuples, strings (with escaping), numbers, booleans and None; plus a
# compact single-line mode, width-aware wrapping, a parser for the output
# and a round trip.


def escape(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def compact(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(compact(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{escape(str(k))}: {compact(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot serialise {type(value).__name__}")


def pretty(value, indent=2, width=40, level=0):
    flat = compact(value)
    if len(flat) + level * indent <= width or not isinstance(value, (list, tuple, dict)) or not value:
        return flat
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    if isinstance(value, dict):
        items = [f"{pad}{escape(str(k))}: {pretty(v, indent, width, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    items = [pad + pretty(v, indent, width, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + end + "]"


class Reader:
    def __init__(self, text):
        self.text, self.i = text, 0

    def ws(self):
        while self.i < len(self.text) and self.text[self.i] in " \n\t":
            self.i += 1

    def value(self):
        self.ws()
        ch = self.text[self.i]
        if ch == "{":
            self.i += 1
            result = {}
            self.ws()
            if self.text[self.i] == "}":
                self.i += 1
                return result
            while True:
                self.ws()
                key = self.value()
                self.ws()
                assert self.text[self.i] == ":", f"expected ':' at {self.i}"
                self.i += 1
                result[key] = self.value()
                self.ws()
                if self.text[self.i] == "}":
                    self.i += 1
                    return result
                self.i += 1  # comma
        if ch == "[":
            self.i += 1
            result = []
            self.ws()
            if self.text[self.i] == "]":
                self.i += 1
                return result
            while True:
                result.append(self.value())
                self.ws()
                if self.text[self.i] == "]":
                    self.i += 1
                    return result
                self.i += 1
        if ch == '"':
            self.i += 1
            out = []
            while self.text[self.i] != '"':
                c = self.text[self.i]
                if c == "\\":
                    nxt = self.text[self.i + 1]
                    if nxt == "u":
                        out.append(chr(int(self.text[self.i + 2:self.i + 6], 16)))
                        self.i += 6
                        continue
                    out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
                    self.i += 2
                    continue
                out.append(c)
                self.i += 1
            self.i += 1
            return "".join(out)
        for word, val in (("null", None), ("true", True), ("false", False)):
            if self.text.startswith(word, self.i):
                self.i += len(word)
                return val
        start = self.i
        while self.i < len(self.text) and self.text[self.i] in "+-0123456789.e":
            self.i += 1
        literal = self.text[start:self.i]
        return float(literal) if any(c in literal for c in ".e") else int(literal)


document = {
    "name": "lockvm",
    "version": [0, 1, 0],
    "policies": ["nolock", "gil", "objlocks", "brc"],
    "threaded": False,
    "maintainer": None,
    "ratio": 0.75,
    "big": 2 ** 70,
    "nested": {"empty_list": [], "empty_dict": {}, "deep": {"deeper": {"deepest": [1, [2, [3]]]}}},
    "text": 'quote " backslash \\ newline \n tab \t bell \x07 unicode é',
    "matrix": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
    "records": [{"id": i, "label": f"item-{i}", "tags": ["t"] * (i % 3)} for i in range(3)],
}

print(compact(document))
print()
text = pretty(document)
print(text)
print()
print(pretty(document, indent=4, width=100))
back = Reader(text).value()
print()
print("round trip equal:", back == document, len(text), text.count("\n"))
print(pretty([]), pretty({}), pretty("short"), pretty([1, [2, [3, [4, [5]]]]], width=10))
try:
    compact({"bad": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
