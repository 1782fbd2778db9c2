# Non-ASCII text: lengths, slicing, case, iteration.

s = "héllo wörld"
print(s, len(s), s[1], s[7], s[-4:], s[::-1], s.upper(), s.title())
print(s.find("ö"), s.index("w"), s.count("l"), s.split(" "), s.replace("ö", "o"))
greek = "αβγδε"
print(len(greek), greek[2], greek.upper(), greek[::2], list(greek)[:3])
emoji = "I ❤ Python 🐍!"
print(len(emoji), emoji[2], emoji[-2], emoji.split())
cjk = "日本語のテキスト"
print(len(cjk), cjk[:3], cjk[3], cjk[-4:])
print(repr("tab\tnewline\n"), repr("quote'"), repr('dq"'), repr("both'\""), repr("\\"))
print(repr("é"), repr("\x00\x7f"), "\u00e9" == "é", "\u03b1" == "α", "\U0001F40D" == "🐍")
words = ["zèbre", "apple", "éclair", "banana"]
print(sorted(words))
print([w.capitalize() for w in words])
print(" ".join(w[::-1] for w in s.split()))
print("ü" in s, "ö" in s, s.startswith("hé"), s.endswith("örld"))
for ch in "aé€😀":
    print(ch, ord(ch), chr(ord(ch)) == ch, ch.isalpha())
print("x" * 3 + "é" * 2, ("é" * 3)[1:], "ÀÉÎ".lower())
