# @property with getters, setters, deleters, validation and computed values.

class Celsius:
    def __init__(self, degrees=0.0):
        self.degrees = degrees  # goes through the setter

    @property
    def degrees(self):
        return self._degrees

    @degrees.setter
    def degrees(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._degrees = value

    @property
    def fahrenheit(self):
        return self._degrees * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.degrees = (value - 32) * 5 / 9

t = Celsius(25)
print(t.degrees, t.fahrenheit)
t.fahrenheit = 212
print(t.degrees, t.fahrenheit)
try:
    t.degrees = -300
except ValueError as e:
    print("ValueError:", e)
print(t.degrees)

class Rectangle:
    def __init__(self, w, h):
        self.w, self.h = w, h

    @property
    def area(self):
        return self.w * self.h

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)

r = Rectangle(3, 4)
print(r.area, r.perimeter)
r.w = 10
print(r.area, r.perimeter)
try:
    r.area = 5
except AttributeError as e:
    print("AttributeError raised")

class Person:
    def __init__(self, first, last):
        self.first, self.last = first, last

    @property
    def full_name(self):
        return f"{self.first} {self.last}"

    @full_name.setter
    def full_name(self, name):
        self.first, self.last = name.split(" ", 1)

    @full_name.deleter
    def full_name(self):
        print("deleting name")
        self.first = self.last = None

p = Person("Ada", "Lovelace")
print(p.full_name)
p.full_name = "Grace Hopper"
print(p.first, "|", p.last, "|", p.full_name)
del p.full_name
print(p.first, p.last)

class Lazy:
    def __init__(self):
        self.computed = 0
        self._value = None

    @property
    def value(self):
        if self._value is None:
            self.computed += 1
            self._value = sum(range(1000))
        return self._value

lz = Lazy()
print(lz.value, lz.value, lz.computed)
print(type(Lazy.value).__name__)
