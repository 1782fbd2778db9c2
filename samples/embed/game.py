# A game script for inventory_host.cpp: Entity and Inventory are C++ classes.
from game import Entity, Inventory, MAX_HP

hero = Entity("hero", 30)
goblin = Entity("goblin", 12)
hero.give("potion", 2)
hero.give("sword")


def turn(attacker, target, damage):
    target.hp -= damage
    say(f"{attacker.name} hits {target.name} for {damage}: {target.hp} hp left")
    if not target.alive:
        say(f"{target.name} is down")


def heal(entity):
    if entity.take("potion"):
        entity.hp = min(MAX_HP, entity.hp + 15)
        say(f"{entity.name} drinks a potion: {entity.hp} hp")
    else:
        say(f"{entity.name} has no potion left")


turn(goblin, hero, 20)
heal(hero)
turn(hero, goblin, 8)
turn(hero, goblin, 8)
loot = Inventory(5)
loot.add("gold", 3)
say(f"loot: {loot.items()} ({loot.size}/{loot.capacity})")
