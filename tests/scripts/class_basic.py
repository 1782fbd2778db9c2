# Classes: __init__, instance and class attributes, methods.

class Dog:
    species = "Canis familiaris"
    count = 0

    def __init__(self, name, age):
        self.name = name
        self.age = age
        self.tricks = []
        Dog.count += 1

    def add_trick(self, trick):
        self.tricks.append(trick)
        return self

    def describe(self):
        return f"{self.name} is {self.age} and knows {len(self.tricks)} trick(s)"

    def birthday(self):
        self.age += 1

rex = Dog("Rex", 3)
fido = Dog("Fido", 5)
rex.add_trick("sit").add_trick("roll")
fido.birthday()
print(rex.describe())
print(fido.describe())
print(rex.species, fido.species, Dog.species, Dog.count, rex.count)
print(rex.tricks, fido.tricks, rex.name, type(rex).__name__, type(rex) is Dog)
rex.color = "brown"
print(rex.color, hasattr(fido, "color"))
method = rex.describe
print(method())
print(Dog.describe(fido))

class Empty:
    pass

e = Empty()
e.x = 1
e.y = [1, 2]
print(e.x, e.y, type(e).__name__, isinstance(e, Empty))
try:
    print(e.z)
except AttributeError as err:
    print("AttributeError:", err)

class Counter:
    def __init__(self):
        self.value = 0
    def increment(self, by=1):
        self.value += by
    def reset(self):
        self.value = 0

c = Counter()
for i in range(5):
    c.increment(i)
print(c.value)
c.reset()
c.increment()
print(c.value)

class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius
    def to_fahrenheit(self):
        return self.celsius * 9 / 5 + 32

temps = [Temperature(c) for c in (-40, 0, 37, 100)]
print([t.to_fahrenheit() for t in temps])
print(Temperature().celsius, Temperature(21.5).to_fahrenheit())
try:
    Dog("only name")
except TypeError as err:
    print("TypeError:", err)
