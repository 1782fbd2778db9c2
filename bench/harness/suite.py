"""The programs, their sizes, the interpreters, and the interleaved runs."""
import os
import shutil
import statistics
import subprocess

from .measure import RunError, run_child

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(BENCH, "programs")

# program: (default size, --quick size). Default sizes run 0.5-3 s under CPython.
SIZES = {
    "countdown": ("100000000", "1000000"),
    "fib": ("33", "20"),  # fib(30) ran only ~0.14 s under CPython
    "nbody": ("200000", "1000"),
    "spectral_norm": ("400", "50"),
    "fannkuch": ("9", "7"),
    "richards": ("25", "2"),
    "deltablue": ("250", "2"),
    "nqueens": ("12", "6"),
    "raytrace": ("180", "12"),
    "generators": ("70", "2"),
    "strings": ("180", "2"),
    "sorting": ("50", "1"),
    "oop": ("100", "2"),
    "exceptions": ("360", "2"),
}

# Threaded variants, run by --threads with `size nthreads`: (default, --quick).
THREAD_SIZES = {
    "threads_countdown": ("40000000", "20000"),
    "threads_nbody": ("4000", "5"),
    "threads_dict": ("2500", "5"),
}

PYTHON = "python3"   # interpreter names used in tables, JSON and charts
LUA = "lua5.4"
LUAJIT = "luajit"


def policies(lockvm):
    """The policies built into the lockvm binary, in its order."""
    out = subprocess.run([lockvm, "--list-policies"], capture_output=True, text=True, check=True)
    return out.stdout.split()


def interpreters(args, policy_names, prog, size, with_lua=True):
    """name -> command line running `prog` at `size` (a list of arguments)."""
    py_file = os.path.join(PROGRAMS, prog + ".py")
    cmds = {p: [args.lockvm, f"--policy={p}", py_file, *size] for p in policy_names}
    cmds[PYTHON] = [args.python, py_file, *size]
    lua_file = os.path.join(PROGRAMS, prog + ".lua")
    if with_lua and os.path.exists(lua_file):
        for name in (LUA, LUAJIT):
            exe = shutil.which(name)
            if exe:
                cmds[name] = [exe, lua_file, *size]
    return cmds


# How the rounds of one interpreter are summarized: "median" (the default), or
# "min" (bench/run --stat min). On a shared machine noise only ever adds time,
# so the fastest of N runs estimates the undisturbed time best when the load
# is uneven; the reference figures of ../shared/reference are minimums.
STAT = "median"
STATS = {"median": statistics.median, "min": min}


def summarize(runs):
    """Medians (or, with STAT "min", minimums) of a list of Runs: time, cpu,
    elapsed; peak RSS is always the median."""
    stat = STATS[STAT]
    return {
        "time": stat([r.time for r in runs]),
        "cpu": stat([r.cpu for r in runs]),
        "elapsed": stat([r.elapsed for r in runs]),
        "maxrss_kib": statistics.median(r.maxrss_kib for r in runs),
    }


class Failures:
    """Collects failed runs and checksum disagreements; printed as they happen."""

    def __init__(self):
        self.messages = []

    def add(self, message):
        self.messages.append(message)
        print(f"FAIL {message}", flush=True)

    def __bool__(self):
        return bool(self.messages)


def run_interleaved(jobs, rounds, failures, progress=None):
    """jobs: key -> command. Runs every job once per round, the order rotated
    by one each round, so a noisy moment of the machine hits all of them
    alike. Returns key -> [Run]; a job that fails is reported and not run
    again."""
    runs = {key: [] for key in jobs}
    broken = set()
    order = list(jobs.items())
    for r in range(rounds):
        # Each round starts one job later, so that no interpreter always runs
        # first (just after the previous program's last job) or last.
        for key, cmd in order[r % len(order):] + order[:r % len(order)]:
            if key in broken:
                continue
            try:
                runs[key].append(run_child(cmd))
            except (RunError, OSError) as e:
                failures.add(f"{key}: {e}")
                broken.add(key)
        if progress:
            progress(r + 1, rounds)
    return runs


def check_checksums(label, runs, failures):
    """All runs of all interpreters must print the same checksum."""
    seen = {}
    for key, rs in runs.items():
        for r in rs:
            label_key = " ".join(map(str, key)) + " thr" if isinstance(key, tuple) else key
            seen.setdefault(r.checksum, set()).add(label_key)
    if len(seen) > 1:
        detail = "; ".join(f"{c!r} from {', '.join(sorted(k))}" for c, k in seen.items())
        failures.add(f"{label}: checksums differ: {detail}")
    return next(iter(seen), None)


def run_suite(args, policy_names, programs, rounds, quick, failures, log=print):
    """Runs the single-threaded suite. Returns {prog: {size, checksum, runs, median}}."""
    results = {}
    for prog in programs:
        size = SIZES[prog][1 if quick else 0]
        jobs = interpreters(args, policy_names, prog, [size])
        log(f"# {prog} {size}: {len(jobs)} interpreters x {rounds} round(s)")
        runs = run_interleaved(jobs, rounds, failures)
        checksum = check_checksums(prog, runs, failures)
        results[prog] = {
            "size": size,
            "checksum": checksum,
            "runs": {name: [r.to_json() for r in rs] for name, rs in runs.items() if rs},
            "median": {name: summarize(rs) for name, rs in runs.items() if rs},
        }
    return results
