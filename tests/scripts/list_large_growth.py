# Lists large enough that their items live in a mapping of their own
# (vm/relocatable_vector.hpp: from 65,536 items) and that grow, shrink and copy
# across that size: appends, extend by itself, slice assignment and deletion,
# insert at the front, repetition, sort, and clearing.
import random

rng = random.Random(7)
big = []
for i in range(150_000):
    big.append(i * 7 % 1000)
print(len(big), sum(big), big[65_535], big[-1])

big.extend(big)                    # extended by itself, past the next growth
print(len(big), sum(big), big[149_999], big[150_000])

big[10:20] = big                   # a slice replaced by the whole list
print(len(big), sum(big[:100]), big[-5:])

del big[::3]                       # shrinks in place
print(len(big), sum(big), big[:5])

small = big[:1000]                 # back below the threshold
del big[1000:]
print(big == small, len(big))

front = [0]
for i in range(70_000):
    front.insert(0, i) if i % 1000 == 0 else front.append(i)
print(len(front), front[:3], sum(front))

rep = [None, 1.5, "s"] * 40_000
print(len(rep), rep.count("s"), rep[-1])

words = [str(rng.randrange(100_000)) for _ in range(100_000)]
words.sort()
print(words[0], words[50_000], words[-1])
words.sort(key=len, reverse=True)
print(words[0], words[-1])

copies = [list(range(i, i + 70_000)) for i in range(3)]
print([len(c) for c in copies], [c[-1] for c in copies])
copies[0][:] = copies[1]
print(copies[0] == copies[1], copies[0] is copies[1])

big.clear()
print(len(big), big)
stack = []
for i in range(100_000):
    stack.append(i)
while len(stack) > 10:
    stack.pop()
print(stack)
