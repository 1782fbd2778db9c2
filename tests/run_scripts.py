#!/usr/bin/env python3
"""Differential script suite runner for lockvm.

Every program in tests/scripts/ is run once with CPython (the reference) and
once per locking policy with lockvm (always with --check-leaks).  A run passes
when, compared with the reference,

  * stdout is identical,
  * the last non-empty line of stderr is identical (so the final line of a
    traceback, e.g. ``ValueError: boom``, must match, the frames need not),
  * the exit status is identical,

and lockvm did not report leaked objects (``lockvm: N objects leaked`` and
exit status 70), which is reported as its own kind of failure.

Script headers (comment lines at the top of a script, before any code):

  # args: a b 'c d'          arguments passed to both interpreters (shlex)
  # expect-output: file.out  compare lockvm against this checked-in stdout
                             file (path relative to the script) instead of
                             running CPython; for lockvm-only features
  # expect-exit: N           with expect-output: expected exit status (0)
  # expect-stderr: TEXT      with expect-output: expected last stderr line
  # pending-policies: a b    under these policies the feature is not there
                             yet: lockvm must fail cleanly with a
                             NotImplementedError (exit 1, no leak, no crash);
                             reported as "pend", and as a failure once it
                             works (so the header gets removed)

Files named *_helper.py, and anything under tests/scripts/lib/, are modules
that scripts import; they are not tests.

Output: one line per script and policy (``ok`` or ``FAIL`` with details),
then a final line ``N passed, M failed``.  Exit status 0 iff nothing failed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS_DIR = HERE / "scripts"
DEFAULT_TIMEOUT = 60.0
LEAK_EXIT = 70
LEAK_RE = re.compile(r"^lockvm: (\d+) objects? leaked\s*$")
MAX_DIFF_LINES = 40
HEADER_RE = re.compile(r"^#\s*(args|expect-output|expect-exit|expect-stderr|pending-policies)\s*:\s?(.*?)\s*$")

# Environment variables passed through from the caller (sanitizer settings,
# so that an ASan/TSan build can be tuned from outside).  Everything else is
# fixed so that runs are reproducible.
PASSTHROUGH_ENV = (
    "PATH", "HOME", "TMPDIR",
    "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "MSAN_OPTIONS",
    "LOCKVM_DEBUG",
)


# The first line of a sanitizer's report. A report is kept whole in the
# failure details (up to SANITIZER_REPORT_LINES): its stack is the point, and
# a run that hangs while reporting leaves only the report's first lines.
SANITIZER_RE = re.compile(r"(ERROR|WARNING): \w*Sanitizer|runtime error: ")
SANITIZER_REPORT_LINES = 300


def sanitizer_report(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if SANITIZER_RE.search(line):
            return lines[i:i + SANITIZER_REPORT_LINES]
    return []


def fixed_env() -> dict[str, str]:
    env = {k: os.environ[k] for k in PASSTHROUGH_ENV if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.update({
        "PYTHONHASHSEED": "0",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        # Importing a sibling module must not write __pycache__ into the tree.
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "TERM": "dumb",
    })
    return env


# --------------------------------------------------------------------------
# Scripts


@dataclass
class Script:
    path: Path
    args: list[str] = field(default_factory=list)
    expect_output: Path | None = None
    expect_exit: int = 0
    expect_stderr: str = ""
    pending_policies: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def is_test_script(path: Path) -> bool:
    return path.suffix == ".py" and not path.name.endswith("_helper.py")


def discover(scripts_dir: Path = SCRIPTS_DIR) -> list[Path]:
    # Only the top level: tests/scripts/lib/ holds importable modules.
    return sorted(p for p in scripts_dir.glob("*.py") if is_test_script(p))


def parse_header(path: Path) -> Script:
    script = Script(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise SystemExit(f"run_scripts: cannot read {path}: {exc}")
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # headers live in the leading comment block only
        m = HEADER_RE.match(stripped)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if key == "args":
            script.args = shlex.split(value)
        elif key == "expect-output":
            script.expect_output = (path.parent / value).resolve()
        elif key == "expect-exit":
            script.expect_exit = int(value)
        elif key == "expect-stderr":
            script.expect_stderr = value
        elif key == "pending-policies":
            script.pending_policies = value.replace(",", " ").split()
    return script


def resolve_requested(names: list[str]) -> list[Path]:
    out = []
    for name in names:
        p = Path(name)
        candidates = [p] if p.suffix == ".py" else []
        candidates += [SCRIPTS_DIR / p.name, SCRIPTS_DIR / (p.name + ".py")]
        for c in candidates:
            if c.is_file():
                out.append(c.resolve())
                break
        else:
            raise SystemExit(f"run_scripts: no such script: {name}")
    return out


# --------------------------------------------------------------------------
# Running


@dataclass
class Result:
    stdout: str
    stderr: str
    status: int | None  # None: timed out
    error: str = ""     # could not start, timed out, ...

    @property
    def stderr_last(self) -> str:
        return last_line(self.stderr)


def last_line(text: str) -> str:
    for line in reversed(text.splitlines()):
        if line.strip():
            return line.rstrip()
    return ""


def run(cmd: list[str], cwd: Path, timeout: float) -> Result:
    try:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=fixed_env(), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,  # so that a timeout can kill the whole group
        )
    except OSError as exc:
        return Result("", "", None, f"cannot run {cmd[0]}: {exc}")
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        out, err = proc.communicate()
        return Result(decode(out), decode(err), None, f"timed out after {timeout:g} s")
    return Result(decode(out), decode(err), proc.returncode)


def decode(data) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    return data.decode("utf-8", errors="backslashreplace")


def reference(script: Script, python: str, timeout: float) -> Result:
    if script.expect_output is not None:
        try:
            text = script.expect_output.read_text(encoding="utf-8")
        except OSError as exc:
            return Result("", "", None, f"cannot read expected output: {exc}")
        return Result(text, script.expect_stderr + ("\n" if script.expect_stderr else ""),
                      script.expect_exit)
    return run([python, script.name, *script.args], script.path.parent, timeout)


def run_lockvm(script: Script, lockvm: str, policy: str, timeout: float) -> Result:
    cmd = [lockvm, f"--policy={policy}", "--check-leaks", script.name, *script.args]
    return run(cmd, script.path.parent, timeout)


def short_diff(expected: str, actual: str, what: str) -> list[str]:
    diff = list(difflib.unified_diff(
        expected.splitlines(), actual.splitlines(),
        fromfile=f"{what} (expected)", tofile=f"{what} (lockvm)", lineterm="", n=2))
    if len(diff) > MAX_DIFF_LINES:
        diff = diff[:MAX_DIFF_LINES] + [f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
    if not diff and expected != actual:
        # Same lines, different line endings / trailing newline.
        diff = [f"{what} differs only in trailing newline / line endings: "
                f"expected {expected[-20:]!r}, got {actual[-20:]!r}"]
    return diff


def compare(ref: Result, got: Result) -> tuple[list[str], list[str]]:
    """Compare a lockvm run with the reference.

    Returns (kinds, details): kinds is a short list of what went wrong
    ("stdout", "stderr", "exit status", "leaked", "timed out", ...), empty if
    the run passed; details are the lines that explain it.
    """
    if ref.error or ref.status is None:
        return ["reference failed"], [f"reference run failed: {ref.error or 'no status'}"]
    if got.error or got.status is None:
        details = [f"lockvm: {got.error}"]
        report = sanitizer_report(got.stderr)
        if report:
            details += ["sanitizer report: " + line for line in report]
        else:
            details += ["stderr tail: " + line for line in got.stderr.strip().splitlines()[-5:]]
        kind = "timed out" if "timed out" in got.error else "could not run"
        return [kind], details

    kinds: list[str] = []
    details: list[str] = []
    stderr_lines = got.stderr.splitlines()
    leak_lines = [l for l in stderr_lines if LEAK_RE.match(l.strip())]
    if got.status == LEAK_EXIT and leak_lines:
        kinds.append("leaked")
        details.append(f"leaked: {leak_lines[-1].strip()}")
        # Judge the rest of the run as if the leak report were not there; the
        # real exit status is hidden behind the leak status, so skip it.
        got_last = last_line("\n".join(l for l in stderr_lines if not LEAK_RE.match(l.strip())))
        got_status = None
    else:
        got_last = got.stderr_last
        got_status = got.status

    if ref.stdout != got.stdout:
        kinds.append("stdout")
        details.append("stdout differs:")
        details += ["  " + l for l in short_diff(ref.stdout, got.stdout, "stdout")]
    if ref.stderr_last != got_last:
        kinds.append("stderr")
        details.append("stderr last line differs:")
        details.append(f"  expected: {ref.stderr_last!r}")
        details.append(f"  lockvm:   {got_last!r}")
        report = sanitizer_report(got.stderr)
        tail = report or got.stderr.rstrip().splitlines()[-6:]
        if len(tail) > 1:
            details.append("  lockvm sanitizer report:" if report else "  lockvm stderr tail:")
            details += ["    " + l for l in tail]
    if got_status is not None and ref.status != got_status:
        kinds.append("exit status")
        signal_note = f" (killed by signal {-got_status})" if got_status < 0 else ""
        details.append(f"exit status differs: expected {ref.status}, lockvm {got_status}{signal_note}")
    return kinds, details


def compare_pending(got: Result) -> tuple[list[str], list[str]]:
    """A policy where the script's feature is pending: a clean NotImplementedError."""
    if got.error or got.status is None:
        return ["timed out" if "timed out" in got.error else "could not run"], [f"lockvm: {got.error}"]
    last = got.stderr_last
    if got.status == 1 and last.startswith("NotImplementedError"):
        return [], []
    if got.status == LEAK_EXIT:
        return ["leaked"], [f"leaked: {last}"]
    if got.status == 0:
        return ["pending but works"], ["exit 0: the feature works now; drop the pending-policies header"]
    return ["not a clean NotImplementedError"], [f"exit status {got.status}, last stderr line {last!r}"]


