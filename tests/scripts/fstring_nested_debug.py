# Nested format specs and the = debugging specifier.

x = 3.14159265
for w in (6, 10):
    for prec in (1, 3):
        print(f"[{x:{w}.{prec}f}]")
width, fill, align = 12, "*", "^"
print(f"[{'center':{fill}{align}{width}}]")
spec = ".2e"
print(f"[{x:{spec}}] [{12345:{'>' if x > 3 else '<'}10}]")
value = 42
name = "lockvm"
items = [1, 2]
print(f"{value=}")
print(f"{value = }")
print(f"{x=:.2f}")
print(f"{name=}")
print(f"{name=!s}")
print(f"{value * 2=}")
print(f"{items=} {len(items)=}")
print(f"{x = :10.3f}|")
cols = [("id", 4), ("name", 10), ("score", 7)]
print("".join(f"{title:>{w}}" for title, w in cols))
for row in [(1, "ann", 9.5), (22, "bartholomew", 88.25)]:
    print("".join(f"{v!s:>{w}}" for v, (_, w) in zip(row, cols)))
for digits in range(4):
    print(f"{x:.{digits}f}", f"{2 ** digits:0{digits + 1}d}")
