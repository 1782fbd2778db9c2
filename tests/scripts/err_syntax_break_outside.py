print("must not run")
x = 3
if x > 2:
    break
