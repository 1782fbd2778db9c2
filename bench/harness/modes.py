"""The extra modes of bench/run: --threads, --startup and --icount."""
import math
import os
import re
import shutil
import statistics
import subprocess
import tempfile

from .measure import RunError, run_child
from .report import fmt_ratio
from .suite import (LUA, PROGRAMS, PYTHON, SIZES, THREAD_SIZES, check_checksums,
                    interpreters, run_interleaved, summarize)

# --threads ------------------------------------------------------------------


def run_threads(args, policy_names, counts, rounds, quick, failures, log=print):
    """Runs each threaded program at each thread count under every policy and
    python3, interleaved. Returns {prog: {size, checksum, runs, median, speedup}}
    where median and speedup are keyed interpreter -> thread count."""
    results = {}
    for prog, sizes in THREAD_SIZES.items():
        size = sizes[1 if quick else 0]
        jobs = {}
        for n in counts:
            for name, cmd in interpreters(args, policy_names, prog, [size, str(n)],
                                          with_lua=False).items():
                jobs[(name, n)] = cmd
        log(f"# {prog} {size}: threads {','.join(map(str, counts))}, "
            f"{len(jobs)} runs x {rounds} round(s)")
        runs = run_interleaved(jobs, rounds, failures)
        checksum = check_checksums(prog, runs, failures)
        median, speedup = {}, {}
        for (name, n), rs in runs.items():
            if rs:
                median.setdefault(name, {})[n] = summarize(rs)
        for name, per_n in median.items():
            one = per_n.get(counts[0])
            speedup[name] = {n: (one["time"] / m["time"] if one and m["time"] > 0 else None)
                             for n, m in per_n.items()}
        results[prog] = {
            "size": size,
            "checksum": checksum,
            "runs": {f"{name} {n}": [r.to_json() for r in rs] for (name, n), rs in runs.items()},
            "median": median,
            "speedup": speedup,
        }
    return results


def print_threads(results, counts, out=print):
    out(f"speed-up: the 1-thread time over the N-thread time (wall, the program's own timing); "
        f"cpu s is user+sys of the whole process")
    out(f"{'program':<18}{'interpreter':<12}{'threads':>8}{'wall s':>9}{'cpu s':>9}"
        f"{'rss MiB':>9}{'speed-up':>10}{'vs py':>8}")
    for prog, res in results.items():
        py = res["median"].get(PYTHON, {})
        for name, per_n in res["median"].items():
            for n, m in per_n.items():
                vs_py = py[n]["time"] / m["time"] if n in py and m["time"] > 0 else None
                out(f"{prog:<18}{name:<12}{n:>8}{m['time']:>9.3f}{m['cpu']:>9.3f}"
                    f"{m['maxrss_kib'] / 1024:>9.1f}{fmt_ratio(res['speedup'][name][n]):>10}"
                    f"{fmt_ratio(vs_py):>8}")


def markdown_threads(results, counts):
    head = " | ".join(f"{n} thr s | speed-up" for n in counts)
    lines = [f"| program | interpreter | {head} |",
             "|---|---|" + "--:|--:|" * len(counts)]
    for prog, res in results.items():
        for name, per_n in res["median"].items():
            cells = []
            for n in counts:
                if n in per_n:
                    cells.append(f"{per_n[n]['time']:.3f} | {fmt_ratio(res['speedup'][name][n])}")
                else:
                    cells.append("- | -")
            lines.append(f"| {prog} | {name} | {' | '.join(cells)} |")
    return "\n".join(lines)


# --startup ------------------------------------------------------------------


def startup_commands(args, policy_names):
    cmds = {p: [args.lockvm, f"--policy={p}", "-c", "pass"] for p in policy_names}
    cmds[PYTHON] = [args.python, "-c", "pass"]
    # CPython without `site` (no .pth files, no user site): its floor
    cmds[f"{PYTHON} -I -S"] = [args.python, "-I", "-S", "-c", "pass"]
    lua = shutil.which(LUA)
    if lua:
        cmds[LUA] = [lua, "-e", ""]
    return cmds


