# Asynchronous generators (PEP 525): async for over them, asend, athrow,
# aclose (also on one that ignores GeneratorExit), an async generator
# expression, return and raise inside one, their finally blocks, and the
# TypeError of a plain for loop over one.
import asyncio


async def ticks(n, delay=0):
    """An async generator: yields, awaits between yields, runs its finally."""
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            received = yield i
            if received is not None:
                print("received", received)
    finally:
        print("ticks finally")


async def doubled(agen):
    async for x in agen:
        yield 2 * x


async def main():
    print(type(ticks(1)).__name__, ticks.__code__.co_flags & 0x200 != 0)
    async for x in ticks(3):
        print("got", x)
    print([x async for x in doubled(ticks(3))])
    print([y async for y in (x * 10 async for x in ticks(2))])
    g = ticks(5)
    print(await g.__anext__(), await g.asend("hello"), await anext_(g))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed: StopAsyncIteration")
    g = ticks(5)
    print(await g.__anext__())
    try:
        await g.athrow(ValueError("thrown in"))
    except ValueError as e:
        print("athrow passed on:", e)

    async def catcher():
        while True:
            try:
                yield "ready"
            except KeyError as e:
                yield "caught %s" % e

    c = catcher()
    print(await c.__anext__(), await c.athrow(KeyError("k")), await c.__anext__())
    await c.aclose()

    async def stubborn():
        try:
            yield 1
        except GeneratorExit:
            yield 2

    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        print(e)

    async def early_return():
        yield 1
        return

    print([x async for x in early_return()])

    async def raiser():
        yield 1
        raise ZeroDivisionError("in async gen")

    try:
        async for x in raiser():
            print("raiser", x)
    except ZeroDivisionError as e:
        print("caught", e)
    try:
        for x in ticks(1):
            pass
    except TypeError as e:
        print(e)
    agen = ticks(1)
    print(agen.__aiter__() is agen, agen.ag_running)
    await agen.aclose()
    print(await asyncio.gather(*(first(ticks(3, 0.001 * k)) for k in range(3))))


async def anext_(g):
    return await g.__anext__()


async def first(agen):
    async for x in agen:
        await agen.aclose()
        return x


asyncio.run(main())
