"""A small part of CPython's os module: the process calls multiprocessing
programs use (lockvm has no file-system or environment functions yet)."""

import _multiprocessing as _mp

name = "posix"
sep = "/"
linesep = "\n"
getpid = _mp.getpid
getppid = _mp.getppid
kill = _mp.kill
_exit = _mp._exit


def cpu_count():
    return _mp.cpu_count()


def fork():
    """The child continues from here with only the calling thread."""
    pid = _mp.fork()
    if pid == 0:
        import sys
        threading = sys.modules.get("threading")
        if threading is not None:
            threading._after_fork()
    return pid


def waitpid(pid, options):
    """waitpid(pid, 0) -> (pid, status); WNOHANG -> (0, 0) while it runs."""
    code = _mp.waitpid(pid, 0 if options & WNOHANG else None)
    if code is None:
        return (0, 0)
    return (pid, (-code) & 0x7f if code < 0 else (code & 0xff) << 8)


WNOHANG = 1


def waitstatus_to_exitcode(status):
    return -(status & 0x7f) if status & 0x7f else (status >> 8) & 0xff
