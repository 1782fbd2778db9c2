# Custom exception hierarchies with extra attributes.

class AppError(Exception):
    """Base class for the application's errors."""

class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

class NotFoundError(AppError):
    def __init__(self, kind, ident):
        super().__init__(kind, ident)
        self.kind, self.ident = kind, ident

    def __str__(self):
        return f"{self.kind} #{self.ident} not found"

class RateLimited(AppError):
    pass

def handle(i):
    if i == 0:
        raise ValidationError("email", "must contain @")
    if i == 1:
        raise NotFoundError("user", 42)
    if i == 2:
        raise RateLimited("slow down", 30)
    if i == 3:
        raise AppError()
    return "fine"

for i in range(5):
    try:
        print(handle(i))
    except ValidationError as e:
        print("validation:", e, "|", e.field, "|", e.message, "|", e.args)
    except NotFoundError as e:
        print("not found:", e, "|", e.args, "|", repr(e.kind), e.ident)
    except AppError as e:
        print("app error:", type(e).__name__, repr(str(e)), e.args, len(e.args))

print(issubclass(ValidationError, AppError), issubclass(AppError, Exception), issubclass(RateLimited, ValidationError))
print(isinstance(NotFoundError("x", 1), AppError), isinstance(AppError(), BaseException))
e = ValidationError("age", "negative")
print(repr(str(e)), e.args, AppError.__doc__)
print(str(Exception("a", 2)), repr(Exception("a", 2)), str(Exception()), repr(ValueError("v")), str(KeyError("k")))
errors = []
for exc in [ValueError("v"), AppError("a"), RateLimited("r"), LookupError("l")]:
    try:
        raise exc
    except (AppError, LookupError) as caught:
        errors.append(type(caught).__name__)
    except Exception:
        errors.append("generic")
print(errors)
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print(issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError), issubclass(StopIteration, Exception))
