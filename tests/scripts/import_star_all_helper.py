# A module with __all__, for import_star_all.py.
__all__ = ["public", "_listed_private"]
public = 1
also_public = 2
_listed_private = 3
_private = 4
