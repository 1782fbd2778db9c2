# Word frequency count over an embedded text: normalisation, counting,
# ranking with ties broken alphabetically, and a few text statistics.

TEXT = """
It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was
the epoch of incredulity, it was the season of Light, it was the season of
Darkness, it was the spring of hope, it was the winter of despair, we had
everything before us, we had nothing before us, we were all going direct to
Heaven, we were all going direct the other way -- in short, the period was
so far like the present period, that some of its noisiest authorities
insisted on its being received, for good or for evil, in the superlative
degree of comparison only.

There were a king with a large jaw and a queen with a plain face, on the
throne of England; there were a king with a large jaw and a queen with a
fair face, on the throne of France. In both countries it was clearer than
crystal to the lords of the State preserves of loaves and fishes, that
things in general were settled for ever.
"""

STOP_WORDS = {"the", "of", "it", "a", "and", "was", "to", "in", "on", "with", "we", "for", "or"}


def normalise(text):
    cleaned = []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            cleaned.append(ch)
        else:
            cleaned.append(" ")
    return "".join(cleaned).split()


def count_words(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def top_n(counts, n):
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:n]


def histogram(pairs, width=30):
    if not pairs:
        return []
    biggest = pairs[0][1]
    lines = []
    for word, n in pairs:
        bar = "#" * max(1, round(n / biggest * width))
        lines.append(f"{word:>12} {n:3d} {bar}")
    return lines


words = normalise(TEXT)
counts = count_words(words)
print("total words:", len(words))
print("distinct words:", len(counts))
print("top 10 (all words):")
for word, n in top_n(counts, 10):
    print(f"  {word:<8} {n}")

content = {w: n for w, n in counts.items() if w not in STOP_WORDS}
print("top 12 content words:")
for line in histogram(top_n(content, 12)):
    print(line)

lengths = {}
for w in words:
    lengths.setdefault(len(w), set()).add(w)
print("words by length:")
for length in sorted(lengths):
    sample = sorted(lengths[length])
    shown = ", ".join(sample[:5]) + (" ..." if len(sample) > 5 else "")
    print(f"  {length:2d}: {len(sample):2d} distinct  {shown}")

longest = max(counts, key=lambda w: (len(w), w))
print("longest word:", longest, len(longest))
average = sum(len(w) for w in words) / len(words)
print(f"average word length: {average:.3f}")

once = sorted(w for w, n in counts.items() if n == 1)
print("hapax legomena:", len(once), once[:8])

initials = {}
for w in counts:
    initials[w[0]] = initials.get(w[0], 0) + counts[w]
print("by initial letter:", "".join(f"{k}{v} " for k, v in sorted(initials.items())).strip())

sentences = [s.strip() for s in TEXT.replace("\n", " ").split(".") if s.strip()]
print("sentences:", len(sentences))
for i, s in enumerate(sentences, 1):
    print(f"  sentence {i}: {len(s.split())} words, starts with {s.split()[0]!r}")

bigrams = count_words(f"{a} {b}" for a, b in zip(words, words[1:]))
print("top bigrams:", top_n(bigrams, 5))
print("'times' appears", counts.get("times", 0), "times; 'dickens' appears", counts.get("dickens", 0))
