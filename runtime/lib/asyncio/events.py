"""The asyncio event loop for lockvm: ready callbacks, timers, descriptors
to watch, and a wake-up for other threads.

One loop iteration runs every callback that was ready when it began (those
they schedule wait for the next iteration, as in CPython), after moving the
timers that are due, and the readers and writers whose descriptors are
ready, to the ready list. With nothing ready the loop waits until the next
timer is due, a watched descriptor is ready, or another thread calls
call_soon_threadsafe():

  * no descriptors: on a threading.Condition;
  * descriptors (add_reader/add_writer, the sock_* methods, streams): in
    select.select, with a socketpair (the self-pipe) that
    call_soon_threadsafe writes to.

Both are blocking calls of the policy's thread model: they release the GIL
under `gil`, let other fibers run under `nolock` (select's wait goes to the
Boost.Asio reactor of runtime/io_wait.hpp), and block only this thread under
`objlocks` and `brc`. So an event loop sits beside script threads the same
way under every policy. Written in Python, it reads like CPython's
base_events.py and selector_events.py.
"""

import _thread
import heapq as _heapq
import select as _select
import socket as _socket
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
        self._readers = {}  # fd -> Handle, run whenever fd is readable
        self._writers = {}  # fd -> Handle, run whenever fd is writable
        self._ssock = None  # the self-pipe, made with the first reader or writer
        self._csock = None

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
            csock = self._csock
        if csock is not None:
            try:
                csock.send(b"\0")  # ends the loop's select()
            except OSError:
                pass  # full (a wake-up is pending anyway) or closed
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
        self._readers.clear()
        self._writers.clear()
        if self._ssock is not None:
            with self._wakeup:
                csock, self._csock = self._csock, None
            self._ssock.close()
            csock.close()
            self._ssock = None
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
        if self._readers or self._writers:
            self._select(timeout)
        else:
            with self._wakeup:
                if not self._threadsafe and timeout != 0:
                    self._wakeup.wait(timeout)
        with self._wakeup:
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

    # -- descriptors -------------------------------------------------------

    def _select(self, timeout):
        with self._wakeup:
            if self._threadsafe:
                timeout = 0
        wake = self._ssock.fileno()
        readable, writable, _ = _select.select(list(self._readers) + [wake], list(self._writers), [], timeout)
        for fd in readable:
            if fd == wake:
                try:
                    while self._ssock.recv(4096):
                        pass
                except OSError:
                    pass
                continue
            handle = self._readers.get(fd)
            if handle is not None and not handle._cancelled:
                self._ready.append(handle)
        for fd in writable:
            handle = self._writers.get(fd)
            if handle is not None and not handle._cancelled:
                self._ready.append(handle)

    def _ensure_self_pipe(self):
        if self._ssock is None:
            ssock, csock = _socket.socketpair()
            ssock.setblocking(False)
            csock.setblocking(False)
            self._ssock = ssock
            with self._wakeup:
                self._csock = csock

    def _watch(self, table, fd, callback, args):
        self._check_closed()
        self._ensure_self_pipe()
        fd = _fileobj_to_fd(fd)
        handle = Handle(callback, args, self)
        old = table.get(fd)
        table[fd] = handle
        if old is not None:
            old.cancel()
        return handle

    def _unwatch(self, table, fd, handle=None):
        fd = _fileobj_to_fd(fd)
        current = table.get(fd)
        if current is None or (handle is not None and current is not handle):
            return False
        del table[fd]
        current.cancel()
        return True

    def add_reader(self, fd, callback, *args):
        self._watch(self._readers, fd, callback, args)

    def remove_reader(self, fd):
        return self._unwatch(self._readers, fd)

    def add_writer(self, fd, callback, *args):
        self._watch(self._writers, fd, callback, args)

    def remove_writer(self, fd):
        return self._unwatch(self._writers, fd)

    # The sock_* coroutines take non-blocking sockets: each tries its call,
    # and on BlockingIOError waits for the descriptor and tries again.
    async def _when_ready(self, table, sock, attempt):
        fut = self.create_future()
        fd = sock.fileno()

        def retry():
            if fut.done():
                return
            try:
                result = attempt()
            except (BlockingIOError, InterruptedError):
                return
            except BaseException as exc:
                self._unwatch(table, fd, handle)
                fut.set_exception(exc)
            else:
                self._unwatch(table, fd, handle)
                fut.set_result(result)

        handle = self._watch(table, fd, retry, ())
        try:
            return await fut
        finally:
            self._unwatch(table, fd, handle)  # cancelled: stop watching

    async def sock_recv(self, sock, nbytes):
        try:
            return sock.recv(nbytes)
        except (BlockingIOError, InterruptedError):
            pass
        return await self._when_ready(self._readers, sock, lambda: sock.recv(nbytes))

    async def sock_sendall(self, sock, data):
        view = bytes(data)
        try:
            sent = sock.send(view)
        except (BlockingIOError, InterruptedError):
            sent = 0
        while sent < len(view):
            view = view[sent:]
            sent = await self._when_ready(self._writers, sock, lambda: sock.send(view))

    async def sock_accept(self, sock):
        try:
            return sock.accept()
        except (BlockingIOError, InterruptedError):
            pass
        return await self._when_ready(self._readers, sock, sock.accept)

    async def sock_connect(self, sock, address):
        try:
            sock.connect(address)
            return
        except (BlockingIOError, InterruptedError):
            pass

        def check():
            err = sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_ERROR)
            if err:
                # lockvm's OSError(errno, ...) does not pick the subclass itself.
                raise _CONNECT_ERRORS.get(err, OSError)(err, "Connect call failed %s" % (address,))

        await self._when_ready(self._writers, sock, check)

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
            "%s is not supported by lockvm's asyncio: use the sock_* methods or "
            "asyncio.open_connection()/start_server()" % what)

    def create_connection(self, *args, **kwargs):
        self._unsupported("loop.create_connection()")

    def create_server(self, *args, **kwargs):
        self._unsupported("loop.create_server()")

    def add_signal_handler(self, *args):
        self._unsupported("loop.add_signal_handler()")

    def subprocess_exec(self, *args, **kwargs):
        self._unsupported("loop.subprocess_exec()")


# connect()'s errors by errno (Linux numbering), as CPython's OSError picks them.
_CONNECT_ERRORS = {111: ConnectionRefusedError, 104: ConnectionResetError,
                   103: ConnectionAbortedError, 110: TimeoutError, 32: BrokenPipeError}


def _fileobj_to_fd(fileobj):
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError("Invalid file object: %r" % (fileobj,)) from None
    if fd < 0:
        raise ValueError("Invalid file descriptor: %s" % fd)
    return fd


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
