# Function attributes: __name__, __doc__, custom attributes, docstrings.

def documented(a, b):
    """Add two numbers.

    Returns their sum.
    """
    return a + b

def undocumented():
    pass

def one_line():
    "Single-quoted docstring."
    return 1

print(documented.__name__, repr(undocumented.__doc__), one_line.__doc__)
print(documented.__doc__.splitlines()[0], len(documented.__doc__.splitlines()))
print(undocumented(), one_line())

class Shape:
    """A geometric shape."""
    def area(self):
        """Return the area."""
        return 0

print(Shape.__doc__, Shape.area.__doc__, Shape.__name__, Shape.area.__name__)
print((lambda: 0).__name__, len.__name__, Shape().area.__name__)

def tagged():
    return tagged.tag
tagged.tag = "custom attribute"
tagged.count = 0
tagged.count += 1
print(tagged(), tagged.count, hasattr(tagged, "tag"), hasattr(tagged, "nope"))

def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer.__name__)

def not_a_docstring():
    x = 1
    "this string is not the docstring"
    return x
print(not_a_docstring.__doc__)
