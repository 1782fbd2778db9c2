# An exception in a child: its traceback on stderr, exit code 1.
import multiprocessing


def boom(x):
    raise ValueError("boom %d" % x)


if __name__ == "__main__":
    p = multiprocessing.Process(target=boom, args=(7,))
    p.start()
    p.join()
    print("exitcode", p.exitcode)
