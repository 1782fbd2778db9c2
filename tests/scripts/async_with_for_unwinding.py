# Unwinding through async with and async for: continue/break/return out of
# an async with inside an async for (each __aexit__ awaited on the way
# out), try/finally around them, a failing __aenter__ (no __aexit__), an
# outer manager suppressing what an inner one passed on.
import asyncio
log = []
class CM:
    def __init__(self, n, suppress=False, fail_enter=False):
        self.n, self.suppress, self.fail_enter = n, suppress, fail_enter
    async def __aenter__(self):
        await asyncio.sleep(0)
        if self.fail_enter:
            raise OSError("enter failed")
        log.append(("enter", self.n))
        return self
    async def __aexit__(self, et, e, tb):
        await asyncio.sleep(0)
        log.append(("exit", self.n, et.__name__ if et else None))
        return self.suppress
class AIt:
    def __init__(self, n): self.i, self.n = 0, n
    def __aiter__(self): return self
    async def __anext__(self):
        await asyncio.sleep(0)
        self.i += 1
        if self.i > self.n: raise StopAsyncIteration
        return self.i
async def f1():
    async for i in AIt(5):
        async with CM(i):
            if i == 2: continue
            if i == 4: break
    else:
        log.append("else not reached")
    return i
async def f2():
    try:
        async with CM("t"):
            return "from with"
    finally:
        log.append("finally")
async def f3():
    try:
        async with CM("e", fail_enter=True):
            log.append("body not reached")
    except OSError as e:
        log.append(str(e))
async def f4():
    async with CM("outer", suppress=True):
        async with CM("inner"):
            raise ValueError("x")
    return "suppressed"
async def f5():
    total = 0
    async for i in AIt(3):
        try:
            if i == 2: raise KeyError(i)
            total += i
        except KeyError:
            continue
        finally:
            log.append(("fin", i))
    return total
async def main():
    print(await f1(), await f2(), await f3(), await f4(), await f5())
    for x in log: print(x)
asyncio.run(main())
