# sys.exit("message"): the message goes to stderr and the status is 1.
import sys

print("working...")
try:
    sys.exit()
except SystemExit as e:
    print("sys.exit() code:", e.code)
try:
    sys.exit(None)
except SystemExit as e:
    print("sys.exit(None) code:", e.code)
try:
    raise SystemExit(5)
except SystemExit as e:
    print("SystemExit(5) code:", e.code, isinstance(e, Exception), isinstance(e, BaseException))
sys.exit("fatal: configuration missing")
