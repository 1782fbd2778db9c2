# List operators, comparisons, nesting, aliasing.

a = [1, 2, 3]
b = [4, 5]
print(a + b, a * 2, 2 * b, [0] * 5, [] * 3, [[]] * 2)
print(a == [1, 2, 3], a != b, a < b, [1, 2] < [1, 2, 3], [2] > [1, 9, 9], [1, 2] <= [1, 2])
print([1, [2, 3]] == [1, [2, 3]], [] == [], [1] == [1.0], [(1, 2)] < [(1, 3)])
print(3 in a, 9 in a, [2, 3] in [[2, 3], [4]], "x" not in ["a"])
print(len([]), len([[1, 2], [3]]), list(range(5)), list(range(2, 11, 3)), list("abc"))
print(list((1, 2)), list({"k": 1, "j": 2}), list(range(0)))

alias = a
alias.append(4)
print(a, alias is a)
copy = list(a)
copy.append(5)
print(a, copy)

grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
trap = [[0] * 3] * 3
trap[1][1] = 5
print(trap)

nested = [1, [2, [3, [4, [5]]]]]
def flatten(x):
    out = []
    for item in x:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out
print(flatten(nested), nested[1][1][1][0])

nums = [5, 3, 8, 1]
print(max(nums), min(nums), sum(nums), sorted(nums), nums)
x = [1, 2]
x += (3, 4)
x += "ab"
print(x)
try:
    x = x + (5,)
except TypeError as e:
    print("TypeError:", e)
words = ["a", "b"]
words[len(words):] = ["c"]
print(words, words[-1], words * 0)
print([i for i in range(3)] + [None, True, 2.5, "s", (1,)])
