"""multiprocessing.pool for lockvm: a pool of forked worker processes.

Unlike CPython's, the pool runs no helper threads in the parent: tasks go
to the workers through one pipe and results come back through another, and
whoever waits for a result (get(), map(), an imap iterator, a future of
concurrent.futures) reads the result pipe itself ("pumping"), handing each
result to the job it belongs to. At most two tasks per worker are in the
task pipe at a time (the rest wait in the parent), so neither pipe can fill
up while both sides wait for each other. While waiting, the parent checks
every 100 ms that its workers are alive: a worker that died (killed,
crashed) breaks the pool, and every pending job raises instead of hanging.
"""

import _multiprocessing as _mp
import _serialize
import multiprocessing as _mpm
from multiprocessing import TimeoutError

__all__ = ["Pool", "ThreadPool", "AsyncResult", "ApplyResult", "MapResult",
           "IMapIterator", "MaybeEncodingError"]

RUN = 0
CLOSE = 1
TERMINATE = 2
_MAP, _STARMAP, _APPLY = 0, 1, 2
_SLICE = 0.1   # how often a waiting parent looks at its workers (seconds)


class MaybeEncodingError(Exception):
    """A result (or an exception) a worker could not send back."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        Exception.__init__(self, self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


class BrokenPoolError(RuntimeError):
    pass


def _worker(task_r, rlock, result_w, wlock, initializer, initargs):
    """A worker's loop: read a task, run it, send the result back."""
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            with rlock:
                data = _mp.recv(task_r)
        except EOFError:
            break
        task = _serialize.loads(data)
        if task is None:
            break
        job, index, kind, func, chunk = task
        try:
            if kind == _MAP:
                value = (True, [func(x) for x in chunk])
            elif kind == _STARMAP:
                value = (True, [func(*x) for x in chunk])
            else:
                args, kwds = chunk
                value = (True, func(*args, **kwds))
        except Exception as e:
            value = (False, e)
        try:
            out = _serialize.dumps((job, index, value))
        except Exception as e:
            out = _serialize.dumps((job, index, (False, MaybeEncodingError(e, value[1]))))
        if len(out) + 4 <= 4096:
            _mp.send(result_w, out)
        else:
            with wlock:
                _mp.send(result_w, out)


class ApplyResult:
    def __init__(self, pool, callback=None, error_callback=None):
        self._pool = pool
        self._job = pool._new_job(self)
        self._callback = callback
        self._error_callback = error_callback
        self._ready = False
        self._success = None
        self._value = None

    def ready(self):
        return self._ready

    def successful(self):
        if not self._ready:
            raise ValueError("%r not ready" % self)
        return self._success

    def wait(self, timeout=None):
        self._pool._wait_for(self, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self._ready:
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, index, result):
        if self._ready:
            return
        ok, value = result
        self._success = ok
        self._value = value
        self._finish()

    def _finish(self):
        self._ready = True
        self._pool._jobs.pop(self._job, None)
        if self._success and self._callback is not None:
            self._callback(self._value)
        elif not self._success and self._error_callback is not None:
            self._error_callback(self._value)


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, nchunks, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._chunks = [None] * nchunks
        self._left = nchunks
        self._length = length
        if nchunks == 0:
            self._success = True
            self._value = []
            self._finish()

    def _set(self, index, result):
        if self._ready:
            return
        ok, value = result
        if not ok:
            self._success = False
            self._value = value
            self._finish()
            return
        self._chunks[index] = value
        self._left -= 1
        if self._left == 0:
            self._success = True
            self._value = [x for chunk in self._chunks for x in chunk]
            self._finish()


