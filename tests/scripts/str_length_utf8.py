# A new string's length in code points and its ASCII flag (str_finish in
# runtime/alloc.hpp counts eight bytes at a time): strings of every length
# around the 8-byte steps, mixing ASCII, 2-, 3- and 4-byte UTF-8.
samples = ["", "a", "abcdefgh", "abcdefghi", "héllo wörld", "日本語のテキストです", "x" * 17 + "é", "é" * 9, "🙂" * 5 + "abc", "ab🙂cdefghij🙂klmnop"]
for s in samples:
    for k in range(len(s) + 1):
        t = s[:k] + s[k:] + s[k:k+3]
        print(len(t), t.isascii(), t[-1:] if t else "", len(t.encode()))
print(sum(len(w) for w in " ".join(samples).split()))
