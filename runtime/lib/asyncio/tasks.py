"""asyncio.Task and the functions that combine awaitables (sleep, gather,
wait_for, wait, as_completed, shield, to_thread), after CPython 3.11's
asyncio/tasks.py.

A Task drives a coroutine one step at a time from the event loop: _step()
sends None (or throws an exception) into it, and what comes out says what
happens next. A Future yielded by an `await` means "wake me when it is done";
a bare None (sleep(0)) means "run me again soon"; StopIteration is the
coroutine's return value.
"""

import _thread

from asyncio import events
from asyncio.futures import CancelledError, Future, InvalidStateError, _chain_future, isfuture

__all__ = ["Task", "create_task", "ensure_future", "sleep", "gather", "shield",
           "wait_for", "wait", "as_completed", "to_thread", "run_coroutine_threadsafe",
           "current_task", "all_tasks", "iscoroutine", "iscoroutinefunction",
           "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"]

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


async def _probe():
    pass


_probe_coro = _probe()
_coroutine_type = type(_probe_coro)
_probe_coro.close()
del _probe_coro


def iscoroutine(obj):
    return isinstance(obj, _coroutine_type)


def iscoroutinefunction(func):
    """Whether calling func (a function, or a method of one) makes a
    coroutine: its code has CO_COROUTINE (0x80) in co_flags."""
    func = getattr(func, "__func__", func)
    code = getattr(func, "__code__", None)
    return code is not None and bool(code.co_flags & 0x80)


_task_counter = 0
_task_counter_lock = _thread.allocate_lock()  # loops on several threads name tasks at once
_all_tasks = set()   # tasks not yet done
_current_tasks = {}  # loop -> the task running on it


def current_task(loop=None):
    if loop is None:
        loop = events.get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    if loop is None:
        loop = events.get_running_loop()
    return {t for t in list(_all_tasks) if t._loop is loop and not t.done()}


class Task(Future):
    def __init__(self, coro, *, loop=None, name=None):
        Future.__init__(self, loop=loop)
        if not iscoroutine(coro):
            raise TypeError("a coroutine was expected, got %r" % (coro,))
        if name is None:
            global _task_counter
            with _task_counter_lock:
                _task_counter += 1
                name = "Task-%d" % _task_counter
        self._name = str(name)
        self._coro = coro
        self._fut_waiter = None
        self._must_cancel = False
        self._num_cancels_requested = 0
        self._loop.call_soon(self._step)
        _all_tasks.add(self)

    def _repr_info(self):
        info = Future._repr_info(self)
        if self._must_cancel:
            info[0] = "cancelling"
        info[1:1] = ["name=%r" % (self._name,), "coro=%r" % (self._coro,)]
        if self._fut_waiter is not None:
            info.append("wait_for=%r" % (self._fut_waiter,))
        return info

    def get_coro(self):
        return self._coro

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_stack(self, *, limit=None):
        return []

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                # The waiter's done callback wakes us with CancelledError.
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def _finish(self):
        _all_tasks.discard(self)

    def _step(self, exc=None):
        if self.done():
            raise InvalidStateError("_step(): already done: %r, %r" % (self, exc))
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None
        loop = self._loop
        previous = _current_tasks.get(loop)
        if previous is not None:
            raise RuntimeError("Cannot enter into task %r while another task %r is being executed."
                               % (self, previous))
        _current_tasks[loop] = self
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as e:
            self._finish()
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, msg=self._cancel_message)
            else:
                Future.set_result(self, e.value)
        except CancelledError as e:
            self._finish()
            self._cancelled_exc = e
            Future.cancel(self)
        except (KeyboardInterrupt, SystemExit) as e:
            self._finish()
            Future.set_exception(self, e)
            raise
        except BaseException as e:
            self._finish()
            Future.set_exception(self, e)
        else:
            self._wait_for_yielded(result)
        finally:
            del _current_tasks[loop]

    def _wait_for_yielded(self, result):
        blocking = getattr(result, "_asyncio_future_blocking", None)
        if blocking is not None:
            if result.get_loop() is not self._loop:
                error = RuntimeError("Task %r got Future %r attached to a different loop" % (self, result))
                self._loop.call_soon(self._step, error)
            elif not blocking:
                error = RuntimeError("yield was used instead of yield from in task %r with %r" % (self, result))
                self._loop.call_soon(self._step, error)
            elif result is self:
                self._loop.call_soon(self._step, RuntimeError("Task cannot await on itself: %r" % (self,)))
            else:
                result._asyncio_future_blocking = False
                result.add_done_callback(self._wakeup)
                self._fut_waiter = result
                if self._must_cancel:
                    if self._fut_waiter.cancel(msg=self._cancel_message):
                        self._must_cancel = False
        elif result is None:
            self._loop.call_soon(self._step)  # a bare yield: sleep(0)
        else:
            self._loop.call_soon(self._step, RuntimeError("Task got bad yield: %r" % (result,)))

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()


