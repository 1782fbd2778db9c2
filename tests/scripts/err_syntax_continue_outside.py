def f():
    continue

print("must not run")
