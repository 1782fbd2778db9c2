# Pricing rules, loaded by rules_host.cpp. The host passes orders as dicts
# and reads back the computed prices; CONFIG is read by the host too.
CONFIG = {"currency": "EUR", "vat": 0.2, "free_shipping_over": 100.0}

DISCOUNTS = {"gold": 0.15, "silver": 0.05}


def shipping(subtotal):
    return 0.0 if subtotal >= CONFIG["free_shipping_over"] else 7.5


def price(order):
    subtotal = sum(qty * unit for _, qty, unit in order["lines"])
    discount = DISCOUNTS.get(order.get("tier", ""), 0.0)
    net = subtotal * (1 - discount)
    total = round(net * (1 + CONFIG["vat"]) + shipping(net), 2)
    notes = []
    if discount:
        notes.append(f"{order['tier']} discount {int(discount * 100)}%")
    if shipping(net) == 0.0:
        notes.append("free shipping")
    log(f"order {order['id']}: {len(order['lines'])} lines -> {total}")
    return total, notes


def validate(order):
    if not order["lines"]:
        raise ValueError(f"order {order['id']} has no lines")
    return True
