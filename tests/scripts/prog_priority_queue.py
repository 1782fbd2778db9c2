# A priority queue built on a hand-written binary min-heap, used for
# scheduling tasks, merging sorted lists and finding the k smallest items.


class PriorityQueue:
    def __init__(self):
        self._heap = []
        self._counter = 0  # tie-breaker keeps insertion order for equal priorities

    def __len__(self):
        return len(self._heap)

    def push(self, priority, item):
        entry = (priority, self._counter, item)
        self._counter += 1
        heap = self._heap
        heap.append(entry)
        i = len(heap) - 1
        while i > 0:
            parent = (i - 1) // 2
            if heap[parent] <= heap[i]:
                break
            heap[parent], heap[i] = heap[i], heap[parent]
            i = parent

    def pop(self):
        heap = self._heap
        if not heap:
            raise IndexError("pop from an empty priority queue")
        top = heap[0]
        last = heap.pop()
        if heap:
            heap[0] = last
            i = 0
            n = len(heap)
            while True:
                left, right = 2 * i + 1, 2 * i + 2
                smallest = i
                if left < n and heap[left] < heap[smallest]:
                    smallest = left
                if right < n and heap[right] < heap[smallest]:
                    smallest = right
                if smallest == i:
                    break
                heap[i], heap[smallest] = heap[smallest], heap[i]
                i = smallest
        return top[0], top[2]

    def peek(self):
        if not self._heap:
            return None
        return self._heap[0][0], self._heap[0][2]

    def check_invariant(self):
        h = self._heap
        return all(h[(i - 1) // 2] <= h[i] for i in range(1, len(h)))


pq = PriorityQueue()
tasks = [(3, "write tests"), (1, "fix build"), (4, "refactor"), (1, "review PR"), (5, "lunch"),
         (9, "vacation"), (2, "reply to mail"), (6, "benchmark"), (5, "update docs"), (3, "deploy")]
for prio, task in tasks:
    pq.push(prio, task)
print(len(pq), pq.peek(), pq.check_invariant())
order = []
while pq:
    order.append(pq.pop())
print(order)
try:
    pq.pop()
except IndexError as e:
    print("IndexError:", e)


def merge_sorted(*lists):
    q = PriorityQueue()
    for idx, lst in enumerate(lists):
        if lst:
            q.push(lst[0], (idx, 0))
    out = []
    while q:
        value, (idx, pos) = q.pop()
        out.append(value)
        if pos + 1 < len(lists[idx]):
            q.push(lists[idx][pos + 1], (idx, pos + 1))
    return out


print(merge_sorted([1, 4, 9], [2, 3, 10, 11], [], [0, 5]))


def k_smallest(items, k):
    q = PriorityQueue()
    for x in items:
        q.push(x, x)
    return [q.pop()[1] for _ in range(min(k, len(q)))]


data = [(i * 7919) % 101 for i in range(60)]
print(k_smallest(data, 8), sorted(data)[:8])


def simulate(events):
    """Discrete-event simulation: each job spawns follow-ups at later times."""
    q = PriorityQueue()
    for t, name in events:
        q.push(t, name)
    timeline = []
    while q:
        t, name = q.pop()
        timeline.append(f"t={t}:{name}")
        if name.startswith("job") and "." not in name and t < 10:
            q.push(t + 3, name + ".done")
            q.push(t + 1, name + ".log")
    return timeline


print(simulate([(0, "job1"), (2, "job2"), (1, "tick"), (12, "job3")]))

pq2 = PriorityQueue()
values = [(i * 37) % 50 for i in range(200)]
for v in values:
    pq2.push(v, None)
    assert pq2.check_invariant()
drained = [pq2.pop()[0] for _ in range(len(pq2))]
print(drained == sorted(values), drained[:10], drained[-5:])
