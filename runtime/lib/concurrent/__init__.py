"""lockvm: the concurrent package (concurrent.futures)."""
