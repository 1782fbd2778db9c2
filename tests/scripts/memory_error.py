# Requests no machine can satisfy raise MemoryError, as in CPython, and the
# interpreter goes on: a list that must grow past what can be addressed
# (vm/relocatable_vector.hpp throws std::bad_alloc, call_native raises), and
# the repetitions that check their size first. (A request the allocator
# refuses, list(range(2**40)) = 16 TB, takes the same path in the release
# build; it is not here because the sanitizer builds report it instead.)
def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except MemoryError:
        print(label, "MemoryError")


attempt("list(range(2**62))", lambda: list(range(2**62)))
attempt("[].extend(range(2**60))", lambda: [].extend(range(2**60)))
l = [1, 2, 3]
attempt("l.extend(range(2**61))", lambda: l.extend(range(2**61)))
print(l)
attempt("[0] * 2**61", lambda: [0] * 2**61)
attempt("'ab' * 2**61", lambda: "ab" * 2**61)
attempt("b'ab' * 2**61", lambda: b"ab" * 2**61)
attempt("tuple(range(2**61))", lambda: tuple(range(2**61)))
print("still running", sum(range(10)))
