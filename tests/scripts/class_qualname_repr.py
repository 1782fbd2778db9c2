# The default repr of an instance, and the repr of a class, name the class by
# module and __qualname__: nested and local classes show their path.


def path(obj):
    r = obj if isinstance(obj, str) else repr(obj)
    return r[:r.index(" at ")] + ">" if " at " in r else r


class Outer:
    class Inner:
        class Deepest:
            pass

    def method(self):
        class Local:
            pass
        return Local()


print(path(Outer()))
print(path(Outer.Inner()))
print(path(Outer.Inner.Deepest()))
print(path(Outer().method()))
print(Outer.Inner, Outer.Inner.Deepest)
print(type(Outer().method()))
print(Outer.Inner.__qualname__, Outer.Inner.__name__)

# type(): no qualname given, or one in the namespace
X = type("X", (), {})
print(path(X()), X)
Y = type("Y", (Outer.Inner,), {"__qualname__": "Some.Where.Y"})
print(path(Y()), Y, Y.__name__)

# assigned later
Outer.Inner.__qualname__ = "Renamed"
print(path(Outer.Inner()), Outer.Inner)

# object.__repr__ called directly, and through super()
class Shown:
    def __repr__(self):
        return "Shown(" + path(super().__repr__()) + ")"


def plain_repr(obj):
    return path(object.__repr__(obj))


print(Shown())
print(plain_repr(Shown()))
print(plain_repr(Outer.Inner.Deepest()))
