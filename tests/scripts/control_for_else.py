# for loops: else with break, continue, nested loops, loop variables.

for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime", end="; ")
print()

def find_first(items, pred):
    for i, item in enumerate(items):
        if pred(item):
            print("found", item, "at", i)
            break
    else:
        print("nothing found")

find_first([1, 3, 8, 5], lambda x: x % 2 == 0)
find_first([1, 3, 5], lambda x: x % 2 == 0)
find_first([], lambda x: True)

for i in range(10):
    if i % 3 == 0:
        continue
    if i > 7:
        break
    print(i, end=" ")
print()

total = 0
for row in range(1, 4):
    for col in range(1, 4):
        if col > row:
            break
        total += row * col
print("total", total)

for i in range(3):
    pass
print("loop variable after loop:", i)
for ch in "":
    print("never")
else:
    print("empty loop else")

table = []
for a in range(1, 4):
    row = []
    for b in range(1, 4):
        row.append(f"{a * b:2}")
    table.append(" ".join(row))
print("\n".join(table))

# Modifying a list while iterating over a copy
nums = [1, 2, 3, 4, 5, 6]
for x in nums[:]:
    if x % 2 == 0:
        nums.remove(x)
print(nums)
for x, y in zip(range(3), range(10, 13)):
    print(x + y, end=",")
print()
for index in reversed(range(3)):
    print(index, end=" ")
print()
