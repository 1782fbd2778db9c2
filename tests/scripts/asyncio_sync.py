# asyncio's locks and queues between tasks: Lock (FIFO hand-off, locked(),
# release of an unlocked lock), Event, Condition (wait, notify, notify_all,
# wait_for), Semaphore limiting concurrency, BoundedSemaphore over-release,
# Queue with maxsize (put waits), task_done/join, get_nowait/put_nowait
# errors, PriorityQueue and LifoQueue order.
import asyncio


async def main():
    lock = asyncio.Lock()
    order = []

    async def worker(n):
        async with lock:
            order.append(("in", n))
            await asyncio.sleep(0)
            order.append(("out", n))

    await asyncio.gather(*(worker(i) for i in range(4)))
    print(order)
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print(e)

    ev = asyncio.Event()

    async def waiter(n):
        print("waiting", n)
        await ev.wait()
        print("woke", n)

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("set", ev.is_set())
    ev.set()
    await asyncio.gather(*tasks)
    ev.clear()
    print(ev.is_set())

    cond = asyncio.Condition()
    items = []

    async def consumer(n):
        async with cond:
            await cond.wait_for(lambda: items)
            print("consumer", n, "takes", items.pop(0))

    consumers = [asyncio.create_task(consumer(i)) for i in range(3)]
    await asyncio.sleep(0)
    for i in range(3):
        async with cond:
            items.append(i * 10)
            cond.notify()
        await asyncio.sleep(0)
    await asyncio.gather(*consumers)

    async with cond:
        woke = []

        async def sleeper(n):
            async with cond:
                await cond.wait()
                woke.append(n)

    ts = [asyncio.create_task(sleeper(i)) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ts)
    print("notify_all woke", woke)

    sem = asyncio.Semaphore(2)
    running = []
    peak = [0]

    async def limited(n):
        async with sem:
            running.append(n)
            peak[0] = max(peak[0], len(running))
            await asyncio.sleep(0.001 * (n % 3))
            running.remove(n)
        return n

    print(await asyncio.gather(*(limited(i) for i in range(6))), "peak", peak[0])
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print(e)

    q = asyncio.Queue(maxsize=2)
    log = []

    async def producer():
        for i in range(5):
            await q.put(i)
            log.append("put %d (size %d)" % (i, q.qsize()))
        await q.put(None)

    async def consumer2():
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            log.append("got %d" % item)
            await asyncio.sleep(0)

    await asyncio.gather(producer(), consumer2())
    print(log)
    await q.join()
    print("joined", q.empty(), q.full(), q.maxsize)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.put_nowait(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull")
    try:
        for _ in range(3):
            q.task_done()
    except ValueError as e:
        print(e)

    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b"), (1, "A")]:
        pq.put_nowait(item)
    print([pq.get_nowait() for _ in range(pq.qsize())])
    lq = asyncio.LifoQueue()
    for i in range(4):
        await lq.put(i)
    print([await lq.get() for _ in range(4)])

    jq = asyncio.Queue()

    async def worker2(name):
        while True:
            n = await jq.get()
            await asyncio.sleep(0.001 * n)
            print(name, "did", n)
            jq.task_done()

    for n in (3, 1, 2):
        jq.put_nowait(n)
    workers = [asyncio.create_task(worker2("w%d" % i)) for i in range(2)]
    await jq.join()
    for w in workers:
        w.cancel()
    res = await asyncio.gather(*workers, return_exceptions=True)
    print([type(r).__name__ for r in res])


asyncio.run(main())
