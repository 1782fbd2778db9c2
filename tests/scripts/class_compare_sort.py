# __eq__, __lt__ and friends; sorting objects; total ordering by hand.

class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        return not self <= other

    def __ge__(self, other):
        return not self < other

    def __repr__(self):
        return "Version(" + ".".join(map(str, self.parts)) + ")"

vs = [Version(v) for v in ["1.10.0", "1.2.0", "1.2", "0.9.9", "2.0", "1.2.0"]]
print(sorted(vs))
print(sorted(vs, reverse=True))
print(max(vs), min(vs))
a, b = Version("1.2.0"), Version("1.10")
print(a == Version("1.2.0"), a != b, a < b, a <= b, a > b, a >= b, a == "1.2.0")
print(Version("1.0") in vs, vs.index(Version("1.2")), vs.count(Version("1.2.0")))

class Card:
    RANKS = "23456789TJQKA"
    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit
    def __eq__(self, other):
        return (self.rank, self.suit) == (other.rank, other.suit)
    def __lt__(self, other):
        return Card.RANKS.index(self.rank) < Card.RANKS.index(other.rank)
    def __repr__(self):
        return self.rank + self.suit

hand = [Card("K", "h"), Card("3", "s"), Card("A", "d"), Card("T", "c"), Card("3", "h")]
print(sorted(hand), max(hand), min(hand))
print(Card("Q", "s") > Card("J", "s"), Card("2", "c") == Card("2", "c"))

class Plain:
    pass

x, y = Plain(), Plain()
print(x == x, x == y, x != y)
try:
    x < y
except TypeError as e:
    print("TypeError:", e)

class Student:
    def __init__(self, name, grade):
        self.name, self.grade = name, grade
    def __repr__(self):
        return f"{self.name}:{self.grade}"

roster = [Student("zoe", 90), Student("adam", 85), Student("mia", 90), Student("bo", 70)]
print(sorted(roster, key=lambda s: (-s.grade, s.name)))
print(sorted(roster, key=lambda s: s.name))