class IMapIterator:
    def __init__(self, pool, ordered):
        self._pool = pool
        self._job = pool._new_job(self)
        self._ordered = ordered
        self._results = {}      # index -> (ok, values), not yet yielded
        self._arrived = []      # unordered: indices in arrival order
        self._next_index = 0
        self._buffer = []
        self._nchunks = None
        self._ready = False

    def __iter__(self):
        return self

    def _set(self, index, result):
        self._results[index] = result
        self._arrived.append(index)

    def _take(self):
        """The next chunk's (ok, values), or None if it has not arrived."""
        if self._ordered:
            return self._results.pop(self._next_index, None)
        if not self._arrived:
            return None
        return self._results.pop(self._arrived.pop(0))

    def next(self, timeout=None):
        while not self._buffer:
            if self._next_index == self._nchunks:
                self._pool._jobs.pop(self._job, None)
                raise StopIteration
            result = self._take()
            if result is None and self._pool._broken is not None:
                self._pool._jobs.pop(self._job, None)
                raise self._pool._broken
            if result is None:
                if not self._pool._pump(timeout):
                    if timeout is not None:
                        raise TimeoutError
                continue
            self._next_index += 1
            ok, values = result
            if not ok:
                raise values
            self._buffer = list(values)
            self._buffer.reverse()
        return self._buffer.pop()

    __next__ = next


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Pool:
    """Pool(processes=None): `processes` forked workers (default: the core count)."""

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if processes is None:
            processes = _mpm.cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._state = RUN
        self._jobs = {}
        self._job_counter = 0
        self._outbox = []          # tasks not yet in the pipe
        self._in_flight = 0        # tasks in the pipe or running
        self._broken = None
        self._broken_error = BrokenPoolError
        task_r, self._task_w = _mp.pipe()
        self._result_r, result_w = _mp.pipe()
        rlock = _mpm.Lock()
        wlock = _mpm.Lock()
        self._pool = []
        for i in range(processes):
            w = _mpm.Process(target=self._run_worker,
                             args=(task_r, rlock, result_w, wlock, initializer, initargs),
                             daemon=True)
            w.name = w.name.replace("Process", "ForkPoolWorker")
            w.start()
            self._pool.append(w)
        # Only the workers keep the ends they use: the results pipe reports
        # EOF once every worker is gone, the task pipe once the parent closes it.
        _mp.close(task_r)
        _mp.close(result_w)
        self._rlock = rlock

    def _run_worker(self, task_r, rlock, result_w, wlock, initializer, initargs):
        _mp.close(self._task_w)
        _mp.close(self._result_r)
        _worker(task_r, rlock, result_w, wlock, initializer, initargs)

    def __repr__(self):
        state = ("RUN", "CLOSE", "TERMINATE")[self._state]
        return "<%s.%s state=%s pool_size=%d>" % (type(self).__module__, type(self).__name__,
                                                   state, len(self._pool))

    # ---- the parent's side of the pipes ----

    def _new_job(self, result):
        self._job_counter += 1
        self._jobs[self._job_counter] = result
        return self._job_counter

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _submit(self, task):
        self._outbox.append(_serialize.dumps(task))
        self._flush()

    def _flush(self):
        while self._outbox and self._in_flight < 2 * self._processes and self._broken is None:
            data = self._outbox.pop(0)
            _mp.send(self._task_w, data)
            if data != _NONE:
                self._in_flight += 1

    def _pump(self, timeout=None):
        """Receives one result and hands it to its job. False if none came
        within `timeout` (None: wait as long as it takes)."""
        if self._broken is not None:
            self._fail_all()
            return True
        import time
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = _SLICE
            if deadline is not None:
                wait = min(wait, max(0, deadline - time.monotonic()))
            try:
                data = _mp.recv(self._result_r, wait)
            except EOFError:
                data = None
                self._break("every worker of the pool has exited")
                return True
            if data is not None:
                break
            for w in self._pool:
                code = w._poll(0)
                if code is not None and (self._state == RUN or code != 0):
                    self._break("a worker of the pool (%s) exited unexpectedly with code %s"
                                % (w.name, code))
                    return True
            if deadline is not None and time.monotonic() >= deadline:
                return False
        job, index, result = _serialize.loads(data)
        self._in_flight -= 1
        self._flush()
        target = self._jobs.get(job)
        if target is not None:
            target._set(index, result)
        return True

    def _break(self, why):
        self._broken = self._broken_error(why)
        self._fail_all()

    def _fail_all(self):
        for job in list(self._jobs.values()):
            job._set(0, (False, self._broken))
        self._jobs.clear()

    def _wait_for(self, result, timeout=None):
        import time
        deadline = None if timeout is None else time.monotonic() + timeout
        while not result._ready:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return
            self._pump(left)

    # ---- the API ----

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._submit((result._job, 0, _APPLY, func, (tuple(args), dict(kwds))))
        return result

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _map_async(self, func, iterable, kind, chunksize, callback, error_callback):
        self._check_running()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if chunksize < 1:
            chunksize = 1
        chunks = list(_chunks(items, chunksize))
        result = MapResult(self, len(chunks), len(items), callback, error_callback)
        for i, chunk in enumerate(chunks):
            self._submit((result._job, i, kind, func, chunk))
        return result

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, _MAP, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, _STARMAP, chunksize, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        it = IMapIterator(self, ordered)
        n = 0
        for chunk in _chunks(list(iterable), chunksize):
            self._submit((it._job, n, _MAP, func, chunk))
            n += 1
        it._nchunks = n
        return it

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, False)

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            for _ in self._pool:
                self._outbox.append(_NONE)
            self._flush()

    def terminate(self):
        if self._state == TERMINATE:
            return
        self._state = TERMINATE
        self._outbox = []
        for w in self._pool:
            w.terminate()
        for w in self._pool:
            w.join()
        self._close_pipes()
        if self._jobs:
            self._broken = self._broken_error("the pool was terminated")
            self._fail_all()

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        # The sentinels are sent once the tasks before them are.
        while self._outbox and self._broken is None:
            self._pump(None)
        if self._broken is not None:
            # A broken pool's tasks (and sentinels) will never all be read:
            # its remaining workers are stopped instead of waited for.
            for w in self._pool:
                w.terminate()
        for w in self._pool:
            w.join()
        self._close_pipes()

    def _close_pipes(self):
        for fd in (self._task_w, self._result_r):
            if fd is not None:
                _mp.close(fd)
        self._task_w = self._result_r = None

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *args):
        self.terminate()


_NONE = _serialize.dumps(None)


class ThreadPool:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("multiprocessing.pool.ThreadPool is not supported by lockvm "
                                  "(use concurrent.futures.ThreadPoolExecutor)")
