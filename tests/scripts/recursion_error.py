# Unbounded recursion raises RecursionError, which can be caught.
import sys

def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError:
    print("caught")

print(isinstance(RecursionError(), RuntimeError))

def depth(n):
    return n if n == 0 else 1 + depth(n - 1) - 1 + 1

print(depth(200))

old = sys.getrecursionlimit()
sys.setrecursionlimit(60)
print(sys.getrecursionlimit())
try:
    depth(30)
    print("depth 30 fine under limit 60")
except RecursionError:
    print("unexpected")
try:
    depth(500)
    print("unexpected")
except RecursionError:
    print("depth 500 fails under limit 60")
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)

def mutual_a(n):
    return mutual_b(n + 1)

def mutual_b(n):
    return mutual_a(n + 1)

try:
    mutual_a(0)
except RecursionError:
    print("caught mutual recursion")
print(depth(100))
