# Single inheritance: overriding, super() zero-arg and two-arg, multi-level MRO.

class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def intro(self):
        return f"I am {self.name} and I say {self.speak()}"

    def kind(self):
        return "animal"

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return "Woof"

    def kind(self):
        return "dog, a kind of " + super().kind()

class Puppy(Dog):
    def __init__(self, name, breed, age_weeks):
        super(Puppy, self).__init__(name, breed)
        self.age_weeks = age_weeks

    def speak(self):
        return super().speak().lower() + "!"

    def kind(self):
        return "puppy, a " + super().kind()

class Cat(Animal):
    pass

for a in [Animal("generic"), Dog("Rex", "lab"), Puppy("Bit", "pug", 8), Cat("Tom")]:
    print(type(a).__name__, "|", a.intro(), "|", a.kind())

p = Puppy("Bit", "pug", 8)
print(p.name, p.breed, p.age_weeks)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Dog, Dog), issubclass(Cat, object))

class Base:
    def __init__(self):
        self.log = ["Base"]
    def hello(self):
        return "Base.hello"

class Middle(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Middle")

class Leaf(Middle):
    def __init__(self):
        super().__init__()
        self.log.append("Leaf")
    def hello(self):
        return "Leaf.hello -> " + super().hello()

leaf = Leaf()
print(leaf.log, leaf.hello(), Middle().hello())

class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement area")
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"

class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2

for s in [Rect(2, 3), Square(4), Circle(1)]:
    print(s.describe())
try:
    Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
