# Strings: generate a deterministic text (LCG-chosen syllables), then split
# it into lines and words, clean and normalise the words, count them in a
# dict, and render reports with f-strings and format specs, str.format and
# %-formatting. Exercises split/join/strip/lower/upper/title/capitalize/
# replace/find/count/startswith/endswith/partition/splitlines/center/ljust/
# rjust/zfill/isalpha/isdigit, slicing, concatenation, `in` on strings,
# dict.get and sorting by a (-count, word) key.
# The checksum is a polynomial hash over every character of every report.
import sys
import time

MOD = 1000000007
SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "gu", "ve",
             "an", "el", "is", "or", "um", "zy", "qua", "tho", "shi", "bre"]
PUNCT = [",", ".", ";", "", "", "", "!", "?", ":", ""]


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % bound


def make_word(rng):
    parts = [SYLLABLES[rng.next(len(SYLLABLES))] for _ in range(1 + rng.next(3))]
    word = "".join(parts)
    style = rng.next(10)
    if style == 0:
        word = word.capitalize()
    elif style == 1:
        word = word.upper()
    elif style == 2:
        word = f"{word}{rng.next(100)}"
    return word + PUNCT[rng.next(len(PUNCT))]


def make_text(rng, lines):
    out = []
    for i in range(lines):
        words = [make_word(rng) for _ in range(4 + rng.next(9))]
        indent = " " * rng.next(4)
        out.append(indent + " ".join(words) + ("  " if i % 3 == 0 else ""))
    return "\n".join(out)


def clean(word):
    w = word.strip(",.;!?:").lower()
    if w.isdigit():
        return ""
    while w and not w[-1].isalpha():
        w = w[:-1]
    return w


def count_words(text):
    counts = {}
    for line in text.splitlines():
        for raw in line.split():
            w = clean(raw)
            if w:
                counts[w] = counts.get(w, 0) + 1
    return counts


def report(counts, top):
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    lines = [f"{'word':<14}|{'count':>6}|{'share':>8}|{'hex':>6}", "-" * 37]
    for i, (word, n) in enumerate(ranked[:top]):
        share = 100.0 * n / total
        lines.append(f"{word:<14}|{n:>6d}|{share:8.3f}|{n:#06x}")
        if i % 5 == 0:
            lines.append("{0:^37}".format(word.upper().center(len(word) + 4, "*")))
    lines.append("total: %d words, %d distinct" % (total, len(counts)))
    lines.append(f"{total:,} {len(counts):08d} {total / len(counts):.4f}")
    return "\n".join(lines)


def transform(text):
    out = []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        head, sep, tail = s.partition(" ")
        s = s.replace("ka", "KA").replace("shi", "-")
        pos = s.find("tho")
        if pos >= 0:
            s = s[:pos] + "<" + s[pos:pos + 3].title() + ">" + s[pos + 3:]
        flags = ""
        if s.startswith("an"):
            flags += "A"
        if s.endswith("."):
            flags += "D"
        if "zy" in s:
            flags += "Z"
        vowels = sum(s.count(v) for v in "aeiou")
        out.append(f"{len(head):02d}{sep}{flags:<3}{vowels:>4} {s[:24].ljust(24, '_')}"
                   f"{tail[-8:].rjust(10)}{str(len(tail)).zfill(5)}")
    return "\n".join(out)


def poly_hash(s, h):
    for ch in s:
        h = (h * 31 + ord(ch)) % MOD
    return h


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 180
    start = time.perf_counter()
    checksum = 0
    for r in range(n):
        rng = Lcg(2024 + r)
        text = make_text(rng, 120)
        counts = count_words(text)
        checksum = poly_hash(report(counts, 25), checksum)
        checksum = poly_hash(transform(text), checksum)
        checksum = (checksum + len(text) + len(counts)) % MOD
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum}")
    print(f"time {elapsed:.6f}")


main()