def run_startup(args, policy_names, rounds, failures, log=print):
    """Start-up: `-c pass` (lua: `-e ''`), interleaved rounds, median wall ms.
    Wall is measured around spawn and reap (not through GNU time, whose own
    start-up would count); one extra run each, through GNU time, gives the
    peak RSS. Returns {interp: {runs_ms, median_ms, min_ms, cpu_ms, maxrss_kib}}."""
    cmds = startup_commands(args, policy_names)
    log(f"# start-up: {len(cmds)} interpreters x {rounds} round(s)")
    times = {name: [] for name in cmds}
    cpus = {name: [] for name in cmds}
    broken = set()
    for _ in range(rounds):
        for name, cmd in cmds.items():
            if name in broken:
                continue
            try:
                r = run_child(cmd, parse=False, exact_rss=False)
            except (RunError, OSError) as e:
                failures.add(f"start-up {name}: {e}")
                broken.add(name)
                continue
            times[name].append(r.elapsed * 1000)
            cpus[name].append(r.cpu * 1000)
    results = {}
    for name, cmd in cmds.items():
        if not times[name]:
            continue
        try:
            rss = run_child(cmd, parse=False).maxrss_kib
        except (RunError, OSError) as e:
            failures.add(f"start-up {name}: {e}")
            rss = None
        results[name] = {"runs_ms": times[name], "median_ms": statistics.median(times[name]),
                         "min_ms": min(times[name]), "cpu_ms": statistics.median(cpus[name]),
                         "maxrss_kib": rss}
    return results


def print_startup(results, out=print):
    py = results.get(PYTHON, {}).get("median_ms")
    out("start-up: median wall ms of `-c pass` (lua: `-e ''`), spawn to reap; "
        "'of py' is the fraction of python3's (goal for lockvm: <= 0.33)")
    out(f"{'interpreter':<12}{'median ms':>10}{'min ms':>9}{'cpu ms':>9}{'rss MiB':>9}{'of py':>8}")
    for name, r in results.items():
        frac = f"{r['median_ms'] / py:.2f}" if py else "-"
        rss = f"{r['maxrss_kib'] / 1024:.1f}" if r["maxrss_kib"] else "-"
        out(f"{name:<12}{r['median_ms']:>10.2f}{r['min_ms']:>9.2f}{r['cpu_ms']:>9.2f}"
            f"{rss:>9}{frac:>8}")


def markdown_startup(results):
    py = results.get(PYTHON, {}).get("median_ms")
    lines = ["| interpreter | median ms | min ms | cpu ms | peak RSS MiB | fraction of python3 |",
             "|---|--:|--:|--:|--:|--:|"]
    for name, r in results.items():
        frac = f"{r['median_ms'] / py:.2f}" if py else "-"
        rss = f"{r['maxrss_kib'] / 1024:.1f}" if r["maxrss_kib"] else "-"
        lines.append(f"| {name} | {r['median_ms']:.2f} | {r['min_ms']:.2f} | "
                     f"{r['cpu_ms']:.2f} | {rss} | {frac} |")
    return "\n".join(lines)


# --icount -------------------------------------------------------------------


def icount_command(args, prog, policy, size):
    """The command line --icount runs under callgrind."""
    if prog in THREAD_SIZES:
        size_args = [size or THREAD_SIZES[prog][1], "1"]
    else:
        size_args = [size or SIZES[prog][1]]
    py_file = os.path.join(PROGRAMS, prog + ".py")
    if policy == PYTHON:
        return [args.python, py_file, *size_args]
    return [args.lockvm, f"--policy={policy}", py_file, *size_args]


def short_function(name):
    """`file:ret ns::f<T>(args) [object]` -> `file: ns::f<T>`, for reading."""
    name = re.sub(r"\s+\[[^\]]*\]$", "", name)          # the object file
    depth = 0
    for i in range(len(name) - 1, -1, -1):               # the argument list
        depth += {")": 1, "(": -1}.get(name[i], 0)
        if depth == 0 and name[i] == "(":
            name = name[:i]
            break
    file, sep, fn = name.partition(":")
    if sep and " " in fn and not fn.startswith("operator"):
        fn = fn.rsplit(" ", 1)[1] if fn.count("<") == fn.count(">") else fn
    return f"{file}: {fn}" if sep else name


def need_callgrind(option):
    """Raises RunError unless valgrind and callgrind_annotate are installed."""
    for tool in ("valgrind", "callgrind_annotate"):
        if not shutil.which(tool):
            raise RunError(f"{option} needs {tool}, which is not installed")


