# asyncio tasks: run(), create_task, the interleaving of sleep(0) steps,
# return values, exceptions out of tasks and gather (with and without
# return_exceptions), cancellation (CancelledError inside the task, its
# finally, cancel messages, cancelling()), task names, Future callbacks
# and results set from call_soon/call_later, and the errors of misuse.
import asyncio

log = []


async def ticker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name * n


async def fails(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def sleeper(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log.append("cancelled with %r" % (e.args,))
        raise
    finally:
        log.append("finally")


async def main():
    a = asyncio.create_task(ticker("a", 3))
    b = asyncio.create_task(ticker("b", 2), name="bee")
    print(a.get_name(), b.get_name(), a.done())
    print(await a, await b, a.done(), a.result())

    print(await asyncio.gather(ticker("x", 2), ticker("y", 1), ticker("x", 1)))
    print(await asyncio.gather())

    try:
        await asyncio.gather(ticker("ok", 1), fails("boom"))
    except ValueError as e:
        print("gather raised", e)
    res = await asyncio.gather(fails("one"), ticker("z", 1), return_exceptions=True)
    print([type(r).__name__ + ":" + str(r) for r in res])

    t = asyncio.create_task(fails("in task"))
    await asyncio.sleep(0.01)
    print(t.done(), type(t.exception()).__name__, t.exception())
    try:
        t.result()
    except ValueError as e:
        print("result raised", e)

    events = []
    t = asyncio.create_task(sleeper(events))
    await asyncio.sleep(0)
    print("cancel:", t.cancel("stop it"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiting a cancelled task raised CancelledError", e.args)
    print(events, t.cancelled(), t.done(), t.cancel())

    t = asyncio.create_task(ticker("never", 3))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before it started:", t.cancelled())

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback sees", f.result()))
    loop.call_later(0.01, fut.set_result, "late")
    loop.call_soon(print, "call_soon runs first")
    print("awaited", await fut)
    print(repr(fut))
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError:
        print("InvalidStateError")
    fut2 = loop.create_future()
    try:
        fut2.result()
    except asyncio.InvalidStateError as e:
        print(e)
    fut2.set_exception(KeyError("k"))
    try:
        await fut2
    except KeyError as e:
        print("future exception", e)
    print(asyncio.current_task().get_name(), len(asyncio.all_tasks()))
    h = loop.call_later(0.001, print, "never printed")
    h.cancel()
    print(h.cancelled())
    await asyncio.sleep(0.01)
    return "main done"


print(asyncio.run(main()))

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)


async def nested():
    coro = ticker("n", 1)
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print(e)
    coro.close()

asyncio.run(nested())

loop = asyncio.new_event_loop()
print(loop.run_until_complete(ticker("l", 2)), loop.is_running(), loop.is_closed())
loop.close()
print(loop.is_closed())
try:
    loop.call_soon(print)
except RuntimeError as e:
    print(e)


async def coro_fn():
    pass


class WithMethod:
    async def method(self):
        pass

    def plain(self):
        pass


print(asyncio.iscoroutinefunction(coro_fn), asyncio.iscoroutinefunction(WithMethod().method),
      asyncio.iscoroutinefunction(WithMethod().plain), asyncio.iscoroutinefunction(len))
c = coro_fn()
print(asyncio.iscoroutine(c), asyncio.iscoroutine(coro_fn), coro_fn.__code__.co_flags & 0x80)
c.close()
