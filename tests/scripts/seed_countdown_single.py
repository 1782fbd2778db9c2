# The seed program: a single-threaded countdown timed with time.time().
# The original prints the elapsed time; this deterministic variant prints
# only facts about it so that the output can be compared.
import time

COUNT = 1_000_000

def countdown(n):
    while n > 0:
        n -= 1
    return n

start = time.time()
result = countdown(COUNT)
end = time.time()
elapsed = end - start
print("Time taken in seconds - (not shown: it varies)")
print("done", result, elapsed >= 0)
