# 1,200 short threads started and joined.
import threading
total = []
def f(i):
    total.append(i)
for i in range(1000):
    t = threading.Thread(target=f, args=(i,))
    t.start()
    t.join()
print(len(total), sum(total))
ts = [threading.Thread(target=f, args=(i,)) for i in range(200)]
for t in ts: t.start()
for t in ts: t.join()
print(len(total))
