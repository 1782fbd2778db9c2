"""concurrent.futures for lockvm: ThreadPoolExecutor and ProcessPoolExecutor.

A thread pool's futures are completed by its worker threads and waited for
on one condition variable. A process pool's futures are completed by
whoever waits for them: the executor is a multiprocessing.pool.Pool, which
runs no helper thread in the parent, so result(), as_completed() and wait()
read the pool's result pipe themselves ("pump" it) until their futures are
done.
"""

import threading as _threading
import time as _time

__all__ = ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED", "CancelledError",
           "TimeoutError", "BrokenExecutor", "Future", "Executor", "wait",
           "as_completed", "ThreadPoolExecutor", "ProcessPoolExecutor"]

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


class Error(Exception):
    pass


class CancelledError(Error):
    pass


TimeoutError = TimeoutError  # the built-in one, as in CPython 3.11


class InvalidStateError(Error):
    pass


class BrokenExecutor(RuntimeError):
    pass


class BrokenThreadPool(BrokenExecutor):
    pass


class BrokenProcessPool(BrokenExecutor):
    pass


# Every thread future's completion is announced here, so that a waiter on
# several futures sleeps on one condition.
_done = _threading.Condition()


class Future:
    def __init__(self):
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._pool = None  # a process pool that must be pumped to finish it

    def __repr__(self):
        if self._state == _FINISHED:
            if self._exception is not None:
                return "<Future at 0x%x state=finished raised %s>" % (
                    id(self), type(self._exception).__name__)
            return "<Future at 0x%x state=finished returned %s>" % (
                id(self), type(self._result).__name__)
        return "<Future at 0x%x state=%s>" % (id(self), self._state.lower())

    def cancel(self):
        with _done:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            _done.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def running(self):
        return self._state == _RUNNING

    def done(self):
        return self._state in (_CANCELLED, _FINISHED)

    def _wait(self, timeout):
        if self.done():
            return
        deadline = None if timeout is None else _time.monotonic() + timeout
        while not self.done():
            left = None if deadline is None else deadline - _time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError()
            if self._pool is not None:
                self._pool._pump(left)
            else:
                with _done:
                    if not self.done():
                        _done.wait(left)

    def result(self, timeout=None):
        self._wait(timeout)
        if self._state == _CANCELLED:
            raise CancelledError()
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        self._wait(timeout)
        if self._state == _CANCELLED:
            raise CancelledError()
        return self._exception

    def add_done_callback(self, fn):
        if not self.done():
            self._callbacks.append(fn)
            return
        try:
            fn(self)
        except Exception:
            pass

    def _invoke_callbacks(self):
        for fn in self._callbacks:
            try:
                fn(self)
            except Exception:
                pass

    def set_running_or_notify_cancel(self):
        with _done:
            if self._state == _CANCELLED:
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
        raise RuntimeError("Future in unexpected state")

    def _finish(self, result, exception):
        with _done:
            if self._state in (_CANCELLED, _FINISHED):
                if self._state == _FINISHED:
                    raise InvalidStateError("%s: %r" % (self._state, self))
                return
            self._result = result
            self._exception = exception
            self._state = _FINISHED
            _done.notify_all()
        self._invoke_callbacks()

    def set_result(self, result):
        self._finish(result, None)

    def set_exception(self, exception):
        self._finish(None, exception)


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __len__(self):
        return 2

    def __repr__(self):
        return "DoneAndNotDoneFutures(done=%r, not_done=%r)" % (self.done, self.not_done)


def _progress(pending, deadline):
    """Waits until at least one of `pending` may have finished (or the deadline)."""
    left = None if deadline is None else max(0, deadline - _time.monotonic())
    pools = {}
    threads = False
    for f in pending:
        if f._pool is not None:
            pools[id(f._pool)] = f._pool
        else:
            threads = True
    if pools and not threads and len(pools) == 1:
        for pool in pools.values():
            pool._pump(left)
        return
    for pool in pools.values():
        pool._pump(0)
    if pools:
        left = 0.005 if left is None else min(left, 0.005)
    with _done:
        if not any(f.done() for f in pending):
            _done.wait(left)


