# Conway's Game of Life on a small toroidal grid for 20 generations.

WIDTH, HEIGHT = 20, 12

GLIDER = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
BLINKER = [(10, 1), (11, 1), (12, 1)]
BLOCK = [(16, 8), (17, 8), (16, 9), (17, 9)]
R_PENTOMINO = [(6, 7), (7, 7), (5, 8), (6, 8), (6, 9)]


class Life:
    def __init__(self, width, height, cells):
        self.width, self.height = width, height
        self.alive = set()
        for x, y in cells:
            self.alive.add((x % width, y % height))
        self.generation = 0

    def neighbours(self, x, y):
        count = 0
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if (dx or dy) and ((x + dx) % self.width, (y + dy) % self.height) in self.alive:
                    count += 1
        return count

    def step(self):
        candidates = set()
        for x, y in self.alive:
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    candidates.add(((x + dx) % self.width, (y + dy) % self.height))
        new = set()
        for cell in candidates:
            n = self.neighbours(*cell)
            if n == 3 or (n == 2 and cell in self.alive):
                new.add(cell)
        self.alive = new
        self.generation += 1

    def render(self):
        rows = []
        for y in range(self.height):
            rows.append("".join("#" if (x, y) in self.alive else "." for x in range(self.width)))
        return "\n".join(rows)

    def bounding_box(self):
        if not self.alive:
            return None
        xs = [x for x, _ in self.alive]
        ys = [y for _, y in self.alive]
        return min(xs), min(ys), max(xs), max(ys)


world = Life(WIDTH, HEIGHT, GLIDER + BLINKER + BLOCK + R_PENTOMINO)
print(f"generation {world.generation}: {len(world.alive)} alive")
print(world.render())
history = []
for _ in range(20):
    world.step()
    history.append(len(world.alive))
    if world.generation % 5 == 0:
        print(f"generation {world.generation}: {len(world.alive)} alive, box {world.bounding_box()}")
        print(world.render())
print("population history:", history)
print("sorted live cells (first 10):", sorted(world.alive)[:10])

# The blinker alone oscillates with period 2, the block is a still life.
osc = Life(5, 5, [(1, 2), (2, 2), (3, 2)])
states = []
for _ in range(4):
    states.append(tuple(sorted(osc.alive)))
    osc.step()
print("blinker period 2:", states[0] == states[2] and states[1] == states[3] and states[0] != states[1])
still = Life(6, 6, [(1, 1), (2, 1), (1, 2), (2, 2)])
before = set(still.alive)
still.step()
print("block still:", before == still.alive)
# A glider returns to its shape, moved by (1, 1), after 4 generations.
g = Life(10, 10, GLIDER)
start = sorted(g.alive)
for _ in range(4):
    g.step()
print("glider moved:", sorted(g.alive) == sorted(((x + 1) % 10, (y + 1) % 10) for x, y in start))
