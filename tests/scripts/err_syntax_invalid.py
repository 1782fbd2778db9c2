print("must not run")
x = = 1
