# The seed article's program (4 threads vs 4 processes), at a small N and
# without its timings: every program in the seeds runs unchanged otherwise.
import multiprocessing
import threading
import time


def cpu_bound_task(n):
    while n > 0:
        n -= 1


threads = [threading.Thread(target=cpu_bound_task, args=(10**5,)) for _ in range(4)]
start = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
end = time.time()
print(f"Threading took: {'%s' % (end - start >= 0)} seconds")

# No `if __name__ == "__main__":` guard, as in the article: fork is the default.
processes = [multiprocessing.Process(target=cpu_bound_task, args=(10**5,)) for _ in range(4)]
start = time.time()
for p in processes:
    p.start()
for p in processes:
    p.join()
end = time.time()
print(f"Multiprocessing took: {'%s' % (end - start >= 0)} seconds")
print([p.exitcode for p in processes])
