# An event loop beside CPU-bound threads: asyncio's answer to "my coroutine
# must call something slow" is asyncio.to_thread(), and what that costs
# depends on the lock.
#
# A heartbeat task wakes every 5 ms and records how late it woke, while
# asyncio.to_thread() runs a countdown on 1 and then 2 worker threads. The
# loop's thread and the workers compete for the interpreter:
#
#   gil       the loop waits for the GIL after every sleep: each beat is late
#             by up to a switch interval (5 ms), and 2 workers are no faster
#             than 1 (the convoy effect, with coroutines)
#   nolock    workers are fibers on the loop's own OS thread: the same
#             lateness, the same lack of speed-up
#   objlocks, brc
#             the workers run on other cores: beats stay on time (while a
#             core is free) and 2 workers take about half as long as 1
#
#   ./build/lockvm compare samples/asyncio_heartbeat.py
#   python3 samples/asyncio_heartbeat.py              # CPython, for comparison
#
# Optional argument: the countdown's total work (default 20,000,000).
import asyncio
import sys
import time

WORK = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000
BEAT = 0.005


def countdown(n):
    while n > 0:
        n -= 1


async def heartbeat(stop, lateness):
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        start = loop.time()
        await asyncio.sleep(BEAT)
        lateness.append(loop.time() - start - BEAT)


async def run(workers):
    stop = asyncio.Event()
    lateness = []
    beat = asyncio.create_task(heartbeat(stop, lateness))
    await asyncio.sleep(0)
    start = time.perf_counter()
    await asyncio.gather(*(asyncio.to_thread(countdown, WORK // workers) for _ in range(workers)))
    elapsed = time.perf_counter() - start
    stop.set()
    await beat
    lateness.sort()
    median = lateness[len(lateness) // 2] if lateness else 0.0
    worst = lateness[-1] if lateness else 0.0
    print(f"{workers} worker thread{'s' if workers > 1 else ' '}: {elapsed:6.3f} s, "
          f"{len(lateness):4d} beats, late by {median * 1000:5.2f} ms (median), "
          f"{worst * 1000:6.2f} ms (worst)")
    return elapsed


async def main():
    one = await run(1)
    two = await run(2)
    print(f"speed-up of 2 workers over 1: {one / two:.2f}x")


asyncio.run(main())
