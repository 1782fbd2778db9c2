# asyncio streams over TCP on the loopback: an echo server (start_server)
# with four clients at once (open_connection), a line longer than one
# recv, readexactly and IncompleteReadError, a refused connection, the
# loop's sock_sendall/sock_recv and a cancelled sock_recv, and a thread's
# call_soon_threadsafe ending the loop's select() through the self-pipe.
import asyncio
import threading
import time


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, name, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = []
    for i in range(n):
        writer.write(f"{name} line {i}\n".encode())
        await writer.drain()
        got.append((await reader.readline()).decode().strip())
    writer.write_eof()
    rest = await reader.read()
    writer.close()
    await writer.wait_closed()
    return got, rest


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    results = await asyncio.gather(*(client(port, f"c{k}", 3) for k in range(4)))
    for got, rest in results:
        print(got, rest)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    big = b"x" * 60000 + b"\n"
    writer.write(big)
    await writer.drain()
    data = await reader.readexactly(len(big))
    print(len(data), data[:3], data[-2:])
    writer.close()
    await writer.wait_closed()
    try:
        await reader.readexactly(5)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected)
    server.close()
    await server.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as e:
        print("refused", type(e).__name__)
    loop = asyncio.get_running_loop()
    import socket
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"ping")
    print(await loop.sock_recv(b, 10))
    t = asyncio.create_task(loop.sock_recv(b, 10))
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("recv cancelled", loop.remove_reader(b))
    a.close()
    b.close()
    # The loop waits in select() while the server is open: another thread's
    # call_soon_threadsafe must end that wait (the self-pipe).
    server2 = await asyncio.start_server(handle, "127.0.0.1", 0)
    fut = loop.create_future()

    def later():
        time.sleep(0.05)
        loop.call_soon_threadsafe(fut.set_result, "woken from another thread")

    threading.Thread(target=later).start()
    print(await asyncio.wait_for(fut, 5))
    server2.close()
    await server2.wait_closed()


asyncio.run(main())
