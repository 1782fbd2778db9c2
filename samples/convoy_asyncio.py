# The convoy effect with asyncio: an event loop doing request/response round
# trips over a loopback TCP stream (an echo server and a client, both
# coroutines of one loop), alone and then with a CPU-bound thread beside it.
#
# The loop waits for its sockets in select(), a blocking call that lets go
# of the interpreter lock; each time data arrives it must take the lock back.
# Beside a CPU-bound thread that holds it, every such return waits for a
# forced switch (the 5 ms switch interval): one event loop is as exposed to
# the convoy effect as one I/O thread (samples/convoy.py).
#
#   ./build/lockvm compare samples/convoy_asyncio.py   # every policy, one table
#   ./build/lockvm --policy=brc samples/convoy_asyncio.py
#   python3 samples/convoy_asyncio.py                  # CPython, for comparison
#
# Optional argument: seconds per phase (default 2).
import asyncio
import sys
import threading
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0


async def echo(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line)
    writer.close()


async def round_trips(seconds):
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    count = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        writer.write(b"ping\n")
        await reader.readline()
        count += 1
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    return count / seconds


def cpu_bound(stop, done):
    steps = 0
    while not stop.is_set():
        n = 100_000
        while n > 0:
            n -= 1
        steps += 100_000
    done.append(steps)


def main():
    alone = asyncio.run(round_trips(SECONDS))
    stop = threading.Event()
    done = []
    worker = threading.Thread(target=cpu_bound, args=(stop, done))
    start = time.perf_counter()
    worker.start()
    beside = asyncio.run(round_trips(SECONDS))
    stop.set()
    worker.join()
    cpu_rate = done[0] / (time.perf_counter() - start)
    print(f"event loop alone:            {alone:9.0f} round trips/s")
    print(f"event loop beside the CPU:   {beside:9.0f} round trips/s")
    print(f"slowdown:                    {alone / max(beside, 1e-9):9.1f}x")
    print(f"CPU thread beside the loop:  {cpu_rate / 1e6:9.1f} M countdown steps/s")


main()