def callgrind(cmd, top):
    """Runs cmd under callgrind. Returns (stdout, total, [(ir, function)])."""
    with tempfile.TemporaryDirectory(prefix="bench-icount-") as tmp:
        data = os.path.join(tmp, "callgrind.out")
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={data}",
                               *cmd], capture_output=True, text=True, timeout=3600)
        if proc.returncode != 0:
            raise RunError(f"{' '.join(cmd)} under callgrind exited with {proc.returncode}:\n"
                           f"{proc.stderr[-2000:]}")
        annotated = subprocess.run(["callgrind_annotate", "--auto=no", "--threshold=100", data],
                                   capture_output=True, text=True, check=True).stdout
    total = None
    functions = []
    for line in annotated.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)", line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        if m.group(2).strip() == "PROGRAM TOTALS":
            total = ir
        else:
            functions.append((ir, m.group(2).strip()))
    return proc.stdout, total, functions[:top]


def run_icount(args, prog, policy, size=None, top=15, out=print):
    """Runs prog under valgrind --tool=callgrind, and `-c pass` likewise to
    tell start-up apart; prints the total instruction counts and the top
    functions. Returns {command, total, startup, top: [(ir, function)]}."""
    need_callgrind("--icount")
    cmd = icount_command(args, prog, policy, size)
    stdout, total, functions = callgrind(cmd, top)
    interpreter = cmd[:1] if policy == PYTHON else cmd[:2]   # the binary and --policy=
    startup_cmd = interpreter + ["-c", "pass"]
    _, startup, _ = callgrind(startup_cmd, 0)
    out(f"command: valgrind --tool=callgrind {' '.join(cmd)}")
    out(f"program output: {' '.join(stdout.split())}")
    out(f"total instructions:        {total:>15,}")
    out(f"start-up (`-c pass`):      {startup:>15,}")
    out(f"program minus start-up:    {total - startup:>15,}")
    out(f"top {len(functions)} functions (self instructions, % of total; file: function):")
    for ir, fn in functions:
        shown = short_function(fn)
        shown = shown if len(shown) <= 110 else shown[:107] + "..."
        out(f"{ir:>15,} {100 * ir / total:6.2f}%  {shown}")
    return {"command": cmd, "total": total, "startup": startup, "top": functions}


def run_icount_policies(args, policy_names, programs, out=print, markdown=False):
    """--icount-policies: every program (at its --quick size) under callgrind
    under every policy; prints the instructions beyond start-up under the
    first policy and how many more (or fewer) each other one executes, with
    the geometric mean. Instruction counts, unlike times, do not move with
    the machine's load or the code layout of a build. Returns
    {program: {policy: instructions beyond start-up}}."""
    need_callgrind("--icount-policies")
    startup = {p: callgrind([args.lockvm, f"--policy={p}", "-c", "pass"], 0)[1] for p in policy_names}
    counts = {}
    for prog in programs:
        counts[prog] = {}
        for p in policy_names:
            _, total, _ = callgrind(icount_command(args, prog, p, None), 0)
            counts[prog][p] = total - startup[p]
    base, others = policy_names[0], policy_names[1:]
    rows = [[prog, f"{c[base] / 1e6:.1f}"] + [f"{100 * (c[p] / c[base] - 1):+.1f} %" for p in others]
            for prog, c in counts.items()]
    logs = {p: [math.log(c[p] / c[base]) for c in counts.values()] for p in others}
    geo = [f"{100 * (math.exp(sum(v) / len(v)) - 1):+.1f} %" for v in logs.values()]
    header = ["program", f"{base} instructions (M)"] + others
    if markdown:
        out("| " + " | ".join(header) + " |")
        out("|---|" + "--:|" * (len(header) - 1))
        for r in rows:
            out("| " + " | ".join(r) + " |")
        out("| **geomean** | | " + " | ".join(f"**{g}**" for g in geo) + " |")
    else:
        out("  ".join(f"{h:>{22 if i == 1 else 14}}" for i, h in enumerate(header)))
        for r in rows + [["geomean", ""] + geo]:
            out("  ".join(f"{c:>{22 if i == 1 else 14}}" for i, c in enumerate(r)))
    return counts

