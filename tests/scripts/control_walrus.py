# Assignment expressions (the walrus operator).

data = [1, 5, 12, 7, 30, 2]
if (n := len(data)) > 5:
    print(f"list is long ({n} elements)")

values = iter([3, 8, 0, 4])
total = 0
while (v := next(values, None)) is not None:
    total += v
print("total", total)

print([y for x in data if (y := x * 2) > 10])
print([(x, sq) for x in range(6) if (sq := x * x) % 2 == 0])
print(sq)

words = ["apple", "kiwi", "banana", "fig"]
if any((hit := w).startswith("b") for w in words):
    print("first word starting with b:", hit)

def process(lines):
    out = []
    for line in lines:
        if (stripped := line.strip()) and not stripped.startswith("#"):
            out.append(stripped.upper())
    return out

print(process(["  hello ", "# comment", "", "world"]))
count = 0
while (count := count + 1) < 5:
    pass
print(count)
print((a := 10) + a, a)
stack = [1, 2, 3]
while stack and (top := stack.pop()) != 2:
    print("popped", top)
print(stack, top)
