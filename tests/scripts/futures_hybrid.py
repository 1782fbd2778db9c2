# The seeds' hybrid pattern: a process pool whose workers each run threads.
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def io_task(i):
    return i * 10


def worker(batch):
    results = []
    lock = threading.Lock()

    def run(i):
        r = io_task(i)
        with lock:
            results.append(r)

    threads = [threading.Thread(target=run, args=(i,)) for i in batch]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with ThreadPoolExecutor(max_workers=3) as tp:
        mapped = list(tp.map(io_task, batch))
    return sorted(results), mapped


if __name__ == "__main__":
    batches = [list(range(i, i + 4)) for i in range(0, 16, 4)]
    with ProcessPoolExecutor(max_workers=2) as ex:
        for res in ex.map(worker, batches):
            print(res)
