# Stack and queue classes and their classic uses.

class Stack:
    def __init__(self):
        self._items = []
    def push(self, item):
        self._items.append(item)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def peek(self):
        return self._items[-1]
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)
    def __repr__(self):
        return f"Stack({self._items})"

class Queue:
    """FIFO queue built from two stacks."""
    def __init__(self):
        self._in, self._out = [], []
    def enqueue(self, item):
        self._in.append(item)
    def dequeue(self):
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
        if not self._out:
            raise IndexError("dequeue from empty queue")
        return self._out.pop()
    def __len__(self):
        return len(self._in) + len(self._out)

s = Stack()
for c in "abc":
    s.push(c)
print(s, len(s), s.peek(), s.pop(), s.pop(), s, bool(s))
s.pop()
try:
    s.pop()
except IndexError as e:
    print("IndexError:", e)

def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in text:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return not st

for t in ["(a[b]{c})", "(]", "((", "", "{[()()]}", "())"]:
    print(repr(t), balanced(t))

def eval_rpn(expr):
    st = Stack()
    for tok in expr.split():
        if tok in "+-*/":
            b, a = st.pop(), st.pop()
            st.push({"+": a + b, "-": a - b, "*": a * b, "/": a / b}[tok])
        else:
            st.push(float(tok))
    return st.pop()

print(eval_rpn("3 4 + 2 *"), eval_rpn("5 1 2 + 4 * + 3 -"), eval_rpn("2 3 4 * +"))

q = Queue()
for i in range(5):
    q.enqueue(i)
print(q.dequeue(), q.dequeue(), len(q))
q.enqueue(99)
print([q.dequeue() for _ in range(len(q))])
try:
    q.dequeue()
except IndexError as e:
    print("IndexError:", e)

def hot_potato(names, passes):
    q = Queue()
    for n in names:
        q.enqueue(n)
    order = []
    while len(q) > 1:
        for _ in range(passes):
            q.enqueue(q.dequeue())
        order.append(q.dequeue())
    return order, q.dequeue()

print(hot_potato(["ann", "bob", "cy", "di", "ed", "flo"], 7))
