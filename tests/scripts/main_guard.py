# __name__ == "__main__" in the script and in an imported module.
import mathutils_helper

def main():
    print("running as the main program")
    print("helper module name:", mathutils_helper.__name__)
    print("helper saw itself as main:", mathutils_helper.WAS_MAIN)
    return 0

print(__name__)
if __name__ == "__main__":
    main()
else:
    print("imported")
