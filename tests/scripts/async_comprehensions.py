# Asynchronous comprehensions: `async for` and `await` inside list, set and
# dict comprehensions (nested ones too), which make the comprehension a
# coroutine that its async function awaits.
import asyncio
class It:
    def __init__(self, n): self.n = n; self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > self.n: raise StopAsyncIteration
        await asyncio.sleep(0)
        return self.i
async def dbl(x):
    await asyncio.sleep(0)
    return 2 * x
async def main():
    print([x async for x in It(3)])
    print({x: await dbl(x) async for x in It(3) if x != 2})
    print([await dbl(x) for x in range(3)])
    print([[y async for y in It(x)] for x in range(3)])
    print({await dbl(x) for x in [1, 1, 2]})
    print([x * y async for x in It(2) for y in range(2)])
    print([x async for x in It(2) async for x2 in It(x)])
asyncio.run(main())