def create_task(coro, *, name=None, context=None):
    return events.get_running_loop().create_task(coro, name=name)


def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        if loop is not None and loop is not coro_or_future.get_loop():
            raise ValueError("The future belongs to a different loop than the one specified as the loop argument")
        return coro_or_future
    if iscoroutine(coro_or_future):
        if loop is None:
            loop = events.get_event_loop()
        return loop.create_task(coro_or_future)
    if hasattr(coro_or_future, "__await__"):
        return ensure_future(_wrap_awaitable(coro_or_future), loop=loop)
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


async def _wrap_awaitable(awaitable):
    return await awaitable


class _Sleep0:
    """What sleep(0) awaits: one bare yield, so the task goes to the back of
    the ready list."""

    def __await__(self):
        yield


def _set_result_unless_cancelled(fut, result):
    if not fut.cancelled():
        fut.set_result(result)


async def sleep(delay, result=None):
    if delay <= 0:
        await _Sleep0()
        return result
    loop = events.get_running_loop()
    future = loop.create_future()
    handle = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        handle.cancel()


class _GatheringFuture(Future):
    """gather()'s outer future: cancelling it cancels the children."""

    def __init__(self, children, *, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        outer = events.get_event_loop().create_future()
        outer.set_result([])
        return outer

    def child_done(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()  # retrieved, as in CPython
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if nfinished == nfuts:
            results = []
            for child in children:
                if child.cancelled():
                    msg = child._cancel_message
                    results.append(CancelledError("" if msg is None else msg))
                else:
                    exc = child.exception()
                    results.append(child.result() if exc is None else exc)
            if outer._cancel_requested:
                outer.set_exception(fut._make_cancelled_error())
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    nfuts = 0
    nfinished = 0
    loop = None
    outer = None
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(child_done)
        else:
            fut = arg_to_fut[arg]  # a repeated awaitable fills several positions
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    return outer


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def inner_done(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def outer_done(outer):
        if not inner.done():
            inner.remove_done_callback(inner_done)

    inner.add_done_callback(inner_done)
    outer.add_done_callback(outer_done)
    return outer


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()

    def on_done(f):
        _release_waiter(waiter)

    fut.add_done_callback(on_done)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(on_done)


async def wait_for(fut, timeout):
    loop = events.get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc

    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)

    def on_done(f):
        _release_waiter(waiter)

    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(on_done)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(on_done)
            await _cancel_and_wait(fut, loop=loop)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(on_done)
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError("expect a list of futures, not %s" % type(fs).__name__)
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError("Invalid return_when value: %s" % (return_when,))
    loop = events.get_running_loop()
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = [len(fs)]

    def on_completion(f):
        counter[0] -= 1
        if (counter[0] <= 0 or return_when == FIRST_COMPLETED or
                (return_when == FIRST_EXCEPTION and not f.cancelled() and f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def as_completed(fs, *, timeout=None):
    """An iterator of coroutines; awaiting the n-th gives the n-th result to
    be ready (or raises its exception, or TimeoutError past `timeout`)."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError("expect an iterable of futures, not %s" % type(fs).__name__)
    from asyncio.queues import Queue
    loop = events.get_event_loop()
    todo = []
    for f in fs:
        fut = ensure_future(f, loop=loop)
        if fut not in todo:
            todo.append(fut)
    done = Queue()
    timeout_handle = None

    def on_timeout():
        for f in todo:
            f.remove_done_callback(on_completion)
            done.put_nowait(None)  # queue a dummy value for _wait_for_one()
        todo.clear()

    def on_completion(f):
        if not todo:
            return  # on_timeout() was here first
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, on_timeout)
    for _ in range(len(todo)):
        yield wait_for_one()


async def to_thread(func, *args, **kwargs):
    """Runs func(*args, **kwargs) on a worker thread (the loop's default
    executor): under `objlocks` and `brc` it runs beside the loop on another
    core, under `gil` it takes turns with it, under `nolock` it is a fiber."""
    loop = events.get_running_loop()
    return await loop.run_in_executor(None, lambda: func(*args, **kwargs))


def run_coroutine_threadsafe(coro, loop):
    """Submits a coroutine to the loop of another thread; returns a
    concurrent.futures.Future for its result."""
    if not iscoroutine(coro):
        raise TypeError("A coroutine object is required")
    import concurrent.futures
    future = concurrent.futures.Future()

    def callback():
        try:
            _chain_future(ensure_future(coro, loop=loop), future)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            if future.set_running_or_notify_cancel():
                future.set_exception(exc)
            raise

    loop.call_soon_threadsafe(callback)
    return future

