# A text-adventure-like state machine driven by a scripted list of commands.

ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"}, "items": ["lamp"]},
    "library": {"desc": "a silent library", "exits": {"south": "hall", "up": "attic"}, "items": ["book"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"}, "items": ["key", "bread"]},
    "cellar": {"desc": "a pitch-black cellar", "exits": {"up": "kitchen"}, "items": ["chest"], "dark": True},
    "attic": {"desc": "a cramped attic", "exits": {"down": "library"}, "items": [], "locked": True},
}


class GameOver(Exception):
    pass


class Game:
    def __init__(self, rooms):
        self.rooms = {name: dict(info, items=list(info["items"])) for name, info in rooms.items()}
        self.here = "hall"
        self.inventory = []
        self.moves = 0
        self.score = 0
        self.state = "playing"

    def room(self):
        return self.rooms[self.here]

    def can_see(self):
        return not self.room().get("dark") or "lamp" in self.inventory

    def look(self):
        if not self.can_see():
            return "It is too dark to see."
        r = self.room()
        items = ", ".join(r["items"]) if r["items"] else "nothing"
        exits = ", ".join(sorted(r["exits"]))
        return f"You are in {r['desc']}. You see: {items}. Exits: {exits}."

    def go(self, direction):
        exits = self.room()["exits"]
        if direction not in exits:
            return f"You cannot go {direction}."
        target = exits[direction]
        if self.rooms[target].get("locked"):
            if "key" in self.inventory:
                self.rooms[target]["locked"] = False
                self.score += 10
                self.here = target
                return "You unlock the way with the key. " + self.look()
            return "The way is locked."
        self.here = target
        return self.look()

    def take(self, item):
        if not self.can_see():
            return "You fumble in the dark."
        if item == "chest":
            return "The chest is far too heavy."
        if item not in self.room()["items"]:
            return f"There is no {item} here."
        self.room()["items"].remove(item)
        self.inventory.append(item)
        self.score += 5
        return f"Taken: {item}."

    def drop(self, item):
        if item not in self.inventory:
            return f"You do not have {item}."
        self.inventory.remove(item)
        self.room()["items"].append(item)
        return f"Dropped: {item}."

    def open(self, thing):
        if thing != "chest" or "chest" not in self.room()["items"] or not self.can_see():
            return "You cannot open that."
        if "book" not in self.inventory:
            return "The chest has a riddle lock; maybe a book would help."
        self.score += 50
        self.state = "won"
        raise GameOver("The chest opens: you found the treasure!")

    def handle(self, line):
        words = line.lower().split()
        if not words:
            return "Say something."
        verb, args = words[0], words[1:]
        self.moves += 1
        aliases = {"n": "north", "s": "south", "e": "east", "w": "west", "u": "up", "d": "down"}
        if verb in aliases or verb in ("north", "south", "east", "west", "up", "down"):
            return self.go(aliases.get(verb, verb))
        handlers = {"go": self.go, "take": self.take, "get": self.take, "drop": self.drop, "open": self.open}
        if verb == "look":
            return self.look()
        if verb in ("inventory", "i"):
            return "You carry: " + (", ".join(sorted(self.inventory)) or "nothing") + "."
        if verb == "quit":
            self.state = "quit"
            raise GameOver("Bye.")
        if verb not in handlers:
            self.moves -= 1
            return f"I don't know how to {verb!r}."
        if len(args) != 1:
            return f"{verb.capitalize()} what?"
        return handlers[verb](args[0])


SCRIPT = [
    "look", "take lamp", "take sword", "n", "take book", "up", "s", "e", "take key", "eat bread",
    "i", "drop lamp", "d", "look", "take chest", "open chest", "u", "take lamp", "w", "n", "u",
    "look", "d", "s", "", "go west", "go", "e", "d", "open box", "dance", "take chest",
    "open chest", "look",
]

game = Game(ROOMS)
for command in SCRIPT:
    try:
        reply = game.handle(command)
    except GameOver as end:
        print(f"> {command}\n{end}")
        break
    print(f"> {command}\n{reply}")
print(f"state={game.state} moves={game.moves} score={game.score} room={game.here}")
print("inventory:", sorted(game.inventory))
print("items left:", {name: sorted(r["items"]) for name, r in game.rooms.items() if r["items"]})
