"""concurrent.futures.thread: the thread pool (in concurrent.futures itself for lockvm)."""

from concurrent.futures import BrokenThreadPool, ThreadPoolExecutor  # noqa: F401
