"""Process-based parallelism, as CPython's multiprocessing (lockvm's own,
smaller implementation on top of _multiprocessing and _serialize).

Processes are started by fork() (the default, as on Linux) or spawn (a fresh
lockvm that re-imports the main script as __mp_main__). Values cross between
processes by _serialize, lockvm's small pickle. Queues, pipes, locks and
events are pipes underneath, so every wait is an ordinary blocking call: the
GIL is released, or only the waiting fiber is suspended. Value and Array live
in memory shared (MAP_SHARED) with the children forked after them.
"""

import _multiprocessing as _mp
import _serialize
import sys as _sys

__all__ = ["Process", "current_process", "parent_process", "active_children",
           "cpu_count", "get_start_method", "set_start_method",
           "get_all_start_methods", "get_context", "Queue", "SimpleQueue",
           "JoinableQueue", "Pipe", "Lock", "RLock", "Semaphore",
           "BoundedSemaphore", "Event", "Value", "Array", "Pool",
           "ProcessError", "TimeoutError", "AuthenticationError",
           "BufferTooShort"]

SIGTERM = 15
SIGKILL = 9


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


def cpu_count():
    return _mp.cpu_count()


# ---- start methods ------------------------------------------------------------

_start_method = None


def get_start_method(allow_none=False):
    global _start_method
    if _start_method is None:
        if allow_none:
            return None
        _start_method = "fork"
    return _start_method


def set_start_method(method, force=False):
    global _start_method
    if _start_method is not None and not force:
        raise RuntimeError("context has already been set")
    if method is not None and method not in ("fork", "spawn"):
        raise ValueError("cannot find context for %r" % (method,))
    _start_method = method


def get_all_start_methods():
    return ["fork", "spawn"]


class _Context:
    """What get_context() returns: the module's API with a fixed start method."""

    def __init__(self, method):
        self._method = method

    def get_start_method(self, allow_none=False):
        return self._method

    def Process(self, *args, **kwargs):
        p = Process(*args, **kwargs)
        p._start_method = self._method
        return p

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return Pool(processes, initializer, initargs, maxtasksperchild, self)

    def __getattr__(self, name):
        return globals()[name]


def get_context(method=None):
    if method is None:
        method = get_start_method()
    if method not in ("fork", "spawn"):
        raise ValueError("cannot find context for %r" % (method,))
    return _Context(method)


# ---- processes ------------------------------------------------------------------

_children = set()
_counter = 0


class _ParentProcess:
    def __init__(self, name, pid):
        self.name = name
        self.pid = pid
        self.ident = pid
        self.daemon = False

    def is_alive(self):
        return _mp.getppid() == self.pid

    def __repr__(self):
        return "<_ParentProcess name=%r parent=%s unknown>" % (self.name, self.pid)


