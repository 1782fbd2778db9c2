# Class attributes shared by instances vs instance attributes that shadow them.

class Config:
    debug = False
    tags = []          # shared mutable class attribute (a classic gotcha)

    def __init__(self, name):
        self.name = name

a = Config("a")
b = Config("b")
print(a.debug, b.debug, Config.debug)
a.debug = True              # creates an instance attribute on a only
print(a.debug, b.debug, Config.debug)
Config.debug = "class-level"
print(a.debug, b.debug, Config.debug)
del a.debug                 # the class attribute shows through again
print(a.debug)

a.tags.append("shared!")    # mutates the one list on the class
print(a.tags, b.tags, Config.tags, a.tags is b.tags)
b.tags = ["own"]            # rebinding creates an instance attribute
print(a.tags, b.tags, Config.tags)

class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total
    def bump_wrong(self):
        self.total += 100   # reads the class value, writes an instance attribute

c1, c2 = Counter(), Counter()
c1.bump_wrong()
print(c1.id, c2.id, Counter.total, c1.total, c2.total)

class Base:
    greeting = "hello from Base"
    def greet(self):
        return self.greeting

class Child(Base):
    greeting = "hello from Child"

print(Base().greet(), Child().greet())
kid = Child()
kid.greeting = "hello from the instance"
print(kid.greet(), Child.greeting)

class Methodless:
    x = 1
m = Methodless()
Methodless.x = 2
print(m.x)
m.x = 3
Methodless.x = 4
print(m.x, Methodless.x)

class WithMethodOverride:
    def speak(self):
        return "method"
w = WithMethodOverride()
w.speak = lambda: "instance attribute wins"
print(w.speak(), WithMethodOverride().speak())
