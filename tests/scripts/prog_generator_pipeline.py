# A bank of generators wired into a data-processing pipeline: a source of
# synthetic sales records, parsing, filtering, enrichment, windowed
# aggregation, a coroutine sink, and a fan-out with pull-based merging.


def source(n):
    regions = ["north", "south", "east", "west"]
    products = ["widget", "gadget", "doohickey"]
    state = 17
    for i in range(n):
        state = (state * 48271) % 2147483647
        yield f"{i},{regions[state % 4]},{products[(state >> 3) % 3]},{state % 50 + 1},{(state >> 5) % 1000 / 100:.2f}"


def parse(lines):
    for line in lines:
        ident, region, product, qty, price = line.split(",")
        yield {"id": int(ident), "region": region, "product": product, "qty": int(qty), "price": float(price)}


def valid(records):
    for r in records:
        if r["price"] <= 0:
            continue
        yield r


def enrich(records, discount):
    for r in records:
        total = r["qty"] * r["price"]
        if r["qty"] >= 40:
            total *= 1 - discount
        yield dict(r, total=round(total, 2))


def windows(records, size):
    batch = []
    for r in records:
        batch.append(r)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def summarise(batches):
    for i, batch in enumerate(batches):
        yield i, len(batch), round(sum(r["total"] for r in batch), 2), max(batch, key=lambda r: r["total"])["id"]


def sink():
    totals = {}
    count = 0
    try:
        while True:
            record = yield
            key = (record["region"], record["product"])
            totals[key] = round(totals.get(key, 0) + record["total"], 2)
            count += 1
    except GeneratorExit:
        pass
    finally:
        print(f"sink closed after {count} records")
        for key in sorted(totals):
            print(f"  {key[0]:>5} {key[1]:<9} {totals[key]:>10.2f}")


def tee_into(records, coroutine):
    next(coroutine)
    for r in records:
        coroutine.send(r)
        yield r
    coroutine.close()


def merge_by_id(*streams):
    heads = [next(s, None) for s in streams]
    while any(h is not None for h in heads):
        i = min((k for k, h in enumerate(heads) if h is not None), key=lambda k: heads[k]["id"])
        yield heads[i]
        heads[i] = next(streams[i], None)


print(list(source(3)))
pipeline = summarise(windows(tee_into(enrich(valid(parse(source(120))), 0.1), sink()), 25))
for window_no, count, total, best in pipeline:
    print(f"window {window_no}: {count} records, total {total:.2f}, best id {best}")

records = list(enrich(valid(parse(source(30))), 0.0))
north = (r for r in records if r["region"] == "north")
south = (r for r in records if r["region"] == "south")
merged = [r["id"] for r in merge_by_id(north, south)]
print(merged, merged == sorted(merged))
lazy = parse(source(10 ** 9))
first_big = next(r for r in lazy if r["qty"] > 45)
print("first record with qty > 45:", first_big["id"], first_big["qty"])
print(sum(1 for _ in valid(parse(source(500)))), max(r["price"] for r in parse(source(200))))
