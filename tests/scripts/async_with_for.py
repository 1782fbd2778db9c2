# async with and async for: the protocol calls, their order, an exception
# suppressed or passed on by __aexit__, break/continue/return out of them,
# the for loop's else, and the TypeErrors of objects that lack the methods.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name; self.suppress = suppress
    async def __aenter__(self):
        print("enter", self.name); return self.name
    async def __aexit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
class It:
    def __init__(self, n): self.n = n; self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > self.n: raise StopAsyncIteration
        return self.i
async def f():
    async with CM("a") as a, CM("b") as b:
        print(a, b)
    async with CM("s", True):
        raise ValueError("x")
    try:
        async with CM("r"):
            raise KeyError("k")
    except KeyError as e:
        print("caught", e)
    for_ret = await g()
    print("g", for_ret)
    async for i in It(3):
        if i == 2: continue
        print("it", i)
    else:
        print("else")
    async for i in It(5):
        if i == 2: break
    print("broke at", i)
    try:
        async for i in 5:
            pass
    except TypeError as e:
        print(e)
    try:
        async with 5:
            pass
    except TypeError as e:
        print(e)
    class Bad(It):
        async def __anext__(self):
            raise ValueError("from __anext__")
    try:
        async for i in Bad(1):
            pass
    except ValueError as e:
        print("passed on:", e)
    return "done"
async def g():
    async with CM("ret"):
        async for i in It(10):
            if i == 3:
                return i * 10
c = f()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