def as_completed(fs, timeout=None):
    deadline = None if timeout is None else _time.monotonic() + timeout
    fs = list(dict.fromkeys(fs))
    pending = []
    for f in fs:
        if f.done():
            yield f
        else:
            pending.append(f)
    while pending:
        if deadline is not None and _time.monotonic() >= deadline:
            raise TimeoutError("%d (of %d) futures unfinished" % (len(pending), len(fs)))
        _progress(pending, deadline)
        still = []
        for f in pending:
            if f.done():
                yield f
            else:
                still.append(f)
        pending = still


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    deadline = None if timeout is None else _time.monotonic() + timeout
    fs = set(fs)
    while True:
        done = set(f for f in fs if f.done())
        not_done = fs - done
        if not not_done:
            break
        if return_when == FIRST_COMPLETED and done:
            break
        if return_when == FIRST_EXCEPTION and any(
                not f.cancelled() and f._exception is not None for f in done):
            break
        if deadline is not None and _time.monotonic() >= deadline:
            break
        _progress(list(not_done), deadline)
    return DoneAndNotDoneFutures(done, not_done)


class Executor:
    def submit(self, fn, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        deadline = None if timeout is None else _time.monotonic() + timeout
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                fs.reverse()
                while fs:
                    f = fs.pop()
                    if deadline is None:
                        yield f.result()
                    else:
                        yield f.result(deadline - _time.monotonic())
            finally:
                for f in fs:
                    f.cancel()
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


class ThreadPoolExecutor(Executor):
    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        import _multiprocessing
        if max_workers is None:
            max_workers = min(32, _multiprocessing.cpu_count() + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        import queue
        self._max_workers = max_workers
        self._work = queue.SimpleQueue()
        self._idle = _threading.Semaphore(0)
        self._threads = set()
        self._shutdown = False
        self._lock = _threading.Lock()
        ThreadPoolExecutor._counter += 1
        self._prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % (ThreadPoolExecutor._counter - 1))
        self._initializer = initializer
        self._initargs = initargs
        self._broken = False

    def _worker(self):
        if self._initializer is not None:
            try:
                self._initializer(*self._initargs)
            except BaseException:
                self._broken = "A thread initializer failed, the thread pool is not usable anymore"
                return
        while True:
            item = self._work.get()
            if item is None:
                self._work.put(None)  # wake the next worker too
                return
            item.run()
            del item
            self._idle.release()

    def submit(self, fn, *args, **kwargs):
        with self._lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = Future()
            self._work.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle.acquire(timeout=0):
            return
        if len(self._threads) < self._max_workers:
            name = "%s_%d" % (self._prefix, len(self._threads))
            t = _threading.Thread(name=name, target=self._worker)
            t.start()
            self._threads.add(t)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work.get_nowait()
                    except Exception:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work.put(None)
        if wait:
            for t in list(self._threads):
                t.join()


class ProcessPoolExecutor(Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        import multiprocessing
        if max_workers is None:
            max_workers = multiprocessing.cpu_count()
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._context = mp_context
        self._initializer = initializer
        self._initargs = initargs
        self._pool = None
        self._shutdown = False

    def _get_pool(self):
        # Workers are forked at the first submit (CPython forks them then too).
        if self._pool is None:
            from multiprocessing.pool import Pool
            self._pool = Pool(self._max_workers, self._initializer, self._initargs)
            self._pool._broken_error = BrokenProcessPool
        return self._pool

    def submit(self, fn, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        pool = self._get_pool()
        if pool._broken is not None:
            raise BrokenProcessPool("A child process terminated abruptly, the process pool is "
                                    "not usable anymore")
        f = Future()
        f._pool = pool

        def ok(value):
            if f.set_running_or_notify_cancel():
                f.set_result(value)

        def failed(exc):
            if f._state == _PENDING:
                f._state = _RUNNING
            if f._state == _RUNNING:
                f.set_exception(exc)

        pool.apply_async(fn, args, kwargs, callback=ok, error_callback=failed)
        return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        pool = self._pool
        if pool is None:
            return
        pool.close()
        if wait:
            # Results still to come complete their futures first.
            while pool._jobs and pool._broken is None:
                pool._pump(None)
            pool.join()
