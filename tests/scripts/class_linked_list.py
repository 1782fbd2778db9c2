# A singly linked list class.

class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for item in items:
            self.append(item)

    def append(self, value):
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self.size += 1

    def prepend(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def remove(self, value):
        prev, cur = None, self.head
        while cur:
            if cur.value == value:
                if prev:
                    prev.next = cur.next
                else:
                    self.head = cur.next
                self.size -= 1
                return True
            prev, cur = cur, cur.next
        return False

    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev

    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.value
            cur = cur.next

    def __len__(self):
        return self.size

    def __contains__(self, value):
        return any(v == value for v in self)

    def __repr__(self):
        return " -> ".join(repr(v) for v in self) or "(empty)"

ll = LinkedList([1, 2, 3])
ll.append(4)
ll.prepend(0)
print(ll, len(ll), 3 in ll, 9 in ll)
print(ll.remove(2), ll.remove(42), ll.remove(0), ll, len(ll))
ll.reverse()
print(ll, list(ll), sum(ll), max(ll))
empty = LinkedList()
print(empty, len(empty), list(empty))
empty.reverse()
words = LinkedList("the quick brown fox".split())
print(words, [w.upper() for w in words])

def merge_sorted(a, b):
    out = LinkedList()
    ia, ib = iter(a), iter(b)
    x, y = next(ia, None), next(ib, None)
    while x is not None or y is not None:
        if y is None or (x is not None and x <= y):
            out.append(x)
            x = next(ia, None)
        else:
            out.append(y)
            y = next(ib, None)
    return out

print(merge_sorted(LinkedList([1, 4, 9]), LinkedList([2, 3, 10, 11])))
long = LinkedList(range(2000))
long.reverse()
print(len(long), long.head.value, sum(long))
