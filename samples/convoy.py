# The convoy effect, after David Beazley ("The Python GIL: the new GIL",
# 2010, and CPython issue 7946): an I/O-bound thread that does short
# request/response round trips over a loopback socket, alone and then with a
# CPU-bound thread beside it.
#
# Every socket call releases the interpreter lock and must take it back when
# it returns. Alone, that is free. With a CPU-bound thread holding the lock,
# each of those returns waits until the CPU thread is made to drop it (the
# switch interval, 5 ms): a round trip costs several waits (the client's
# send and recv, the echo server's recv and send), and the I/O thread slows
# to a crawl while the CPU thread hardly notices.
#
#   ./build/lockvm --policy=gil samples/convoy.py      # OS threads + a GIL
#   ./build/lockvm --policy=nolock samples/convoy.py   # fibers on one OS thread
#   python3 samples/convoy.py                          # CPython, for comparison
#
# Optional argument: seconds per phase (default 2).
import socket
import sys
import threading
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
MESSAGE = b"x" * 64


def echo_server(server):
    conn, _ = server.accept()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                break
            conn.sendall(data)


def round_trips(sock, seconds):
    """Request/response round trips per second for `seconds`."""
    n = 0
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        sock.sendall(MESSAGE)
        got = 0
        while got < len(MESSAGE):
            got += len(sock.recv(4096))
        n += 1
    return n / (time.perf_counter() - start)


stop = False
cpu_rate = 0.0


def cpu_bound():
    # The countdown of the GIL articles, in slices so that it can be stopped.
    global cpu_rate
    steps = 0
    start = time.perf_counter()
    while not stop:
        n = 100000
        while n > 0:
            n -= 1
        steps += 100000
    cpu_rate = steps / (time.perf_counter() - start)


def run_cpu_thread(seconds, work=None):
    """Runs cpu_bound() in a thread for `seconds` (or while `work` runs)."""
    global stop
    stop = False
    cpu = threading.Thread(target=cpu_bound)
    cpu.start()
    result = work() if work else time.sleep(seconds)
    stop = True
    cpu.join()
    return result


server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
echo = threading.Thread(target=echo_server, args=(server,))
echo.start()
client = socket.create_connection(("127.0.0.1", port))
client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

round_trips(client, 0.2)  # warm up
alone = round_trips(client, SECONDS)
run_cpu_thread(SECONDS)
cpu_alone = cpu_rate
busy = run_cpu_thread(SECONDS, lambda: round_trips(client, SECONDS))
cpu_busy = cpu_rate
print(f"I/O thread alone:          {alone:10.0f} round trips/s")
print(f"I/O thread beside the CPU: {busy:10.0f} round trips/s")
print(f"I/O slowdown:              {alone / busy:10.1f}x")
print(f"CPU thread alone:          {cpu_alone / 1e6:10.1f} M countdown steps/s")
print(f"CPU thread beside the I/O: {cpu_busy / 1e6:10.1f} M countdown steps/s")

client.close()
echo.join()
server.close()
