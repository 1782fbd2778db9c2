# An uncaught TypeError from mixing str and int.

def label(name, count):
    return name + ": " + count

print(label("apples", str(3)))
print(label("pears", 4))
