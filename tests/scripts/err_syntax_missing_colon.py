print("must not run")
x = 5
if x > 1
    print("big")
