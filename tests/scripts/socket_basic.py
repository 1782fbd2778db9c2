# The socket module: socketpair, sendall/recv with a reader thread, EOF,
# timeouts, non-blocking mode, a TCP server and client over loopback,
# `with`, addresses, and the OSError subclasses the OS's errors map to.
import socket
import threading

print("constants", socket.AF_INET, socket.AF_UNIX, socket.SOCK_STREAM, socket.SOL_SOCKET,
      socket.SO_REUSEADDR, socket.IPPROTO_TCP, socket.TCP_NODELAY,
      socket.SHUT_RD, socket.SHUT_WR, socket.SHUT_RDWR)
print("aliases", socket.timeout is TimeoutError, socket.error is OSError,
      issubclass(socket.gaierror, OSError))
print(socket.socket, socket.gaierror)

# --- socketpair: both ends, send/recv, EOF after close.
a, b = socket.socketpair()
print(type(a), a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM, a.proto)
print("names", repr(a.getsockname()), repr(b.getpeername()))
print("timeouts", a.gettimeout(), a.getblocking(), a.timeout)
print("sent", a.send(b"hello"))
print("got", b.recv(100))
b.sendall(b"world")
print("got", a.recv(3), a.recv(3))
a.sendall(b"")
print("empty recv", b.recv(0))
a.close()
print("eof", b.recv(10), b.recv(10))
print(repr(a))
print("fileno after close", a.fileno())
a.close()  # closing twice is fine
b.close()

# --- sendall of 1 MB through a socketpair, a reader thread on the other end.
a, b = socket.socketpair()
payload = bytes(range(256)) * 4096
received = []
def reader():
    while True:
        chunk = b.recv(65536)
        if not chunk:
            break
        received.append(chunk)
r = threading.Thread(target=reader)
r.start()
a.sendall(payload)
a.shutdown(socket.SHUT_WR)
r.join()
data = b"".join(received)
print("1MB", len(payload), len(data), data == payload)
a.close()
b.close()

# --- timeouts and non-blocking mode.
a, b = socket.socketpair()
b.settimeout(0.05)
print("gettimeout", b.gettimeout(), b.getblocking(), b.timeout)
try:
    b.recv(10)
except socket.timeout as e:
    print("timeout:", type(e).__name__, e, e.errno, e.args)
except OSError as e:
    print("wrong", e)
b.settimeout(None)
print("back to blocking", b.gettimeout(), b.getblocking())
b.setblocking(False)
print("non-blocking", b.gettimeout(), b.getblocking())
try:
    b.recv(10)
except BlockingIOError as e:
    print("would block:", type(e).__name__, e, e.errno == 11)
b.setblocking(True)
print("blocking again", b.gettimeout())
for bad in (-1, "x", float("nan")):
    try:
        b.settimeout(bad)
    except (ValueError, TypeError) as e:
        print("settimeout", repr(bad), type(e).__name__, e)
a.close()
try:
    b.send(b"into a closed pair")
except BrokenPipeError as e:
    print("broken pipe:", type(e).__name__, e, e.errno, e.strerror)
b.close()

# --- errors on a closed socket.
s = socket.socket()
s.close()
for name, call in [("recv", lambda: s.recv(1)), ("send", lambda: s.send(b"x")),
                   ("getsockname", lambda: s.getsockname()), ("listen", lambda: s.listen()),
                   ("accept", lambda: s.accept()), ("shutdown", lambda: s.shutdown(socket.SHUT_RDWR)),
                   ("setsockopt", lambda: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1))]:
    try:
        call()
        print(name, "no error")
    except OSError as e:
        print(name, type(e).__name__, e, e.errno, e.strerror)

# --- other errors.
with socket.socket() as s:
    print("fresh socket", s.getsockname(), s.gettimeout(), s.family, s.type, s.proto)
    for name, call in [("accept on unbound", lambda: s.accept()),
                       ("getpeername", lambda: s.getpeername()),
                       ("shutdown unconnected", lambda: s.shutdown(socket.SHUT_RDWR)),
                       ("bind str", lambda: s.bind("x")),
                       ("bind 1-tuple", lambda: s.bind(("127.0.0.1",))),
                       ("bind port str", lambda: s.bind(("127.0.0.1", "80"))),
                       ("bind port range", lambda: s.bind(("127.0.0.1", 70000))),
                       ("bind host int", lambda: s.bind((1, 2))),
                       ("recv negative", lambda: s.recv(-1)),
                       ("send str", lambda: s.send("text")),
                       ("connect port", lambda: s.connect(("127.0.0.1", -1)))]:
        try:
            call()
            print(name, "no error")
        except (OSError, TypeError, ValueError, OverflowError) as e:
            print(name, type(e).__name__, e)
print("after with", s.fileno(), repr(s))

# --- a TCP server on loopback: create_server, create_connection, accept in a thread.
server = socket.create_server(("127.0.0.1", 0))
host, port = server.getsockname()
print("server", host, type(port).__name__, port > 0, server.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
print("server repr", repr(server).startswith("<socket.socket fd="), "laddr=('127.0.0.1', %d)>" % port in repr(server))

accepted = []
def accept_one():
    conn, addr = server.accept()
    accepted.append((addr[0], type(addr[1]).__name__))
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data.upper())
t = threading.Thread(target=accept_one)
t.start()
with socket.create_connection((host, port)) as c:
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print("nodelay", c.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
    print("client", c.getpeername() == (host, port), c.getsockname()[0], c.proto, c.gettimeout())
    for word in [b"echo", b"round", b"trip"]:
        c.sendall(word)
        print("echo", word, "->", c.recv(1024))
    c.shutdown(socket.SHUT_WR)
    print("server closed:", c.recv(10))
t.join()
print("accepted", accepted)

# A plain socket() connecting, with a timeout; accept with a timeout too.
server.settimeout(5)
cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
cli.settimeout(5)
cli.connect(("127.0.0.1", port))
conn, addr = server.accept()
print("accepted conn timeout", conn.gettimeout(), addr == cli.getsockname())
conn.sendall(b"ping")
print(cli.recv(4))
cli.close()
print("peer closed", conn.recv(4))
conn.close()
server.settimeout(0.05)
try:
    server.accept()
except TimeoutError as e:
    print("accept timed out:", e)

# Binding the same address again fails, with create_server's message.
try:
    socket.create_server(("127.0.0.1", port))
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror.replace(str(port), "PORT"))
server.close()

# --- connection refused: nothing listens on a port just freed.
s = socket.create_server(("127.0.0.1", 0))
free_port = s.getsockname()[1]
s.close()
try:
    socket.create_connection(("127.0.0.1", free_port))
except ConnectionRefusedError as e:
    print("refused:", type(e).__name__, e, e.errno, e.strerror)
with socket.socket() as s:
    print("connect_ex", s.connect_ex(("127.0.0.1", free_port)))
for bad in ["x", ("127.0.0.1", 1, 2), 5]:
    try:
        socket.create_connection(bad)
    except (TypeError, ValueError) as e:
        print("create_connection", type(e).__name__, e)
print("done")
