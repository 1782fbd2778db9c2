# args: alpha 42 "two words" --flag
# sys.argv: the script name and the arguments from the header line above.
import sys

print(len(sys.argv))
print(sys.argv[0].endswith("sys_argv.py"))
print(sys.argv[1:])
args = sys.argv[1:]
flags = [a for a in args if a.startswith("--")]
numbers = [int(a) for a in args if a.isdigit()]
print(flags, numbers, " | ".join(a.upper() for a in args))
