# A threaded echo server (one handler thread per connection) and 4 client
# threads talking to it at once over loopback. Each client checks its own
# replies; the output is sorted, so it does not depend on scheduling.
import socket
import threading

NCLIENTS = 4
NMESSAGES = 50

server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
handled = []
handled_lock = threading.Lock()

def handle(conn, n):
    # Echo length-prefixed messages back, reversed, until the client closes.
    total = 0
    with conn:
        buf = b""
        while True:
            data = conn.recv(4096)
            if not data:
                break
            buf += data
            while b"\n" in buf:
                i = buf.find(b"\n")
                line, buf = buf[:i], buf[i + 1:]
                conn.sendall(line[::-1] + b"\n")
                total += 1
    with handled_lock:
        handled.append(total)

def serve():
    handlers = []
    for n in range(NCLIENTS):
        conn, addr = server.accept()
        h = threading.Thread(target=handle, args=(conn, n))
        h.start()
        handlers.append(h)
    for h in handlers:
        h.join()

results = {}

def client(k):
    ok = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        pending = b""
        for i in range(NMESSAGES):
            msg = ("client %d message %d" % (k, i)).encode()
            c.sendall(msg + b"\n")
            while b"\n" not in pending:
                chunk = c.recv(4096)
                if not chunk:
                    break
                pending += chunk
            i = pending.find(b"\n")
            line, pending = pending[:i], pending[i + 1:]
            if line == msg[::-1]:
                ok += 1
        # A burst without waiting for replies, then read them all.
        burst = b"".join(("burst %d %d\n" % (k, i)).encode() for i in range(100))
        c.sendall(burst)
        c.shutdown(socket.SHUT_WR)
        rest = pending
        while True:
            chunk = c.recv(4096)
            if not chunk:
                break
            rest += chunk
        lines = rest.split(b"\n")[:-1]
        good = sum(1 for i, line in enumerate(lines) if line == ("burst %d %d" % (k, i)).encode()[::-1])
    results[k] = (ok, len(lines), good)

st = threading.Thread(target=serve)
st.start()
clients = [threading.Thread(target=client, args=(k,)) for k in range(NCLIENTS)]
for c in clients:
    c.start()
for c in clients:
    c.join()
st.join()
server.close()

for k in sorted(results):
    print("client", k, results[k])
print("handled", sorted(handled))
print("threads left", threading.active_count())
