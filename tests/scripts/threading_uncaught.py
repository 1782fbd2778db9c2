# An uncaught exception in a thread prints its traceback and the program goes on.
import threading
def boom():
    raise ValueError("boom in thread")
t = threading.Thread(target=boom, name="bad")
t.start()
t.join()
print("main continues", t.is_alive())
