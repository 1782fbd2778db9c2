# asyncio beside threads: to_thread() and run_in_executor() run blocking
# functions on worker threads while the loop runs other tasks;
# run_coroutine_threadsafe() and call_soon_threadsafe() hand work to the
# loop from another thread; wrap_future() awaits a concurrent.futures.Future.
import asyncio
import concurrent.futures
import threading
import time


def blocking(n):
    time.sleep(0.02)
    return n * n


async def ticker(log):
    for i in range(3):
        log.append("tick %d" % i)
        await asyncio.sleep(0.001)


async def main():
    loop = asyncio.get_running_loop()
    log = []
    results = await asyncio.gather(asyncio.to_thread(blocking, 3), ticker(log),
                                   loop.run_in_executor(None, blocking, 4))
    print(results[0], results[2], log)
    print(await asyncio.to_thread(sorted, [3, 1, 2], reverse=True))
    try:
        await asyncio.to_thread(int, "x")
    except ValueError as e:
        print("ValueError from the thread:", e)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        print(await asyncio.gather(*(loop.run_in_executor(pool, blocking, i) for i in range(4))))
        print(await asyncio.wrap_future(pool.submit(blocking, 5)))

    done = asyncio.Event()
    got = []

    def from_thread():
        got.append(threading.current_thread().name != "MainThread")
        loop.call_soon_threadsafe(done.set)

    threading.Thread(target=from_thread).start()
    await done.wait()
    print("call_soon_threadsafe from a thread:", got)


async def add(a, b):
    await asyncio.sleep(0.001)
    return a + b


def run_loop_in_thread():
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def runner():
        asyncio.set_event_loop(loop)
        loop.call_soon(started.set)
        loop.run_forever()

    th = threading.Thread(target=runner)
    th.start()
    started.wait()
    fut = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    print("run_coroutine_threadsafe:", fut.result(timeout=5))
    loop.call_soon_threadsafe(loop.stop)
    th.join()
    loop.close()


asyncio.run(main())
run_loop_in_thread()
