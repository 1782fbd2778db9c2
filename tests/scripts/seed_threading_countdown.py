# The second seed article's countdown split over 4 threads (smaller n).
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
print(f"Threading took: {end - start:.4f} seconds"[:15])