def warn_if_not_311(python: str) -> None:
    """The scripts' expected error messages are CPython 3.11's (Debian 12)."""
    try:
        out = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SystemExit(f"run_scripts: cannot run the reference interpreter {python!r}: {exc}")
    if out != "3.11":
        print(f"run_scripts: note: the reference is Python {out or '?'}; the suite expects "
              f"CPython 3.11's messages, so some differences may be the reference's", file=sys.stderr)


def list_policies(lockvm: str) -> list[str]:
    try:
        proc = subprocess.run([lockvm, "--list-policies"], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=30, env=fixed_env())
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SystemExit(f"run_scripts: cannot run {lockvm} --list-policies: {exc}")
    if proc.returncode != 0:
        raise SystemExit(f"run_scripts: {lockvm} --list-policies exited {proc.returncode}: "
                         f"{proc.stderr.strip()}")
    policies = [l.strip() for l in proc.stdout.splitlines() if l.strip()]
    if not policies:
        raise SystemExit(f"run_scripts: {lockvm} --list-policies printed no policy")
    return policies


# --------------------------------------------------------------------------
# Self-test: check the runner against stand-ins for lockvm that run CPython,
# one faithful and one deliberately wrong in known ways.

SHIM = r"""#!{python}
# Stand-in for lockvm written by run_scripts.py --self-test.
import os, signal, subprocess, sys, time
MODE = {mode!r}
args = []
for a in sys.argv[1:]:
    if a == "--list-policies":
        print("nolock")
        print("gil")
        sys.exit(0)
    if a.startswith("--policy=") or a == "--check-leaks":
        continue
    args.append(a)
script = args[0] if args else ""
if MODE == "good" or script not in ("arith_int.py", "err_uncaught_valueerror.py",
                                    "sys_exit_code.py", "list_ops.py", "gen_basic.py",
                                    "class_basic.py", "print_sep_end.py"):
    os.execv(sys.executable, [sys.executable] + args)
run = lambda: subprocess.run([sys.executable] + args, capture_output=True, text=True)
if script == "arith_int.py":          # one wrong number on stdout
    p = run()
    sys.stdout.write(p.stdout.replace("-12 -22 -85", "-13 -22 -85"))
    sys.stderr.write(p.stderr)
    sys.exit(p.returncode)
if script == "err_uncaught_valueerror.py":   # wrong last line of the traceback
    p = run()
    sys.stdout.write(p.stdout)
    sys.stderr.write("Traceback (most recent call last):\nValueError: bang\n")
    sys.exit(1)
if script == "sys_exit_code.py":      # wrong exit status
    p = run()
    sys.stdout.write(p.stdout)
    sys.exit(4)
if script == "list_ops.py":           # leak report
    p = run()
    sys.stdout.write(p.stdout)
    sys.stderr.write("lockvm: 3 objects leaked\n")
    sys.exit(70)
if script == "gen_basic.py":          # hangs
    time.sleep(60)
if script == "class_basic.py":        # crashes
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGSEGV)
if script == "print_sep_end.py":      # loses the final newline
    p = run()
    sys.stdout.write(p.stdout[:-1])
    sys.exit(p.returncode)
"""

