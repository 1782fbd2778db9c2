"""The asyncio event loop for lockvm: ready callbacks, timers, and a wake-up
for other threads.

One loop iteration runs every callback that was ready when it began (those
they schedule wait for the next iteration, as in CPython), after moving the
timers that are due to the ready list. With nothing ready the loop waits on
a threading.Condition until the next timer is due or another thread calls
call_soon_threadsafe(): that wait releases the GIL under `gil`, lets other
fibers run under `nolock`, and blocks only this thread under `objlocks` and
`brc`, so an event loop sits beside script threads (asyncio.to_thread) the
same way under every policy.

Why not Boost.Asio: the loop has no sockets to watch (lockvm's asyncio has
no streams yet), only timers and cross-thread wake-ups, which a condition
variable gives directly; written in Python it runs unchanged under every
policy and reads like CPython's base_events.py.
"""

import _thread
import heapq as _heapq
import sys as _sys
import threading as _threading
import time as _time

__all__ = ["AbstractEventLoop", "BaseEventLoop", "Handle", "TimerHandle",
           "get_event_loop", "get_running_loop", "new_event_loop", "set_event_loop",
           "_get_running_loop"]


class Handle:
    """A callback scheduled by call_soon(); cancel() keeps it from running."""

    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def __repr__(self):
        state = " cancelled" if self._cancelled else ""
        return "<%s%s %r>" % (type(self).__name__, state, self._callback)

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def get_context(self):
        return None

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop.call_exception_handler({
                "message": "Exception in callback %r" % (self._callback,),
                "exception": exc,
                "handle": self,
            })


class TimerHandle(Handle):
    """A callback scheduled by call_later() or call_at()."""

    def __init__(self, when, callback, args, loop):
        Handle.__init__(self, callback, args, loop)
        self._when = when

    def when(self):
        return self._when


