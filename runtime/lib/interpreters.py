"""Isolated interpreters in one process, after PEP 734 (CPython 3.14's
concurrent.interpreters); lockvm's own implementation on _interpreters
(runtime/modules_interpreters.hpp).

Each interpreter has its own modules, objects and interpreter lock (its own
GIL under gil), so interpreters run bytecode in parallel under every policy.
Nothing is shared: values cross by copy, through lockvm's small pickle
(_serialize), and queues carry such copies between interpreters. An
interpreter runs its code on a worker OS thread of its own; the caller waits
for it with its own interpreter lock released.
"""

import _interpreters as _ii
import queue as _queue
import threading as _threading

__all__ = ["create", "list_all", "get_current", "get_main", "Interpreter",
           "create_queue", "Queue", "InterpreterError", "InterpreterNotFoundError",
           "ExecutionFailed", "QueueError", "QueueNotFoundError", "QueueEmpty",
           "QueueFull"]


class InterpreterError(Exception):
    """A sub-interpreter cannot do what was asked."""


class InterpreterNotFoundError(InterpreterError):
    """The interpreter does not exist (it was closed, or never created)."""


class _ExcType:
    def __init__(self, name, module):
        self.__name__ = name
        self.__qualname__ = name
        self.__module__ = module

    def __repr__(self):
        return f"<class '{self.__module__}.{self.__name__}'>"


class _ExcInfo:
    """What is known of an exception raised in another interpreter (only text:
    the exception object itself stays there)."""

    def __init__(self, type_name, module, msg, formatted, errdisplay):
        self.type = _ExcType(type_name, module)
        self.msg = msg
        self.formatted = formatted      # "TypeError: boom"
        self.errdisplay = errdisplay    # the whole traceback, as printed there

    def __str__(self):
        return self.formatted

    def __repr__(self):
        return f"ExceptionSnapshot(type={self.type.__name__}, msg={self.msg!r})"


class ExecutionFailed(InterpreterError):
    """An exception was not caught in the interpreter running exec() or call().
    `excinfo` describes it: type (__name__, __module__), msg, formatted
    ("TypeError: boom") and errdisplay (the remote traceback)."""

    def __init__(self, excinfo):
        InterpreterError.__init__(self, excinfo.formatted)
        self.excinfo = excinfo

    def __str__(self):
        return (f"{self.excinfo.formatted}\n\nUncaught in the interpreter:\n\n"
                f"{self.excinfo.errdisplay}").rstrip("\n")


_OK, _FAILED, _CLOSED, _RUNNING, _CURRENT, _MAIN, _UNKNOWN = range(7)


def _check(status, id, what):
    if status == _OK:
        return
    if status == _CLOSED:
        raise InterpreterNotFoundError(f"interpreter {id} has been closed")
    if status == _UNKNOWN:
        raise InterpreterNotFoundError(f"unrecognized interpreter ID {id}")
    if status == _RUNNING:
        if what == "close":
            raise InterpreterError("cannot close a running interpreter")
        raise InterpreterError("interpreter already running")
    if status == _CURRENT:
        raise InterpreterError(f"cannot {what} the current interpreter")
    if status == _MAIN:
        raise InterpreterError(f"cannot {what} the main interpreter")
    raise InterpreterError(f"interpreter {id}: status {status}")


def _not_found(id):
    _check(_CLOSED if _ii.was_created(id) else _UNKNOWN, id, "use")


def _result(reply, id):
    status, payload = reply
    if status == _FAILED:
        raise ExecutionFailed(_ExcInfo(*payload))
    _check(status, id, "run in")
    return payload


class Interpreter:
    """One interpreter, by id (0 is the main one)."""

    def __init__(self, id):
        if not isinstance(id, int) or isinstance(id, bool):
            raise TypeError(f"interpreter ID must be an int, got {type(id).__name__}")
        if id != 0 and id not in _ii.list_ids():
            _not_found(id)
        self._id = id

    @property
    def id(self):
        return self._id

    @property
    def whence(self):
        return "main" if self._id == 0 else "stdlib"

    def __repr__(self):
        return f"Interpreter({self._id})"

    def __eq__(self, other):
        return isinstance(other, Interpreter) and other._id == self._id

    def __hash__(self):
        return hash(("Interpreter", self._id))

    def __reduce__(self):
        return (Interpreter, (self._id,))

    def is_running(self):
        """True while exec() or call() runs code in it (always for the main one)."""
        r = _ii.is_running(self._id)
        if r is None:
            _not_found(self._id)
        return r

    def close(self):
        """Destroys the interpreter: its threads are joined, its objects freed.
        It cannot be used afterwards."""
        _check(_ii.destroy(self._id), self._id, "close")

    def prepare_main(self, ns=None, **kwargs):
        """Binds copies of the values in its __main__ module."""
        names = {}
        if ns is not None:
            names.update(ns)
        names.update(kwargs)
        _result(_ii.prepare_main(self._id, names), self._id)

    def exec(self, code):
        """Runs source code in its __main__ module; ExecutionFailed if it raises."""
        if not isinstance(code, str):
            if callable(code) or type(code).__name__ == "code":
                raise NotImplementedError("Interpreter.exec() of a function or code object "
                                          "(lockvm runs source text; use call() for a function)")
            raise TypeError(f"exec() code must be a str, not {type(code).__name__}")
        _result(_ii.exec(self._id, code), self._id)

    def call(self, callable, *args, **kwargs):
        """Calls callable(*args, **kwargs) in the interpreter and returns a copy
        of its result. The callable is sent by reference (module and name):
        a function of the main script is found by running the script there as
        __mp_main__ (so its `if __name__ == "__main__":` part does not run)."""
        return _result(_ii.call(self._id, callable, args, kwargs), self._id)

    def call_in_thread(self, callable, *args, **kwargs):
        """call() on a new thread of the calling interpreter; returns the started
        threading.Thread (the result is dropped: send it back through a Queue)."""
        t = _threading.Thread(target=self._call_discard, args=(callable, args, kwargs))
        t.start()
        return t

    def _call_discard(self, callable, args, kwargs):
        self.call(callable, *args, **kwargs)


