# The interpreter waits for non-daemon threads when the main script ends.
import threading, time
res = []
def late():
    time.sleep(0.05)
    res.append(1)
    print("late thread done", len(res))
threading.Thread(target=late).start()
print("main done")