class BaseEventLoop:
    def __init__(self):
        self._ready = []
        self._scheduled = []  # heap of (when, sequence, handle): ties run in order
        self._timer_sequence = 0
        self._stopping = False
        self._closed = False
        self._thread_id = None
        self._wakeup = _threading.Condition(_threading.Lock())
        self._threadsafe = []  # Handles from other threads, under _wakeup
        self._exception_handler = None
        self._default_executor = None
        self._debug = False
        self._unretrieved = {}  # id -> future finished with an exception nobody retrieved

    def __repr__(self):
        return "<%s running=%s closed=%s debug=%s>" % (
            type(self).__name__, self.is_running(), self.is_closed(), self._debug)

    # -- scheduling --------------------------------------------------------

    def time(self):
        return _time.monotonic()

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError("delay must not be None")
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        handle = TimerHandle(when, callback, args, self)
        self._timer_sequence += 1
        _heapq.heappush(self._scheduled, (when, self._timer_sequence, handle))
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        with self._wakeup:
            self._threadsafe.append(handle)
            self._wakeup.notify()
        return handle

    def create_future(self):
        from asyncio.futures import Future
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        from asyncio.tasks import Task
        return Task(coro, loop=self, name=name)

    # -- running -----------------------------------------------------------

    def is_running(self):
        return self._thread_id is not None

    def is_closed(self):
        return self._closed

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = bool(enabled)

    def run_forever(self):
        self._check_closed()
        if self.is_running():
            raise RuntimeError("This event loop is already running")
        if _get_running_loop() is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        self._thread_id = _thread.get_ident()
        _set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._thread_id = None
            _set_running_loop(None)

    def run_until_complete(self, future):
        self._check_closed()
        from asyncio.futures import isfuture
        from asyncio.tasks import ensure_future
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)

        def done(fut):
            fut.get_loop().stop()

        future.add_done_callback(done)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()  # retrieved: the caller sees it raised
            raise
        finally:
            future.remove_done_callback(done)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()

    def stop(self):
        self._stopping = True

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._log_unretrieved()
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()
        executor = self._default_executor
        if executor is not None:
            self._default_executor = None
            executor.shutdown(wait=False)

    def _run_once(self):
        """One iteration: wait for work, move due timers to the ready list,
        run what was ready when the iteration began."""
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            timeout = max(0, self._scheduled[0][0] - self.time())
        else:
            timeout = None
        with self._wakeup:
            if not self._threadsafe and timeout != 0:
                self._wakeup.wait(timeout)
            if self._threadsafe:
                self._ready.extend(self._threadsafe)
                self._threadsafe.clear()
        now = self.time()
        while self._scheduled:
            when, _, handle = self._scheduled[0]
            if not handle._cancelled and when > now:
                break
            _heapq.heappop(self._scheduled)
            if not handle._cancelled:
                self._ready.append(handle)
        ready = self._ready
        self._ready = []
        for handle in ready:
            if not handle._cancelled:
                handle._run()

    def _log_unretrieved(self):
        futures = list(self._unretrieved.values())
        self._unretrieved.clear()
        for fut in futures:
            if not fut._log_traceback:
                continue
            fut._log_traceback = False
            kind = "Task" if hasattr(fut, "get_coro") else "Future"
            self.call_exception_handler({
                "message": "%s exception was never retrieved" % kind,
                "exception": fut._exception,
                "future": fut,
            })

    # -- threads -----------------------------------------------------------

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._default_executor
            if executor is None:
                import concurrent.futures
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
                self._default_executor = executor
        from asyncio.futures import wrap_future
        return wrap_future(executor.submit(func, *args), loop=self)

    def set_default_executor(self, executor):
        self._default_executor = executor

    async def shutdown_default_executor(self):
        executor = self._default_executor
        if executor is None:
            return
        self._default_executor = None
        future = self.create_future()

        def shut_down():
            try:
                executor.shutdown(wait=True)
                self.call_soon_threadsafe(_set_result_unless_done, future, None)
            except BaseException as exc:
                self.call_soon_threadsafe(_set_exception_unless_done, future, exc)

        _threading.Thread(target=shut_down, daemon=True).start()
        await future

    async def shutdown_asyncgens(self):
        """lockvm has no asynchronous generators: nothing to finalize."""

    # -- errors ------------------------------------------------------------

    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError("A callable object or None is expected, got %r" % (handler,))
        self._exception_handler = handler

    def default_exception_handler(self, context):
        message = context.get("message") or "Unhandled exception in event loop"
        lines = [message]
        for key in sorted(context):
            if key in ("message", "exception"):
                continue
            lines.append("%s: %r" % (key, context[key]))
        text = "\n".join(lines) + "\n"
        exc = context.get("exception")
        if exc is not None:
            text += _thread._format_exception(exc)
        _sys.stderr.write(text)
        _sys.stderr.flush()

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
            return
        try:
            self._exception_handler(self, context)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self.default_exception_handler({
                "message": "Unhandled error in exception handler",
                "exception": exc,
                "context": context,
            })

    # -- what lockvm's asyncio does not have -------------------------------

    def _unsupported(self, what):
        raise NotImplementedError(
            "%s is not supported by lockvm's asyncio (no sockets or subprocesses in the "
            "event loop yet): use asyncio.to_thread() with the blocking socket module" % what)

    def create_connection(self, *args, **kwargs):
        self._unsupported("loop.create_connection()")

    def create_server(self, *args, **kwargs):
        self._unsupported("loop.create_server()")

    def sock_recv(self, *args):
        self._unsupported("loop.sock_recv()")

    def sock_sendall(self, *args):
        self._unsupported("loop.sock_sendall()")

    def sock_connect(self, *args):
        self._unsupported("loop.sock_connect()")

    def sock_accept(self, *args):
        self._unsupported("loop.sock_accept()")

    def add_reader(self, *args):
        self._unsupported("loop.add_reader()")

    def add_writer(self, *args):
        self._unsupported("loop.add_writer()")

    def add_signal_handler(self, *args):
        self._unsupported("loop.add_signal_handler()")

    def subprocess_exec(self, *args, **kwargs):
        self._unsupported("loop.subprocess_exec()")


AbstractEventLoop = BaseEventLoop
SelectorEventLoop = BaseEventLoop


def _set_result_unless_done(future, result):
    if not future.done():
        future.set_result(result)


def _set_exception_unless_done(future, exc):
    if not future.done():
        future.set_exception(exc)


# The running loop and the loop set_event_loop() chose, per thread.
_running = {}
_current = {}


def _get_running_loop():
    return _running.get(_thread.get_ident())


def _set_running_loop(loop):
    if loop is None:
        _running.pop(_thread.get_ident(), None)
    else:
        _running[_thread.get_ident()] = loop


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError("no running event loop")
    return loop


def new_event_loop():
    return BaseEventLoop()


def set_event_loop(loop):
    if loop is None:
        _current.pop(_thread.get_ident(), None)
    else:
        _current[_thread.get_ident()] = loop


def get_event_loop():
    loop = _get_running_loop()
    if loop is not None:
        return loop
    ident = _thread.get_ident()
    loop = _current.get(ident)
    if loop is None:
        if ident != _threading.main_thread().ident:
            raise RuntimeError("There is no current event loop in thread %r."
                               % _threading.current_thread().name)
        loop = new_event_loop()
        _current[ident] = loop
    return loop
