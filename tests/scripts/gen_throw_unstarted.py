# throw() into a generator that has not started ends it at once: no try
# block of its body has been entered, so its finally does not run.
def g():
    try:
        yield 1
    finally:
        print("fin")
x = g()
try:
    x.throw(ValueError("v"))
except ValueError as e:
    print("VE", e)
print(next(x, "exhausted"))
c = g()
c.close()
print(next(c, "closed"))
