# Memory of N idle processes (multiprocessing, fork): starts N Processes that
# each report on a queue and then block on another queue's get(); once all N
# have reported, prints `ready` and waits for a line on stdin, while
# bench/processes sums the Pss and Rss of the process tree; then sends each
# worker a token, joins them and exits. The same file runs on lockvm and
# CPython 3.11. (Not an Event: lockvm's Event.wait() without a timeout returns
# False at once instead of blocking.)
# Usage: proc_idle.py [n]. Without a harness, just press Enter.
import multiprocessing
import os
import sys


def idle(up, go):
    up.put(os.getpid())
    go.get()


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    ctx = multiprocessing.get_context("fork")
    up, go = ctx.Queue(), ctx.Queue()
    workers = [ctx.Process(target=idle, args=(up, go)) for _ in range(n)]
    for w in workers:
        w.start()
    pids = {up.get() for _ in workers}
    print(f"ready {os.getpid()}", flush=True)
    sys.stdin.readline()
    for _ in workers:
        go.put(None)
    for w in workers:
        w.join()
    if pids != {w.pid for w in workers} or any(w.exitcode != 0 for w in workers):
        sys.exit(f"workers: {sorted(pids)} exit codes {[w.exitcode for w in workers]}")
    print(f"checksum {n}")


if __name__ == "__main__":
    main()
