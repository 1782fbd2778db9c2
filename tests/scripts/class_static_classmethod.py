# @staticmethod and @classmethod (alternate constructors, class counters).

class Date:
    created = 0

    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day
        Date.created += 1

    @classmethod
    def from_string(cls, text):
        y, m, d = (int(part) for part in text.split("-"))
        return cls(y, m, d)

    @classmethod
    def epoch(cls):
        return cls(1970, 1, 1)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def __repr__(self):
        return f"{type(self).__name__}({self.year}, {self.month}, {self.day})"

class TaggedDate(Date):
    pass

d = Date.from_string("2024-02-29")
print(d, Date.epoch(), TaggedDate.from_string("1999-12-31"), TaggedDate.epoch())
print(Date.is_leap(2024), Date.is_leap(1900), Date.is_leap(2000), d.is_leap(2023))
print(Date.created)
print([y for y in range(1890, 1920) if Date.is_leap(y)])

class MathUtil:
    @staticmethod
    def clamp(x, lo, hi):
        return max(lo, min(x, hi))

    @classmethod
    def name(cls):
        return cls.__name__

print(MathUtil.clamp(15, 0, 10), MathUtil().clamp(-1, 0, 10), MathUtil.name(), MathUtil().name())

class Registry:
    items = []

    @classmethod
    def register(cls, item):
        cls.items.append(item)
        return len(cls.items)

print(Registry.register("a"), Registry.register("b"), Registry.items)

class Pizza:
    def __init__(self, toppings):
        self.toppings = list(toppings)

    @classmethod
    def margherita(cls):
        return cls(["mozzarella", "tomato"])

    @classmethod
    def prosciutto(cls):
        return cls(["mozzarella", "tomato", "ham"])

    def __repr__(self):
        return f"Pizza({self.toppings!r})"

print(Pizza.margherita(), Pizza.prosciutto())
