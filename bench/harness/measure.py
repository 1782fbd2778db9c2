"""Runs one child process and measures it.

The child is started with subprocess.Popen and reaped with os.wait4, which
returns its resource usage: CPU time (user + sys) and peak resident set size
(ru_maxrss, KiB on Linux). Programs print `checksum X` and `time T`, T being
their own timing of the timed region (start-up excluded).

One catch: Linux starts a child's ru_maxrss at the resident size of the
process that forked it (the harness, ~14 MiB of CPython), so small programs
would all show the harness's size. When GNU time is installed, the child is
therefore started through `/usr/bin/time -f %M`, a ~2 MiB process, and the
peak RSS is the one it reports; CPU time still comes from wait4 (which counts
the waited-for grandchild). Without GNU time, ru_maxrss is a floor of the
harness's own size, and `rss_floor_kib` says how big that floor is."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass


def _find_gnu_time():
    path = "/usr/bin/time"
    try:
        ok = subprocess.run([path, "-f", "%M", "-o", os.devnull, "true"],
                            capture_output=True).returncode == 0
    except OSError:
        ok = False
    return path if ok else None


GNU_TIME = _find_gnu_time()


def rss_floor_kib():
    """The smallest peak RSS a measurement can show (0: measured exactly)."""
    if GNU_TIME:
        return 0
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class RunError(Exception):
    """A child failed: non-zero exit, a timeout, or missing output lines."""


@dataclass
class Run:
    checksum: str | None  # what the program printed after `checksum`
    time: float | None    # the program's own timing of its timed region, s
    elapsed: float        # wall time of the whole process, start-up included, s
    cpu: float            # user + sys CPU time of the child, s
    maxrss_kib: int       # peak resident set size of the child, KiB

    def to_json(self):
        return asdict(self)


def run_child(cmd, timeout=600, parse=True, exact_rss=True, retries=6):
    """run_child_once, but if the binary is missing or busy (being rebuilt
    under us: ENOENT, ETXTBSY), waits 10 s and tries again, `retries` times."""
    for attempt in range(retries + 1):
        try:
            if not os.path.exists(cmd[0]) and os.path.sep in cmd[0]:
                raise FileNotFoundError(errno.ENOENT, "no such file", cmd[0])
            return run_child_once(cmd, timeout, parse, exact_rss)
        except OSError as e:
            if e.errno not in (errno.ENOENT, errno.ETXTBSY) or attempt == retries:
                raise
            print(f"# {cmd[0]}: {e.strerror}; being rebuilt? retrying in 10 s", flush=True)
            time.sleep(10)


def run_child_once(cmd, timeout=600, parse=True, exact_rss=True):
    """Runs cmd, returns a Run. Raises RunError if it fails. With parse=False
    the output is not looked at (start-up runs print nothing). With
    exact_rss=False the child is not started through GNU time (whose own
    start-up, ~1 ms, would count in `elapsed`)."""
    rss_file = None
    full_cmd = cmd
    if GNU_TIME and exact_rss:
        rss_file = tempfile.NamedTemporaryFile(prefix="bench-rss-")
        full_cmd = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(full_cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
                                start_new_session=True)
        # On a timeout kill the whole group: the child may be GNU time's.
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        timer.start()
        try:
            out = proc.stdout.read()          # until the child closes stdout
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            proc.stdout.close()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        if proc.returncode != 0:
            err.seek(0)
            stderr = err.read().decode(errors="replace")[-2000:]
            if rss_file:
                rss_file.close()
            raise RunError(f"{' '.join(cmd)} exited with {proc.returncode}:\n{stderr}")
    maxrss = usage.ru_maxrss
    if rss_file:
        with rss_file:
            maxrss = int(rss_file.read().split()[-1])
    run = Run(None, None, elapsed, usage.ru_utime + usage.ru_stime, maxrss)
    if parse:
        fields = dict(line.split(" ", 1) for line in out.decode().splitlines() if " " in line)
        if "checksum" not in fields or "time" not in fields:
            raise RunError(f"{' '.join(cmd)} printed no checksum/time lines:\n{out.decode()[-500:]}")
        run.checksum = fields["checksum"]
        run.time = float(fields["time"])
    return run