class Process:
    """A child process running target(*args, **kwargs), or the run() method."""

    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, "group argument must be None for now"
        global _counter
        _counter += 1
        self._identity = _current_process._identity + (_counter,)
        self._parent_pid = _mp.getpid()
        self._parent_name = _current_process.name
        self._pid = None
        self._exitcode = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        if name is not None:
            self._name = name
        else:
            self._name = "Process-" + ":".join(str(i) for i in self._identity)
        self._daemonic = _current_process.daemon if daemon is None else bool(daemon)

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        assert self._pid is None, "cannot start a process twice"
        assert self._parent_pid == _mp.getpid(), \
            "can only start a process object created by current process"
        assert not _current_process._daemonic, \
            "daemonic processes are not allowed to have children"
        _cleanup()
        method = self._start_method or get_start_method()
        if method == "spawn":
            pid = _spawn_process(self)
        else:
            pid = _mp.fork()
            if pid == 0:
                self._bootstrap()  # never returns
        self._pid = pid
        # The parent no longer needs them (CPython drops them too).
        self._target = None
        self._args = ()
        self._kwargs = {}
        _children.add(self)

    def _bootstrap(self):
        """In the child: run, report an exception, exit with the code."""
        global _current_process, _children, _counter, _parent_process
        code = 1
        try:
            _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
            _current_process = self
            self._pid = _mp.getpid()
            self._parent_pid = _parent_process.pid
            _children = set()
            _counter = 0
            threading = _sys.modules.get("threading")
            if threading is not None:
                threading._after_fork()
            try:
                self.run()
                code = 0
            finally:
                _exit_function()
        except SystemExit as e:
            c = e.args[0] if e.args else None
            if c is None:
                code = 0
            elif isinstance(c, int):
                code = c
            else:
                _sys.stderr.write(str(c) + "\n")
                code = 1
        except BaseException as e:
            import _thread
            _sys.stderr.write("Process %s:\n" % self._name)
            _sys.stderr.write(_thread._format_exception(e))
            code = 1
        finally:
            threading = _sys.modules.get("threading")
            if threading is not None:
                try:
                    threading._shutdown()
                except BaseException:
                    pass
        _mp._exit(code)

    def _poll(self, timeout=0):
        if self._exitcode is None and self._pid is not None:
            self._exitcode = _mp.waitpid(self._pid, timeout)
        return self._exitcode

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == _mp.getpid(), "can only join a child process"
        assert self._pid is not None, "can only join a started process"
        if timeout is not None and timeout < 0:
            timeout = 0
        if self._poll(timeout) is not None:
            _children.discard(self)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == _mp.getpid(), "can only test a child process"
        if self._pid is None:
            return False
        if self._poll(0) is None:
            return True
        _children.discard(self)
        return False

    def _signal(self, sig):
        self._check_closed()
        if self._pid is not None and self._poll(0) is None:
            try:
                _mp.kill(self._pid, sig)
            except ProcessLookupError:
                pass

    def terminate(self):
        self._signal(SIGTERM)

    def kill(self):
        self._signal(SIGKILL)

    def close(self):
        if self._pid is not None and self._poll(0) is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        _children.discard(self)
        self._closed = True

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), "name must be a string"
        self._name = name

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        assert self._pid is None, "process has already started"
        self._daemonic = bool(daemonic)

    @property
    def exitcode(self):
        self._check_closed()
        if self._pid is None:
            return None
        return self._poll(0)

    @property
    def ident(self):
        self._check_closed()
        if self is _current_process:
            return _mp.getpid()
        return self._pid

    pid = ident

    @property
    def sentinel(self):
        raise NotImplementedError("Process.sentinel is not supported by lockvm")

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._pid is None:
            status = "initial"
        else:
            exitcode = self._poll(0)
            status = "started" if exitcode is None else "stopped"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._pid is not None:
            info.append("pid=%s" % self._pid)
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append("exitcode=%s" % exitcode)
        if self._daemonic:
            info.append("daemon")
        return "<%s>" % " ".join(info)


class _MainProcess(Process):
    def __init__(self):
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._pid = None
        self._exitcode = None
        self._closed = False
        self._daemonic = False
        self._target = None
        self._args = ()
        self._kwargs = {}

    def __repr__(self):
        return "<_MainProcess name='MainProcess' parent=None started>"


_current_process = _MainProcess()
_parent_process = None


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def _cleanup():
    for p in list(_children):
        if p._poll(0) is not None:
            _children.discard(p)


def active_children():
    _cleanup()
    return list(_children)


def _exit_function():
    """At exit (lockvm calls it after threading._shutdown): terminate the
    daemonic children, then wait for every child, so none is left behind."""
    for p in active_children():
        if p._daemonic:
            p.terminate()
    for p in active_children():
        p.join()


# ---- spawn ----------------------------------------------------------------------

def _spawn_process(process):
    """Starts a fresh lockvm that imports the main script as __mp_main__ and
    runs the process object it reads from a pipe."""
    main = _sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    r, w = _mp.pipe()
    code = "import multiprocessing; multiprocessing._spawn_main(%d, %r, %r)" % (
        r, path, _mp.getpid())
    pid = _mp.spawn(code, r)
    _mp.close(r)
    try:
        saved = process._pid
        process._pid = None
        _mp.send(w, _serialize.dumps(process))
        process._pid = saved
    finally:
        _mp.close(w)
    return pid


def _spawn_main(fd, path, parent_pid):
    if path is not None:
        _mp.run_main_as_mp_main(path)
    process = _serialize.loads(_mp.recv(fd))
    _mp.close(fd)
    process._parent_pid = parent_pid
    process._bootstrap()


# ---- synchronization (pipes as semaphores) -----------------------------------------

class _Pipe:
    """A pipe's two descriptors, closed with the object."""

    def __init__(self):
        self.r, self.w = _mp.pipe()

    def __del__(self):
        try:
            _mp.close(self.r)
            _mp.close(self.w)
        except Exception:
            pass


