# sys.exit(0) and sys.exit() end the program successfully, even from a function.
import sys

def main():
    print("main running")
    for i in range(10):
        if i == 3:
            print("exiting at", i)
            sys.exit(0)
    print("not reached")

if __name__ == "__main__":
    main()