SELF_TEST_EXPECT = {
    "arith_int.py": "stdout",
    "err_uncaught_valueerror.py": "stderr",
    "sys_exit_code.py": "exit status",
    "list_ops.py": "leaked",
    "gen_basic.py": "timed out",
    "class_basic.py": "exit status",
    "print_sep_end.py": "stdout",
}


def self_test() -> int:
    checks_passed = checks_failed = 0

    def check(ok: bool, what: str, output: str = "") -> None:
        nonlocal checks_passed, checks_failed
        if ok:
            checks_passed += 1
            print(f"ok   {what}")
        else:
            checks_failed += 1
            print(f"FAIL {what}")
            print(textwrap.indent(output[-3000:], "     | "))

    with tempfile.TemporaryDirectory(prefix="run_scripts_selftest_") as tmp:
        shims = {}
        for mode in ("good", "bad"):
            path = Path(tmp) / f"lockvm-{mode}"
            path.write_text(SHIM.format(python=sys.executable, mode=mode))
            path.chmod(0o755)
            shims[mode] = str(path)
        me = [sys.executable, str(Path(__file__).resolve())]
        names = sorted(SELF_TEST_EXPECT) + ["float_repr.py", "sys_argv.py"]

        good = subprocess.run(me + ["--lockvm", shims["good"], "-j", "4", *names],
                              capture_output=True, text=True)
        n = 2 * len(names)
        check(good.returncode == 0 and good.stdout.rstrip().endswith(f"{n} passed, 0 failed"),
              f"a faithful lockvm passes all {n} runs (policies from --list-policies)", good.stdout + good.stderr)

        bad = subprocess.run(me + ["--lockvm", shims["bad"], "--policies", "gil", "--timeout", "3",
                                   "-j", "4", *names], capture_output=True, text=True)
        check(bad.returncode == 1, "a wrong lockvm makes the runner exit 1", bad.stdout + bad.stderr)
        check(bad.stdout.rstrip().endswith(f"2 passed, {len(SELF_TEST_EXPECT)} failed"),
              "the summary line counts the failures", bad.stdout)
        for name, kind in SELF_TEST_EXPECT.items():
            line = next((l for l in bad.stdout.splitlines() if l.startswith(f"FAIL {name} [gil]")), "")
            check(kind in line.split(":", 1)[-1], f"{name}: reported as {kind!r}", bad.stdout)
        check("killed by signal 11" in bad.stdout, "a crash names the signal", bad.stdout)
        check("ok   float_repr.py [gil]" in bad.stdout, "untouched scripts still pass", bad.stdout)

        listed = subprocess.run(me + ["--list"], capture_output=True, text=True).stdout.split()
        check(len(listed) >= 90 and not any(n.endswith("_helper.py") for n in listed),
              f"--list shows {len(listed)} scripts and no helper module", "\n".join(listed))
    print(f"{checks_passed} passed, {checks_failed} failed")
    return 0 if checks_failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Run tests/scripts/*.py under CPython and lockvm and compare.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent("""\
            examples:
              tests/run_scripts.py --lockvm build/lockvm
              tests/run_scripts.py --lockvm build/lockvm --policies gil -j 1 str_methods
              tests/run_scripts.py --list"""))
    ap.add_argument("--lockvm", help="path to the lockvm binary")
    ap.add_argument("--python", default="python3", help="reference interpreter (python3)")
    ap.add_argument("--policies", default="all",
                    help="'all' (from lockvm --list-policies) or a comma list, e.g. nolock,gil")
    ap.add_argument("--filter", default="", help="only scripts whose name contains SUBSTR")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="parallel runs (default: number of cores)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help="seconds per run (default %(default)s)")
    ap.add_argument("--list", action="store_true", help="print the script names and exit")
    ap.add_argument("--self-test", action="store_true",
                    help="check the runner itself with stand-ins for lockvm (needs only python3)")
    ap.add_argument("scripts", nargs="*", help="script names (default: all)")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()

    paths = resolve_requested(args.scripts) if args.scripts else discover()
    if args.filter:
        paths = [p for p in paths if args.filter in p.name]

    if args.list:
        for p in paths:
            print(p.name)
        return 0

    if not args.lockvm:
        ap.error("--lockvm PATH is required (or --list)")
    lockvm = str(Path(args.lockvm).resolve()) if os.sep in args.lockvm else args.lockvm
    if not paths:
        print("run_scripts: no script selected", file=sys.stderr)
        print("0 passed, 0 failed")
        return 1

    if args.policies == "all":
        policies = list_policies(lockvm)
    else:
        policies = [p.strip() for p in args.policies.split(",") if p.strip()]
        if not policies:
            ap.error("--policies: empty list")

    scripts = [parse_header(p) for p in paths]
    jobs = max(1, args.jobs)
    if any(s.expect_output is None for s in scripts):
        warn_if_not_311(args.python)

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        # Submit script by script (reference first) so that results can be
        # reported in a stable order while the pool keeps working.
        refs, runs = {}, {}
        for i, s in enumerate(scripts):
            refs[i] = pool.submit(reference, s, args.python, args.timeout)
            for pol in policies:
                runs[(i, pol)] = pool.submit(run_lockvm, s, lockvm, pol, args.timeout)
        for i, s in enumerate(scripts):
            ref = refs[i].result()
            for pol in policies:
                got = runs[(i, pol)].result()
                pending = pol in s.pending_policies
                kinds, details = compare_pending(got) if pending else compare(ref, got)
                label = f"{s.name} [{pol}]"
                if not kinds:
                    passed += 1
                    print(f"{'pend' if pending else 'ok  '} {label}", flush=True)
                    continue
                failed += 1
                print(f"FAIL {label}: {', '.join(kinds)}")
                cmd = [lockvm, f"--policy={pol}", "--check-leaks", s.name, *s.args]
                print(f"     reproduce: (cd {shlex.quote(str(s.path.parent))} && {shlex.join(cmd)})")
                for line in details:
                    print("     " + line)
                sys.stdout.flush()

    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. `run_scripts.py --list | head`
        sys.stderr.close()
        sys.exit(1)
