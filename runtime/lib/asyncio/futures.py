"""asyncio.Future and the exceptions of asyncio, after CPython 3.11's
asyncio/futures.py and asyncio/exceptions.py.

A Future is awaited by yielding itself out of `await` (its __await__ is a
generator): the Task that runs the awaiting coroutine gets it from
coro.send(), registers its wake-up as a done callback, and is scheduled again
when the future completes. Done callbacks always run later, from the loop,
never inside set_result(): the order in which callbacks and task steps run is
the order CPython runs them, so scripts print the same.
"""

import concurrent.futures as _cf

__all__ = ["CancelledError", "InvalidStateError", "TimeoutError", "Future",
           "wrap_future", "isfuture"]


class CancelledError(BaseException):
    """The Task or Future was cancelled (a BaseException since Python 3.8)."""


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


TimeoutError = TimeoutError  # the built-in one, as in CPython 3.11

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


def isfuture(obj):
    return getattr(obj, "_asyncio_future_blocking", None) is not None


class Future:
    _asyncio_future_blocking = False

    def __init__(self, *, loop=None):
        if loop is None:
            from asyncio import events
            loop = events.get_event_loop()
        self._loop = loop
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None
        self._cancelled_exc = None
        self._log_traceback = False  # an exception nobody has looked at yet

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, " ".join(self._repr_info()))

    def _repr_info(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append("exception=%r" % (self._exception,))
            else:
                info.append("result=%r" % (self._result,))
        return info

    def get_loop(self):
        return self._loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def _schedule_callbacks(self):
        callbacks = self._callbacks[:]
        if not callbacks:
            return
        self._callbacks[:] = []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")
        self._retrieved()
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        self._retrieved()
        return self._exception

    def _retrieved(self):
        if self._log_traceback:
            self._log_traceback = False
            self._loop._unretrieved.pop(id(self), None)

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(kept)
        if removed:
            self._callbacks[:] = kept
        return removed

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators "
                            "and cannot be raised into a Future")
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()
        # CPython logs an exception never retrieved when the future is
        # collected; lockvm runs no __del__, so the loop logs it at close().
        self._log_traceback = True
        self._loop._unretrieved[id(self)] = self

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self  # the Task running us waits for this future
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()

    __iter__ = __await__


def _set_state(future, other):
    """Copies the outcome of `other` (either kind of future) into `future`."""
    if other.cancelled():
        future.cancel()
        return
    exc = other.exception()
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(other.result())


def _chain_future(source, destination):
    """Completes `destination` when `source` completes, and cancels `source`
    when `destination` is cancelled; either may be a concurrent.futures.Future,
    completed on another thread, so each side is changed on its own loop's
    thread (call_soon_threadsafe) or directly when it has no loop."""
    source_loop = source.get_loop() if isinstance(source, Future) else None
    dest_loop = destination.get_loop() if isinstance(destination, Future) else None

    def copy_into_destination(src):
        if destination.cancelled():
            return
        if isinstance(destination, Future):
            if not destination.done():
                _set_state(destination, src)
        elif destination.set_running_or_notify_cancel():
            _set_state(destination, src)

    def on_source_done(src):
        if dest_loop is None or dest_loop is source_loop:
            copy_into_destination(src)
        elif not dest_loop.is_closed():
            dest_loop.call_soon_threadsafe(copy_into_destination, src)

    def on_destination_done(dst):
        if dst.cancelled():
            if source_loop is None or source_loop is dest_loop:
                source.cancel()
            else:
                source_loop.call_soon_threadsafe(source.cancel)

    destination.add_done_callback(on_destination_done)
    source.add_done_callback(on_source_done)


def wrap_future(future, *, loop=None):
    """An asyncio Future that completes with `future` (a concurrent.futures
    Future, usually completed by a worker thread)."""
    if isfuture(future):
        return future
    if not isinstance(future, _cf.Future):
        raise TypeError("concurrent.futures.Future is expected, got %r" % (future,))
    if loop is None:
        from asyncio import events
        loop = events.get_event_loop()
    new_future = loop.create_future()
    _chain_future(future, new_future)
    return new_future
