# sys.exit(3): exits with status 3 and prints nothing more.
import sys

print("before exit")
try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit with code", e.code)

def finish():
    try:
        sys.exit(3)
    finally:
        print("finally runs during sys.exit")

finish()
print("never printed")
