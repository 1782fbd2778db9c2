print("must not run")
greeting = "hello
print(greeting)
