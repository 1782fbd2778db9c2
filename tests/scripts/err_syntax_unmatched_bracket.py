print("must not run")
items = [1, 2, 3)]
