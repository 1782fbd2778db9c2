# The interpreter waits for non-daemon threads when the main script ends.
import threading, time
res = []
main_printed = threading.Event()
def late():
    # Print only after the main thread has printed (and some time after, so
    # that the main script has ended): the order must not rest on a sleep.
    main_printed.wait(30)
    time.sleep(0.05)
    res.append(1)
    print("late thread done", len(res))
threading.Thread(target=late).start()
print("main done")
main_printed.set()
