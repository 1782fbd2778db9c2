# A task that fails with nobody awaiting it or asking for its exception is
# reported on stderr ("Task exception was never retrieved" and its
# traceback: CPython when the task is collected, lockvm when the loop
# closes); one whose exception() was read is not.
import asyncio
async def boom():
    raise ValueError("nobody looked")
async def fine():
    raise KeyError("looked at")
async def main():
    asyncio.create_task(boom())
    t = asyncio.create_task(fine())
    await asyncio.sleep(0.01)
    print("exception:", repr(t.exception()))
asyncio.run(main())
print("end")
