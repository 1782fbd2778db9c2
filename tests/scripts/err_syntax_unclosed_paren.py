print("this line must not run: the whole file fails to compile")
values = [1, 2, 3]
total = sum(values
print(total)
