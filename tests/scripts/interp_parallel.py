# expect-output: interp_parallel.out
# The seeds' countdown split over two interpreters, each started with
# call_in_thread: they run at once (each has its own interpreter lock), and
# each sends its result back through a queue. Only results are checked.
import interpreters
import threading


def countdown(n, results, tag):
    start = n
    while n > 0:
        n -= 1
    results.put((tag, start - n))


def work_in_own_threads(n):
    # An interpreter may run threads of its own, too.
    done = []

    def part():
        k = n
        while k > 0:
            k -= 1
        done.append(n)

    threads = [threading.Thread(target=part) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done)


if __name__ == "__main__":
    total = 200_000
    results = interpreters.create_queue()
    workers = [interpreters.create() for _ in range(2)]
    threads = [w.call_in_thread(countdown, total // 2, results, f"w{i}") for i, w in enumerate(workers)]
    for t in threads:
        t.join()
    got = sorted(results.get(timeout=30) for _ in workers)
    print(got, sum(n for _, n in got) == total)

    # Two rounds more on the same interpreters, and one in each at once with
    # the main interpreter counting too.
    for round in range(2):
        threads = [w.call_in_thread(countdown, 1000 * (i + 1), results, f"w{i}") for i, w in enumerate(workers)]
        countdown(500, results, "main")
        for t in threads:
            t.join()
        print(sorted(results.get(timeout=30) for _ in range(3)))
    print(workers[0].call(work_in_own_threads, 5000))
    for w in workers:
        w.close()
    print([i.id for i in interpreters.list_all()])
