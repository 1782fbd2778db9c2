# One list appended to from 4 threads at once: no append may be lost under
# any policy (list.append is atomic under gil and nolock, and takes the list's
# own lock under objlocks and brc).
import sys
import threading

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
shared = []


def append_many(tag):
    for i in range(N):
        shared.append((tag, i))


threads = [threading.Thread(target=append_many, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{len(shared)} items, {len(set(shared))} distinct, expected {4 * N}")
