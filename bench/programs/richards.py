# Richards: Martin Richards' operating-system simulation (an idle task, a
# worker, two packet handlers and two devices passing packets through a
# priority scheduler), written here with a Scheduler object and a Task class
# hierarchy. Exercises method calls through subclasses, attribute reads and
# writes on small objects, linked lists of objects, None tests and bit ops.
# The size is the number of complete simulations; each must end with the
# classic counts (23246 packets queued, 9297 holds). The checksum folds the
# counts and the packet contents of every run.
import sys
import time

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 1, 2, 3, 4, 5, 6
KIND_DEVICE = 0
KIND_WORK = 1
BUF_SIZE = 4


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUF_SIZE

    def append_to(self, queue):
        """Put this packet at the end of queue; return the queue's head."""
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue, pending, waiting):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.pending = pending      # a packet is waiting in the queue
        self.waiting = waiting      # the task waits for a packet
        self.holding = False        # the task is held
        self.link = sched.tasks
        sched.tasks = self
        sched.table[ident] = self

    def blocked(self):
        return self.holding or (self.waiting and not self.pending)

    def ready_with_packet(self):
        return self.pending and self.waiting and not self.holding

    def run(self):
        if self.ready_with_packet():
            pkt = self.queue
            self.queue = pkt.link
            self.pending = self.queue is not None
            self.waiting = False
            self.holding = False
        else:
            pkt = None
        return self.step(pkt)

    def step(self, pkt):
        raise NotImplementedError

    def accept(self, pkt, sender):
        """A packet arrives from sender; return the task to run next."""
        if self.queue is None:
            self.queue = pkt
            self.pending = True
            if self.priority > sender.priority:
                return self
        else:
            pkt.append_to(self.queue)
        return sender

    # Operations a task performs on the scheduler while it runs.
    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        other = self.sched.table[ident]
        other.holding = False
        if other.priority > self.priority:
            return other
        return self

    def send(self, pkt):
        target = self.sched.table[pkt.dest]
        self.sched.queue_count += 1
        pkt.link = None
        pkt.dest = self.ident
        return target.accept(pkt, self)


class IdleTask(Task):
    def __init__(self, sched, ident, priority, count):
        super().__init__(sched, ident, priority, None, False, False)
        self.control = 1
        self.count = count

    def step(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue, True, True)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, pkt):
        if pkt is None:
            return self.wait()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        pkt.dest = self.target
        pkt.datum = 0
        data = pkt.data
        for i in range(BUF_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            data[i] = 64 + self.letter
        return self.send(pkt)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue, True, True)
        self.work_queue = None
        self.device_queue = None

    def step(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work_queue = pkt.append_to(self.work_queue)
            else:
                self.device_queue = pkt.append_to(self.device_queue)
        work = self.work_queue
        if work is None:
            return self.wait()
        count = work.datum
        if count >= BUF_SIZE:
            self.work_queue = work.link
            return self.send(work)
        dev = self.device_queue
        if dev is None:
            return self.wait()
        self.device_queue = dev.link
        dev.datum = work.data[count]
        self.sched.trace = (self.sched.trace * 31 + dev.datum) % 1000000007
        work.datum = count + 1
        return self.send(dev)


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        super().__init__(sched, ident, priority, None, False, True)
        self.parked = None

    def step(self, pkt):
        if pkt is None:
            pkt = self.parked
            if pkt is None:
                return self.wait()
            self.parked = None
            return self.send(pkt)
        self.parked = pkt
        return self.hold()


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 7
        self.queue_count = 0
        self.hold_count = 0
        self.trace = 0

    def setup(self):
        IdleTask(self, IDLE, 1, 10000)
        q = Packet(None, 0, KIND_WORK)
        q = Packet(q, 0, KIND_WORK)
        WorkerTask(self, WORKER, 1000, q)
        q = None
        for _ in range(3):
            q = Packet(q, DEVICE_A, KIND_DEVICE)
        HandlerTask(self, HANDLER_A, 2000, q)
        q = None
        for _ in range(3):
            q = Packet(q, DEVICE_B, KIND_DEVICE)
        HandlerTask(self, HANDLER_B, 3000, q)
        DeviceTask(self, DEVICE_A, 4000)
        DeviceTask(self, DEVICE_B, 5000)

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.blocked():
                task = task.link
            else:
                task = task.run()


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    start = time.perf_counter()
    checksum = 0
    for _ in range(n):
        sched = Scheduler()
        sched.setup()
        sched.schedule()
        if sched.queue_count != 23246 or sched.hold_count != 9297:
            print(f"wrong counts {sched.queue_count} {sched.hold_count}")
            sys.exit(1)
        checksum = (checksum * 7 + sched.queue_count * 10007 + sched.hold_count
                    + sched.trace) % 1000000007
    elapsed = time.perf_counter() - start
    print(f"checksum {checksum}")
    print(f"time {elapsed:.6f}")


main()
