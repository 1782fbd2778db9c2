# Daemon threads (sleeping, spinning, blocked on a lock) do not keep the program alive.
import threading, time
def forever():
    while True:
        time.sleep(0.01)
def spin():
    n = 0
    while True:
        n += 1
threading.Thread(target=forever, daemon=True).start()
threading.Thread(target=spin, daemon=True).start()
lk = threading.Lock(); lk.acquire()
threading.Thread(target=lk.acquire, daemon=True).start()
time.sleep(0.05)
print("exiting with daemon threads alive")