def create():
    """A new, empty interpreter."""
    return Interpreter(_ii.create())


def list_all():
    """Every interpreter that exists, the main one first."""
    return [Interpreter(0)] + [Interpreter(i) for i in _ii.list_ids()]


def get_current():
    return Interpreter(_ii.current_id())


def get_main():
    return Interpreter(0)


# ---- queues -----------------------------------------------------------------------


class QueueError(InterpreterError):
    """A cross-interpreter queue failed."""


class QueueNotFoundError(QueueError):
    """No queue has this id (every Queue object of it is gone)."""


# lockvm has no multiple inheritance: these derive from queue.Empty and
# queue.Full only (CPython's also derive from QueueError).
class QueueEmpty(_queue.Empty):
    """get() found the queue empty (at the timeout)."""


class QueueFull(_queue.Full):
    """put() found the queue full (at the timeout)."""


def _timeout(timeout):
    if timeout is None:
        return -1
    if timeout < 0:
        raise ValueError("timeout value must be non-negative")
    return timeout


class Queue:
    """A FIFO queue of copied values, usable from every interpreter: a Queue
    sent to another interpreter (prepare_main, call arguments, another queue)
    is the same queue there. It exists while some interpreter has a Queue
    object for it."""

    def __init__(self, id):
        handle = _ii.queue_bind(id)
        if handle is None:
            raise QueueNotFoundError(f"queue {id} not found")
        self._handle = handle
        self._id = id

    @property
    def id(self):
        return self._id

    @property
    def maxsize(self):
        return _ii.queue_maxsize(self._handle)

    def __repr__(self):
        return f"interpreters.Queue({self._id})"

    def __eq__(self, other):
        return isinstance(other, Queue) and other._id == self._id

    def __hash__(self):
        return hash(("Queue", self._id))

    def __reduce__(self):
        return (Queue, (self._id,))

    def empty(self):
        return _ii.queue_size(self._handle) == 0

    def full(self):
        m = self.maxsize
        return m > 0 and _ii.queue_size(self._handle) >= m

    def qsize(self):
        return _ii.queue_size(self._handle)

    def put(self, obj, timeout=None, *, unbounditems=None):
        """Adds a copy of obj, waiting while the queue is full (QueueFull at the timeout)."""
        if unbounditems is not None:
            raise NotImplementedError("Queue.put(unbounditems=...)")
        if not _ii.queue_put(self._handle, _ii.dumps(obj), _timeout(timeout)):
            raise QueueFull("queue is full")

    def put_nowait(self, obj, *, unbounditems=None):
        if unbounditems is not None:
            raise NotImplementedError("Queue.put_nowait(unbounditems=...)")
        if not _ii.queue_put(self._handle, _ii.dumps(obj), 0):
            raise QueueFull("queue is full")

    def get(self, timeout=None):
        """Removes and returns the next value, waiting while the queue is empty
        (QueueEmpty at the timeout)."""
        data = _ii.queue_get(self._handle, _timeout(timeout))
        if data is None:
            raise QueueEmpty("queue is empty")
        return _ii.loads(data)

    def get_nowait(self):
        data = _ii.queue_get(self._handle, 0)
        if data is None:
            raise QueueEmpty("queue is empty")
        return _ii.loads(data)


def create_queue(maxsize=0, *, unbounditems=None):
    """A new queue (maxsize <= 0: unbounded)."""
    if unbounditems is not None:
        raise NotImplementedError("create_queue(unbounditems=...)")
    handle = _ii.queue_create(maxsize)
    q = Queue.__new__(Queue)
    q._handle = handle
    q._id = _ii.queue_id(handle)
    return q
