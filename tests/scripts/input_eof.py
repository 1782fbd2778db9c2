# input() with stdin at end of file (the runner uses /dev/null) raises EOFError.

try:
    line = input()
    print("read:", line)
except EOFError:
    print("eof")

try:
    input("prompt> ")
except EOFError as e:
    print("eof again", type(e).__name__, isinstance(e, Exception))

def read_all():
    lines = []
    while True:
        try:
            lines.append(input())
        except EOFError:
            break
    return lines

print(read_all())
