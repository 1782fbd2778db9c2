def f(x):
    if x:
        return 1
  return 2

print("must not run")
