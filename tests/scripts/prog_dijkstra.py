# Dijkstra's shortest paths on a small weighted road graph with a hand-written
# binary heap, path reconstruction, and a check against Bellman-Ford.

ROADS = """
amsterdam berlin 655
amsterdam brussels 210
amsterdam paris 505
brussels paris 300
brussels luxembourg 220
paris lyon 465
paris luxembourg 375
luxembourg frankfurt 250
berlin frankfurt 545
berlin prague 350
frankfurt munich 390
prague munich 380
prague vienna 330
munich vienna 435
lyon geneva 150
geneva zurich 280
zurich munich 315
lyon marseille 315
marseille geneva 410
vienna budapest 245
"""


def build_graph(text):
    graph = {}
    for line in text.strip().splitlines():
        a, b, w = line.split()
        graph.setdefault(a, {})[b] = int(w)
        graph.setdefault(b, {})[a] = int(w)
    return graph


class MinHeap:
    def __init__(self):
        self.items = []

    def push(self, item):
        items = self.items
        items.append(item)
        i = len(items) - 1
        while i and items[(i - 1) // 2] > items[i]:
            p = (i - 1) // 2
            items[i], items[p] = items[p], items[i]
            i = p

    def pop(self):
        items = self.items
        top = items[0]
        last = items.pop()
        if items:
            items[0] = last
            i = 0
            while True:
                l, r, m = 2 * i + 1, 2 * i + 2, i
                if l < len(items) and items[l] < items[m]:
                    m = l
                if r < len(items) and items[r] < items[m]:
                    m = r
                if m == i:
                    break
                items[i], items[m] = items[m], items[i]
                i = m
        return top

    def __bool__(self):
        return bool(self.items)


def dijkstra(graph, start):
    dist = {start: 0}
    prev = {}
    heap = MinHeap()
    heap.push((0, start))
    done = set()
    while heap:
        d, node = heap.pop()
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph[node].items():
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                prev[nxt] = node
                heap.push((nd, nxt))
    return dist, prev


def path_to(prev, start, goal):
    if goal != start and goal not in prev:
        return None
    path = [goal]
    while path[-1] != start:
        path.append(prev[path[-1]])
    return path[::-1]


def bellman_ford(graph, start):
    dist = {node: float("inf") for node in graph}
    dist[start] = 0
    for _ in range(len(graph) - 1):
        changed = False
        for a in graph:
            for b, w in graph[a].items():
                if dist[a] + w < dist[b]:
                    dist[b] = dist[a] + w
                    changed = True
        if not changed:
            break
    return dist


graph = build_graph(ROADS)
print(len(graph), "cities,", sum(len(v) for v in graph.values()) // 2, "roads")
dist, prev = dijkstra(graph, "amsterdam")
for city in sorted(dist, key=lambda c: (dist[c], c)):
    print(f"{city:>10} {dist[city]:5d}  {' -> '.join(path_to(prev, 'amsterdam', city))}")
bf = bellman_ford(graph, "amsterdam")
print("matches Bellman-Ford:", all(bf[c] == dist[c] for c in graph))

graph["atlantis"] = {}
d2, p2 = dijkstra(graph, "amsterdam")
print("atlantis reachable:", "atlantis" in d2, path_to(p2, "amsterdam", "atlantis"))

pairs = [("marseille", "budapest"), ("zurich", "brussels"), ("vienna", "vienna")]
for a, b in pairs:
    d, p = dijkstra(graph, a)
    print(f"{a} -> {b}: {d[b]} via {p and path_to(p, a, b)}")

farthest = max(((a, b, dijkstra(graph, a)[0].get(b, -1)) for a in sorted(graph) for b in sorted(graph) if a < b),
               key=lambda t: t[2])
print("diameter:", farthest)
