# A binary search tree: insert, search, traversals, height, min/max, delete.

class Node:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None

class BST:
    def __init__(self):
        self.root = None
        self.count = 0

    def insert(self, key):
        if self.root is None:
            self.root = Node(key)
            self.count += 1
            return
        cur = self.root
        while True:
            if key == cur.key:
                return
            if key < cur.key:
                if cur.left is None:
                    cur.left = Node(key)
                    break
                cur = cur.left
            else:
                if cur.right is None:
                    cur.right = Node(key)
                    break
                cur = cur.right
        self.count += 1

    def __contains__(self, key):
        cur = self.root
        while cur:
            if key == cur.key:
                return True
            cur = cur.left if key < cur.key else cur.right
        return False

    def inorder(self):
        def walk(n):
            if n:
                yield from walk(n.left)
                yield n.key
                yield from walk(n.right)
        return list(walk(self.root))

    def preorder(self):
        out = []
        stack = [self.root] if self.root else []
        while stack:
            n = stack.pop()
            out.append(n.key)
            if n.right:
                stack.append(n.right)
            if n.left:
                stack.append(n.left)
        return out

    def level_order(self):
        levels = []
        frontier = [self.root] if self.root else []
        while frontier:
            levels.append([n.key for n in frontier])
            frontier = [c for n in frontier for c in (n.left, n.right) if c]
        return levels

    def height(self):
        def h(n):
            return 0 if n is None else 1 + max(h(n.left), h(n.right))
        return h(self.root)

    def delete(self, key):
        def remove(n, key):
            if n is None:
                return None
            if key < n.key:
                n.left = remove(n.left, key)
            elif key > n.key:
                n.right = remove(n.right, key)
            else:
                if n.left is None:
                    return n.right
                if n.right is None:
                    return n.left
                succ = n.right
                while succ.left:
                    succ = succ.left
                n.key = succ.key
                n.right = remove(n.right, succ.key)
            return n
        if key in self:
            self.root = remove(self.root, key)
            self.count -= 1

    def __len__(self):
        return self.count

tree = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30]:
    tree.insert(k)
print(len(tree), tree.inorder())
print(tree.preorder())
print(tree.level_order(), tree.height())
print(45 in tree, 55 in tree, min(tree.inorder()), max(tree.inorder()))
tree.delete(30)
tree.delete(50)
tree.delete(999)
print(len(tree), tree.inorder(), tree.level_order())
words = BST()
for w in "the quick brown fox jumps over the lazy dog".split():
    words.insert(w)
print(words.inorder(), words.height())
skewed = BST()
for i in range(100):
    skewed.insert(i)
print(skewed.height(), len(skewed))
