# asyncio's waiting with deadlines: wait_for (in time, timed out, timeout 0,
# None), asyncio.timeout() and timeout_at() blocks (expired or not,
# reschedule), wait() with FIRST_COMPLETED, FIRST_EXCEPTION and a timeout,
# as_completed() in completion order, shield() keeping the inner task alive,
# and timers that run in the order of their deadlines.
import asyncio


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(name)
    return name


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.wait_for(work("fast", 0.01), 1))
    try:
        await asyncio.wait_for(work("slow", 1), 0.02)
    except asyncio.TimeoutError as e:
        print("wait_for timed out:", type(e).__name__, type(e.__cause__).__name__)
    try:
        await asyncio.wait_for(work("zero", 0.01), 0)
    except TimeoutError:
        print("timeout 0")
    print(await asyncio.wait_for(work("none", 0), None))

    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.01)
    print("timeout block ok, expired:", cm.expired())
    try:
        async with asyncio.timeout(0.02) as cm:
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print("timeout block expired:", cm.expired())
    try:
        async with asyncio.timeout_at(loop.time() + 1) as cm:
            cm.reschedule(loop.time() + 0.01)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled timeout expired")
    async with asyncio.timeout(None) as cm:
        print("when", cm.when())

    tasks = [asyncio.create_task(work(n, d)) for n, d in (("a", 0.1), ("b", 0.01), ("c", 0.4))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks, timeout=0.2)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), len(pending))
    failing = [asyncio.create_task(work("x", 0.01, True)), asyncio.create_task(work("y", 0.5))]
    done, pending = await asyncio.wait(failing, return_when=asyncio.FIRST_EXCEPTION)
    print([str(t.exception()) for t in done], len(pending))
    for t in pending:
        t.cancel()
    try:
        await asyncio.wait([])
    except ValueError as e:
        print(e)

    for coro in asyncio.as_completed([work("third", 0.1), work("first", 0.02), work("second", 0.06)]):
        print("as_completed:", await coro)
    try:
        for coro in asyncio.as_completed([work("late", 1)], timeout=0.01):
            await coro
    except asyncio.TimeoutError:
        print("as_completed timed out")

    inner = asyncio.create_task(work("shielded", 0.05))
    try:
        await asyncio.wait_for(asyncio.shield(inner), 0.01)
    except TimeoutError:
        print("outer timed out; inner cancelled?", inner.cancelled())
    print("inner result", await inner)

    order = []
    for d in (0.06, 0.02, 0.04, 0.02):
        loop.call_later(d, order.append, d)
    await asyncio.sleep(0.1)
    print(order)


asyncio.run(main())
