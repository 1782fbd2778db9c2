# An uncaught ValueError raised three calls deep: traceback on stderr, exit status 1.

def parse(text):
    return validate(int(text))

def validate(n):
    if n < 0:
        raise ValueError("boom")
    return n

def main():
    print(parse("5"))
    print(parse("-1"))
    print("not reached")

main()
