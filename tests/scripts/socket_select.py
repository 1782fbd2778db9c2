# select.select on sockets: readiness of a socketpair (read, write, EOF),
# a timeout, a wait that another thread ends by sending, descriptors given
# as ints or by fileno(), and the errors of bad arguments.
import select, socket, threading, time
a, b = socket.socketpair()
print(select.select([a], [], [], 0))
r, w, x = select.select([a, b], [a], [], 0)
print(len(r), len(w) == 1 and w[0] is a, x)
b.send(b"hi")
r, w, x = select.select([a, b.fileno()], [], [], 1.0)
print(r == [a], w, x)
print(a.recv(10))
t0 = time.monotonic()
print(select.select([a], [], [], 0.05), time.monotonic() - t0 >= 0.04)
def later():
    time.sleep(0.05)
    b.send(b"x")
th = threading.Thread(target=later)
th.start()
r, _, _ = select.select([a], [], [])
print(r == [a], a.recv(1))
th.join()
for bad in ([-1], ["x"], 5):
    try:
        select.select(bad, [], [], 0)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    select.select([a], [], [], -1)
except ValueError as e:
    print(e)
b.close()
r, _, _ = select.select([a], [], [], 1)
print(r == [a], a.recv(1))
a.close()
print(select.select([], [], [], 0.01))
