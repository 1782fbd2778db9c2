# Imported by attr_cache_invalidation.py: a module whose attributes it changes.
value = "original"


def func():
    return "original func"
