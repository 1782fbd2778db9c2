# Slice assignment from temporaries (`xs[:k] = xs[k - 1::-1]`), which lockvm
# does by trading the items of the two lists in place (runtime/operators.hpp:
# list_swap_slice), with threads around:
# - each worker flips prefixes of its own list of objects while readers copy
#   every list, so the objects' counts change in several threads at once;
# - all workers store into one shared list, each into its own stripe
#   (`board[t::T] = [...]`), so the stores contend for the same lock.
# Each list is written by one thread only, so the result is deterministic.
import threading

T = 3
N = 40
ROUNDS = 2000
own = [[[t, i] for i in range(N)] for t in range(T)]
board = [None] * (T * 10)
done = threading.Event()
seen = []


def worker(t):
    xs = own[t]
    x = t + 1
    for r in range(ROUNDS):
        x = (x * 1103515245 + 12345) % 2147483648
        k = 2 + (x >> 16) % (N - 2)
        xs[:k] = xs[k - 1::-1]
        if k % 2 == 0:
            xs[1:k:2] = xs[k - 1:0:-2]  # a shuffle of the odd places among themselves
            xs[1:k:2] = xs[k - 1:0:-2]  # and back
        board[t::T] = [(t, r, j) for j in range(10)]


def reader():
    copies = 0
    while not done.is_set():
        for xs in own:
            snapshot = xs[:]
            if len(snapshot) != N:
                seen.append(len(snapshot))
        stripe = board[1::T]
        if len(stripe) != 10:
            seen.append(("board", len(stripe)))
        copies += 1


readers = [threading.Thread(target=reader) for _ in range(2)]
workers = [threading.Thread(target=worker, args=(t,)) for t in range(T)]
for th in readers + workers:
    th.start()
for th in workers:
    th.join()
done.set()
for th in readers:
    th.join()
for t in range(T):
    print(t, [item[1] for item in own[t]])
    print(t, sorted(item[1] for item in own[t]) == list(range(N)), all(item[0] == t for item in own[t]))
print(board)
print("bad reads", seen)
