# find, rfind, index, rindex, count, startswith, endswith, in.

s = "the cat sat on the mat"
print(s.find("at"), s.find("at", 6), s.find("at", 6, 9), s.find("dog"), s.find(""))
print(s.rfind("at"), s.rfind("the"), s.rfind("x"), s.rfind("at", 0, 10))
print(s.index("sat"), s.rindex("t"), s.count("at"), s.count("t"), s.count(""), s.count("at", 10))
print("aaaa".count("aa"), "abababa".count("aba"), "".count("a"))
print(s.startswith("the"), s.startswith("cat"), s.startswith("cat", 4), s.endswith("mat"))
print(s.startswith(("dog", "the")), s.endswith(("cat", "hat")), s.endswith("sat", 0, 11))
print("cat" in s, "dog" in s, "" in s, "THE" in s, "the" not in s)

try:
    s.index("dog")
except ValueError as e:
    print("ValueError:", e)

# All occurrences.
def find_all(haystack, needle):
    out = []
    i = haystack.find(needle)
    while i != -1:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out

print(find_all(s, "at"), find_all("aaaa", "aa"), find_all("abc", "z"))

filenames = ["report.pdf", "photo.JPG", "notes.txt", "archive.tar.gz", "script.py"]
images = [f for f in filenames if f.lower().endswith((".jpg", ".png"))]
print(images)
print([f for f in filenames if f.startswith(("re", "sc"))])
print([f.rsplit(".", 1)[-1] for f in filenames])
print([f[:f.find(".")] for f in filenames])