class Semaphore:
    """A counter shared with the children: the bytes in a pipe are its value."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._pipe = _Pipe()
        for _ in range(value):
            _mp.sem_release(self._pipe.w)

    def acquire(self, block=True, timeout=None):
        if not block:
            timeout = 0
        return _mp.sem_acquire(self._pipe.r, timeout)

    def release(self):
        _mp.sem_release(self._pipe.w)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    def __repr__(self):
        return "<%s(...)>" % type(self).__name__


class BoundedSemaphore(Semaphore):
    pass


class Lock(Semaphore):
    def __init__(self):
        Semaphore.__init__(self, 1)

    def __repr__(self):
        return "<Lock(owner=unknown)>"


class RLock:
    """A re-entrant lock across processes: owned by (pid, thread)."""

    def __init__(self):
        self._lock = Lock()
        self._owner = None
        self._count = 0

    def _me(self):
        import _thread
        return (_mp.getpid(), _thread.get_ident())

    def acquire(self, block=True, timeout=None):
        me = self._me()
        if self._owner == me:
            self._count += 1
            return True
        if not self._lock.acquire(block, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if self._owner != self._me():
            raise AssertionError("attempt to release recursive lock not owned by thread")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._lock.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()


class Event:
    """Set when its pipe holds a byte: wait() is a poll, so any number of
    processes can wait."""

    def __init__(self):
        self._pipe = _Pipe()

    def is_set(self):
        return _mp.poll(self._pipe.r, 0)

    def set(self):
        if not self.is_set():
            _mp.sem_release(self._pipe.w)

    def clear(self):
        _mp.drain(self._pipe.r)

    def wait(self, timeout=None):
        # None waits forever; a negative timeout is 0, as in CPython.
        return _mp.poll(self._pipe.r, timeout)


# ---- queues and pipes ------------------------------------------------------------

from queue import Empty, Full  # noqa: E402  (the exceptions CPython's queues raise)

_PIPE_BUF = 4096


class Connection:
    """One end of a Pipe(): send/recv of values, send_bytes/recv_bytes."""

    def __init__(self, rfd, wfd):
        self._r = rfd
        self._w = wfd
        self._closed = False

    def _check(self, fd, what):
        if self._closed:
            raise OSError("handle is closed")
        if fd is None:
            raise OSError("connection is %s-only" % what)

    def send_bytes(self, buf, offset=0, size=None):
        self._check(self._w, "read")
        buf = bytes(buf)
        if size is None:
            size = len(buf) - offset
        _mp.send(self._w, buf[offset:offset + size])

    def recv_bytes(self, maxlength=None):
        self._check(self._r, "write")
        return _mp.recv(self._r)

    def send(self, obj):
        self.send_bytes(_serialize.dumps(obj))

    def recv(self):
        return _serialize.loads(self.recv_bytes())

    def poll(self, timeout=0.0):
        self._check(self._r, "write")
        return _mp.poll(self._r, timeout)

    def fileno(self):
        return self._r if self._r is not None else self._w

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._r is not None

    @property
    def writable(self):
        return self._w is not None

    def close(self):
        if not self._closed:
            self._closed = True
            for fd in (self._r, self._w):
                if fd is not None:
                    _mp.close(fd)

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def Pipe(duplex=True):
    r1, w1 = _mp.pipe()
    if not duplex:
        return Connection(r1, None), Connection(None, w1)
    r2, w2 = _mp.pipe()
    return Connection(r1, w2), Connection(r2, w1)


class SimpleQueue:
    def __init__(self):
        self._pipe = _Pipe()
        self._rlock = Lock()
        self._wlock = Lock()
        self._closed = False

    def _put_bytes(self, data):
        if len(data) + 4 <= _PIPE_BUF:  # one atomic write: no lock needed
            _mp.send(self._pipe.w, data)
        else:
            with self._wlock:
                _mp.send(self._pipe.w, data)

    def put(self, obj):
        self._put_bytes(_serialize.dumps(obj))

    def get(self):
        with self._rlock:
            data = _mp.recv(self._pipe.r)
        return _serialize.loads(data)

    def empty(self):
        return not _mp.poll(self._pipe.r, 0)

    def close(self):
        self._closed = True


class Queue(SimpleQueue):
    def __init__(self, maxsize=0):
        SimpleQueue.__init__(self)
        self._maxsize = maxsize
        self._slots = BoundedSemaphore(maxsize) if maxsize > 0 else None

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if self._slots is not None and not self._slots.acquire(block, timeout):
            raise Full
        self._put_bytes(_serialize.dumps(obj))

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if not block:
            timeout = 0
        if timeout is None:
            with self._rlock:
                data = _mp.recv(self._pipe.r)
        else:
            import time
            deadline = time.monotonic() + timeout
            if not self._rlock.acquire(True, timeout):
                raise Empty
            try:
                data = _mp.recv(self._pipe.r, max(0, deadline - time.monotonic()))
            finally:
                self._rlock.release()
            if data is None:
                raise Empty
        if self._slots is not None:
            self._slots.release()
        return _serialize.loads(data)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        raise NotImplementedError("Queue.qsize() is not supported by lockvm")

    def full(self):
        return False if self._slots is None else not self._slots.acquire(False) or self._slots.release()

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class JoinableQueue(Queue):
    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished = Value("q", 0)
        self._all_done = Event()
        self._all_done.set()

    def put(self, obj, block=True, timeout=None):
        with self._unfinished.get_lock():
            self._unfinished.value += 1
            self._all_done.clear()
        Queue.put(self, obj, block, timeout)

    def task_done(self):
        with self._unfinished.get_lock():
            if self._unfinished.value <= 0:
                raise ValueError("task_done() called too many times")
            self._unfinished.value -= 1
            if self._unfinished.value == 0:
                self._all_done.set()

    def join(self):
        self._all_done.wait()


# ---- shared memory ----------------------------------------------------------------

_SIZES = {"b": 1, "B": 1, "c": 1, "h": 2, "H": 2, "i": 4, "I": 4, "f": 4,
          "l": 8, "L": 8, "q": 8, "Q": 8, "d": 8}
_CTYPE_NAMES = {"b": "c_byte", "B": "c_ubyte", "c": "c_char", "h": "c_short",
                "H": "c_ushort", "i": "c_int", "I": "c_uint", "f": "c_float",
                "l": "c_long", "L": "c_ulong", "q": "c_longlong",
                "Q": "c_ulonglong", "d": "c_double"}


def _typecode(t):
    if not isinstance(t, str) or t not in _SIZES:
        raise TypeError("lockvm's Value/Array take a typecode string (one of %s)"
                        % " ".join(sorted(_SIZES)))
    return t


def _make_lock(lock):
    if lock is True or lock is None:
        return RLock()
    if lock is False:
        return None
    return lock


class _Synchronized:
    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)


class _SharedValue(_Synchronized):
    def __init__(self, typecode, value, lock):
        self._code = _typecode(typecode)
        self._mem = _mp.SharedMemory(_SIZES[self._code])
        self._lock = _make_lock(lock)
        self.value = value

    @property
    def value(self):
        v = self._mem.get(self._code, 0)
        return bytes([v]) if self._code == "c" else v

    @value.setter
    def value(self, v):
        if self._code == "c":
            v = v[0] if isinstance(v, bytes) else v
        self._mem.set(self._code, 0, v)

    def __repr__(self):
        return "<Synchronized wrapper for %s(%r)>" % (_CTYPE_NAMES[self._code], self.value)


class _SharedArray(_Synchronized):
    def __init__(self, typecode, size_or_init, lock):
        self._code = _typecode(typecode)
        if isinstance(size_or_init, int):
            init = None
            n = size_or_init
        else:
            init = list(size_or_init)
            n = len(init)
        self._len = n
        self._mem = _mp.SharedMemory(_SIZES[self._code] * n)
        self._lock = _make_lock(lock)
        if init is not None:
            for i, v in enumerate(init):
                self[i] = v

    def __len__(self):
        return self._len

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(self._len)[i]]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("invalid index")
        return self._mem.get(self._code, i)

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            idx = range(self._len)[i]
            v = list(v)
            if len(v) != len(idx):
                raise ValueError("Can only assign sequence of same size")
            for j, x in zip(idx, v):
                self._mem.set(self._code, j, x)
            return
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("invalid index")
        self._mem.set(self._code, i, v)

    def __iter__(self):
        return iter(self[:])

    def __repr__(self):
        return "<SynchronizedArray wrapper for %s_Array_%d>" % (_CTYPE_NAMES[self._code], self._len)


def Value(typecode_or_type, *args, lock=True):
    return _SharedValue(typecode_or_type, args[0] if args else 0, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    return _SharedArray(typecode_or_type, size_or_initializer, lock)


def RawValue(typecode_or_type, *args):
    return _SharedValue(typecode_or_type, args[0] if args else 0, False)


def RawArray(typecode_or_type, size_or_initializer):
    return _SharedArray(typecode_or_type, size_or_initializer, False)


def freeze_support():
    pass


def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
    from multiprocessing.pool import Pool as _Pool
    return _Pool(processes, initializer, initargs, maxtasksperchild, context)
