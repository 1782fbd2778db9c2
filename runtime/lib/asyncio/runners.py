"""asyncio.run(): a new event loop for one coroutine, closed after it, with
the tasks it left behind cancelled first (CPython 3.11's asyncio/runners.py)."""

from asyncio import events, tasks

__all__ = ["run", "Runner"]


def _cancel_all_tasks(loop):
    to_cancel = tasks.all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(tasks.gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


class Runner:
    """Runs coroutines on one event loop that it creates and closes."""

    def __init__(self, *, debug=None, loop_factory=None):
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not tasks.iscoroutine(coro):
            raise ValueError("a coroutine was expected, got %r" % (coro,))
        if events._get_running_loop() is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        return self._loop.run_until_complete(self._loop.create_task(coro))

    def close(self):
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            events.set_event_loop(None)
            loop.close()
            self._loop = None

    def _lazy_init(self):
        if self._loop is not None:
            if self._loop.is_closed():
                raise RuntimeError("Runner is closed")
            return
        if self._loop_factory is None:
            self._loop = events.new_event_loop()
            events.set_event_loop(self._loop)
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)


def run(main, *, debug=None):
    """Runs coroutine `main` on a new event loop and returns its result."""
    if events._get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)
