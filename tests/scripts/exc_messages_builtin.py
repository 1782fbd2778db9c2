# Messages of common built-in exceptions, as CPython 3.11 prints them.

def show(thunk):
    try:
        thunk()
        print("no exception")
    except Exception as e:
        print(type(e).__name__, e)

class Thing:
    pass

five = 5
nothing = None
text = "str"

show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1.0 / 0)
show(lambda: [1, 2, 3][10])
show(lambda: (1, 2)[-3])
show(lambda: "abc"[5])
show(lambda: {"a": 1}["b"])
show(lambda: {}[0])
show(lambda: None.x)
show(lambda: Thing().missing)
show(lambda: (5).foo)
show(lambda: "s".nope())
show(lambda: undefined_name)
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1] + "a")
show(lambda: 2 * None)
show(lambda: "x" - "y")
show(lambda: -"x")
show(lambda: int("abc"))
show(lambda: int("1.5"))
show(lambda: float("abc"))
show(lambda: five[0])
show(lambda: nothing[0])
show(lambda: five())
show(lambda: text())
show(lambda: len(5))
show(lambda: iter(5))
show(lambda: [x for x in 10])
show(lambda: hash([1]))
show(lambda: {[1]: 1})
show(lambda: {{1}})
show(lambda: [].pop())
show(lambda: {}.pop("k"))
show(lambda: [1, 2].index("x"))
show(lambda: [1, 2].remove(3))
show(lambda: "abc".index("z"))
show(lambda: 1 < "a")
show(lambda: [] > 0)
show(lambda: chr(-1))
show(lambda: ord("ab"))
show(lambda: max([]))
show(lambda: "a" * 1.5)
show(lambda: (1, 2).append(3))
show(lambda: int(None))
show(lambda: sum(["a", "b"]))
show(lambda: set().remove(1))
show(lambda: next(iter([])))
