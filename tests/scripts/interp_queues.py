# expect-output: interp_queues.out
# Queues between interpreters: values are copied in, the same queue is seen
# from every interpreter it is sent to, producer/consumer across
# interpreters, blocking gets and puts, timeouts, the non-blocking forms.
import interpreters
import queue
import time


class Job:
    def __init__(self, n):
        self.n = n


def produce(q, count):
    for i in range(count):
        q.put(Job(i))
    q.put(None)
    return "produced"


def consume(q, out):
    total = 0
    while True:
        job = q.get()
        if job is None:
            break
        total += job.n
    out.put(("total", total))
    return total


def echo(requests, replies):
    # Serves until told to stop: doubles whatever arrives.
    while True:
        item = requests.get()
        if item == "stop":
            return "stopped"
        replies.put(item * 2)


def queue_info(q):
    return (q.id, q.qsize(), q.maxsize, type(q).__name__)


def get_with_timeout(q):
    try:
        q.get(timeout=0.05)
    except interpreters.QueueEmpty:
        return "timed out"


if __name__ == "__main__":
    q = interpreters.create_queue()
    print("new", q.empty(), q.qsize(), q.maxsize, q.full())
    q.put([1, {"a": 2}])
    item = q.get()
    print("copy", item)
    # What goes in is a copy taken at put() time.
    data = [1]
    q.put(data)
    data.append(2)
    print("snapshot", q.get(), data)

    # Empty and full.
    try:
        q.get_nowait()
    except interpreters.QueueEmpty as e:
        print("get_nowait:", type(e).__name__, e, isinstance(e, queue.Empty))
    start = time.monotonic()
    try:
        q.get(timeout=0.1)
    except interpreters.QueueEmpty as e:
        print("get timeout:", e, time.monotonic() - start >= 0.09)
    small = interpreters.create_queue(maxsize=2)
    small.put(1)
    small.put_nowait(2)
    print("full", small.full(), small.qsize())
    try:
        small.put_nowait(3)
    except interpreters.QueueFull as e:
        print("put_nowait:", type(e).__name__, e, isinstance(e, queue.Full))
    try:
        small.put(3, timeout=0.05)
    except interpreters.QueueFull as e:
        print("put timeout:", e)
    try:
        small.get(timeout=-1)
    except ValueError as e:
        print("ValueError:", e)
    print("drain", small.get(), small.get_nowait(), small.empty())

    # The same queue, by id, and sent to another interpreter.
    print("by id", interpreters.Queue(q.id) == q, interpreters.Queue(q.id).id == q.id)
    a = interpreters.create()
    b = interpreters.create()
    print("info there", a.call(queue_info, small) == (small.id, 0, 2, "Queue"))
    a.prepare_main(q=q)
    a.exec("q.put('from a via prepare_main')")
    print("got", q.get())

    # Producer in one interpreter, consumer in another, both at once.
    jobs = interpreters.create_queue(maxsize=3)
    results = interpreters.create_queue()
    consumer = b.call_in_thread(consume, jobs, results)
    print(a.call(produce, jobs, 200))
    consumer.join()
    print("result", results.get(timeout=10), sum(range(200)))

    # A server loop in an interpreter, driven from here.
    requests, replies = interpreters.create_queue(), interpreters.create_queue()
    server = a.call_in_thread(echo, requests, replies)
    for x in [1, "ab", [3]]:
        requests.put(x)
        print("reply", replies.get(timeout=10))
    requests.put("stop")
    server.join()
    print("timeout there", b.call(get_with_timeout, q))

    # A queue lives while some interpreter has a Queue object for it.
    ident = jobs.id
    jobs = None
    try:
        interpreters.Queue(ident)
    except interpreters.QueueNotFoundError as e:
        print("gone:", str(e) == f"queue {ident} not found")
    a.close()
    b.close()
    print("after close", q.qsize(), q.empty())
