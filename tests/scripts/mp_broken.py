# A child killed mid-work never hangs the parent: a killed pool worker
# breaks the pool and its pending results raise.
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def suicide(_):
    os.kill(os.getpid(), signal.SIGKILL)


def ok(x):
    return x + 1


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(ok, 1).result())
        f = ex.submit(suicide, 0)
        try:
            f.result(timeout=30)
        except BrokenProcessPool:
            print("BrokenProcessPool")
