"""concurrent.futures.process: the process pool (in concurrent.futures itself for lockvm)."""

from concurrent.futures import BrokenProcessPool, ProcessPoolExecutor  # noqa: F401
