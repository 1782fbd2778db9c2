"""Asynchronous generators (PEP 525): `async def` functions that `yield`.

Calling one makes an async_generator around a generator that runs its frame
(vm/eval.hpp, make_async_generator). That frame hands out two kinds of
values: its own, from `yield` (ASYNC_GEN_WRAP marks them), and the futures
an `await` inside it passes up to the event loop. __anext__() and asend()
return an awaitable that resumes the frame: a value of the generator ends
the await with that value (StopIteration), an await's future goes on up to
the task, and the generator's end is StopAsyncIteration. athrow() and
aclose() do the same with an exception thrown in. The state machine is
CPython's Objects/genobject.c (async_gen_asend_send, async_gen_athrow_send).

Not here: the finalizer hooks (sys.set_asyncgen_hooks) that let an event
loop close an async generator that is dropped unfinished.
"""

_INIT = 0
_ITER = 1
_CLOSED = 2


class async_generator:
    def __init__(self, gen):
        self._gen = gen                 # the generator running the frame
        self._running_async = False     # an asend()/athrow() is under way
        self._closed = False            # finished, or aclose() began
        self._finished = False          # the frame has completed
        self.__name__ = gen.__name__
        self.__qualname__ = gen.__qualname__

    def __repr__(self):
        return "<async_generator object %s at 0x%x>" % (self.__qualname__, id(self))

    @property
    def ag_running(self):
        return self._running_async

    def __aiter__(self):
        return self

    def __anext__(self):
        return async_generator_asend(self, None)

    def asend(self, value):
        return async_generator_asend(self, value)

    def athrow(self, typ, val=None, tb=None):
        return async_generator_athrow(self, _exception(typ, val))

    def aclose(self):
        return async_generator_athrow(self, None)

    # One step of the frame, as (wrapped, value). An exception out of the
    # frame completed it; the generator's end becomes StopAsyncIteration.
    def _step(self, value, exc):
        try:
            if exc is None:
                return self._gen._ag_send(value)
            return self._gen._ag_throw(exc)
        except StopIteration:
            self._finished = True
            self._closed = True
            self._running_async = False
            raise StopAsyncIteration from None
        except BaseException as e:
            self._finished = True
            if isinstance(e, (StopAsyncIteration, GeneratorExit)):
                self._closed = True
            self._running_async = False
            raise


def _exception(typ, val):
    if isinstance(typ, BaseException):
        return typ
    if isinstance(typ, type) and issubclass(typ, BaseException):
        if isinstance(val, typ):
            return val
        return typ() if val is None else typ(val)
    raise TypeError("exceptions must be classes deriving BaseException or instances of such a class")


class _Awaitable:
    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)


class async_generator_asend(_Awaitable):
    def __init__(self, agen, value):
        self._agen = agen
        self._value = value
        self._state = _INIT

    def __next__(self):
        return self._resume(None, None)

    def send(self, value):
        return self._resume(value, None)

    def throw(self, typ, val=None, tb=None):
        if self._state == _CLOSED:
            raise RuntimeError("cannot reuse already awaited __anext__()/asend()")
        return self._resume(None, _exception(typ, val))

    def close(self):
        self._state = _CLOSED

    def _resume(self, value, exc):
        agen = self._agen
        if self._state == _CLOSED:
            raise RuntimeError("cannot reuse already awaited __anext__()/asend()")
        if self._state == _INIT:
            if agen._running_async:
                self._state = _CLOSED
                raise RuntimeError("anext(): asynchronous generator is already running")
            if agen._closed:
                self._state = _CLOSED
                raise StopAsyncIteration
            if value is None:
                value = self._value
            self._state = _ITER
            agen._running_async = True
        try:
            wrapped, result = agen._step(value, exc)
        except BaseException:
            self._state = _CLOSED
            raise
        if wrapped:
            self._state = _CLOSED
            agen._running_async = False
            raise StopIteration(result)
        return result


class async_generator_athrow(_Awaitable):
    def __init__(self, agen, exc):
        self._agen = agen
        self._exc = exc  # None: aclose()
        self._state = _INIT

    def send(self, value):
        return self._resume(value, None)

    def throw(self, typ, val=None, tb=None):
        return self._resume(None, _exception(typ, val))

    def close(self):
        self._state = _CLOSED

    def _resume(self, value, exc):
        agen = self._agen
        closing = self._exc is None
        if self._state == _CLOSED:
            raise RuntimeError("cannot reuse already awaited aclose()/athrow()")
        if agen._finished:
            self._state = _CLOSED
            raise StopIteration
        if self._state == _INIT:
            if agen._running_async:
                self._state = _CLOSED
                raise RuntimeError("aclose(): asynchronous generator is already running" if closing
                                   else "athrow(): asynchronous generator is already running")
            if agen._closed:
                self._state = _CLOSED
                raise StopAsyncIteration
            if value is not None:
                raise RuntimeError("can't send non-None value to a just-started coroutine")
            self._state = _ITER
            agen._running_async = True
            if closing:
                agen._closed = True
                exc = GeneratorExit()
            else:
                exc = self._exc
        try:
            wrapped, result = agen._step(value, exc)
        except (StopAsyncIteration, GeneratorExit):
            self._state = _CLOSED
            if closing:
                raise StopIteration from None
            raise
        except BaseException:
            self._state = _CLOSED
            raise
        if wrapped:
            self._state = _CLOSED
            agen._running_async = False
            if closing:
                raise RuntimeError("async generator ignored GeneratorExit")
            raise StopIteration(result)
        return result
