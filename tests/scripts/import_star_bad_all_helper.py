# __all__ naming what the module does not have, for import_star_all.py.
__all__ = ["present", "missing"]
present = 1
