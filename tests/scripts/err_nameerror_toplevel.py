# A NameError at the top level after some output.

print("start")
total = 0
for i in range(3):
    total += i
print(total)
print(totl_value_never_defined)
