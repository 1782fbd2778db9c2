# All list methods.

a = [3, 1, 4]
a.append(1)
a.extend([5, 9])
a.extend(range(2))
a.extend("ab")
print(a, len(a))
a.insert(0, "first")
a.insert(100, "last")
a.insert(-1, "before-last")
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1)
print(a, a.index(1), a.index(9), a.count(1), a.count("zzz"))
print(a.index(1, 3) if 1 in a[3:] else "no")
b = a.copy()
b.append("only in b")
print(len(a), len(b), b[-1], a is b, a == b[:-1])
b.clear()
print(b, len(b), bool(b))
nums = [5, 2, 8, 1, 9, 3]
nums.reverse()
print(nums)
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
print(nums.sort(), nums.reverse(), nums.append(0), nums)

try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    ["a", "b"].index("x")
except ValueError as e:
    print("ValueError:", e)
try:
    [1][5]
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].pop(7)
except IndexError as e:
    print("IndexError:", e)

stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print(stack.pop(), end=" ")
print()
lst = list("hello")
lst[0] = "j"
lst[-1] = "y"
print(lst, "".join(lst))
del lst[1]
print(lst)
lst += ["!"]
lst *= 2
print(lst, lst.count("!"))
