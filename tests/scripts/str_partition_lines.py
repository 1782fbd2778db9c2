# partition, rpartition, splitlines, removeprefix, removesuffix.

print("key=value=more".partition("="), "key=value=more".rpartition("="))
print("no separator".partition("="), "no separator".rpartition("="))
print("a.b.c".partition("."), "a.b.c".rpartition("."), "".partition("x"))

text = "line one\nline two\r\nline three\rlast"
print(text.splitlines(), text.splitlines(True))
print("trailing\n".splitlines(), "".splitlines(), "\n\n".splitlines(), "a\n\nb".split("\n"))

config = """
# comment
name = lockvm
version = 0.1
  debug = yes
"""
settings = {}
for line in config.splitlines():
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    key, _, value = line.partition("=")
    settings[key.strip()] = value.strip()
print(settings)

print("unittest_name".removeprefix("unittest_"), "file.py".removesuffix(".py"), "x".removeprefix("y"))
url = "https://example.org/path/page.html"
scheme, _, rest = url.partition("://")
host, _, path = rest.partition("/")
print(scheme, host, path, path.rpartition("/")[2])
