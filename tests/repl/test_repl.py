#!/usr/bin/env python3
"""Drive the lockvm REPL through a pseudo-terminal, as a person would.

usage: test_repl.py LOCKVM [--policy P] [--timeout S] [--term TERM] [-v]

Each check runs in a fresh interpreter on its own pseudo-terminal (HOME is a
temporary directory, so the history file goes there):

  * an expression echoes its repr            1+2 -> 3, 'a'*3 -> 'aaa'
  * a multi-line def with ... prompts        def f(x): / return x*2 / blank; f(21) -> 42
  * an error prints a traceback              1/0 -> ZeroDivisionError: division by zero
  * history recall with the up arrow         7*6, Up, Enter -> 42 twice
  * Ctrl-C interrupts a running loop         while True: pass, Ctrl-C -> KeyboardInterrupt
  * Ctrl-C discards a half-typed line        abc, Ctrl-C -> KeyboardInterrupt, fresh prompt
  * Ctrl-D at an empty prompt exits 0

Every step waits at most --timeout seconds (default 5) and a failure shows
what the screen had.  The last line is "N passed, M failed"; the exit status
is 0 iff every check passed.  No pexpect: only pty, os and select.

The same checks pass against CPython's own REPL, which is how the test was
validated:  test_repl.py /usr/bin/python3
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time

PROMPT = ">>> "
CONT = "... "
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"

# Terminal control sequences that line editors emit (cursor movement, colours,
# bracketed-paste switches, window titles...).  They are removed before the
# screen text is matched.
ANSI_RE = re.compile(
    r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]"      # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL or ST
    r"|\x1b[()*+][0-9A-Za-z]"              # charset selection
    r"|\x1b[=>78DEHMNOZc]"                 # two-byte sequences
)


class StepFailed(Exception):
    pass


def clean(raw: str) -> str:
    text = ANSI_RE.sub("", raw)
    return text.replace("\r", "").replace("\x07", "").replace("\x08", "")


class Session:
    """One interpreter on one pseudo-terminal."""

    def __init__(self, argv: list[str], env: dict[str, str], timeout: float, verbose: bool):
        self.timeout = timeout
        self.verbose = verbose
        self.raw = ""
        self.pos = 0  # how much of clean(self.raw) has been consumed
        self.eof = False
        self.status: int | None = None
        pid, fd = pty.fork()
        if pid == 0:  # child
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        # A generous window so that line editors do not wrap our short lines.
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))

    # -- output ------------------------------------------------------------
    @property
    def screen(self) -> str:
        return clean(self.raw)

    def _read_some(self, deadline: float) -> bool:
        """Read what is available before the deadline; False on timeout/EOF."""
        if self.eof:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], remaining)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            self.eof = True
            return False
        text = data.decode("utf-8", errors="replace")
        if self.verbose:
            sys.stderr.write(f"    [read] {text!r}\n")
        self.raw += text
        return True

    def expect(self, pattern: str, what: str, timeout: float | None = None) -> str:
        """Wait until `pattern` appears after the current position.

        Returns the text between the current position and the pattern and
        moves the position past the pattern."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            screen = self.screen
            i = screen.find(pattern, self.pos)
            if i >= 0:
                before = screen[self.pos:i]
                self.pos = i + len(pattern)
                return before
            if not self._read_some(deadline):
                why = "the interpreter exited" if self.eof else f"nothing after {timeout or self.timeout:g} s"
                raise StepFailed(f"waiting for {what} ({pattern!r}): {why}\n" + self.dump())

    def settle(self, seconds: float = 0.2) -> None:
        """Read whatever arrives in the next `seconds`."""
        deadline = time.monotonic() + seconds
        while self._read_some(deadline):
            pass

    def dump(self) -> str:
        screen = self.screen
        recent = screen[-1200:]
        lines = recent.split("\n")
        shown = "\n".join("      | " + line for line in lines)
        return f"    the screen had (last {len(recent)} of {len(screen)} characters, position {self.pos}):\n{shown}"

    # -- input -------------------------------------------------------------
    def send(self, keys: str) -> None:
        if self.verbose:
            sys.stderr.write(f"    [send] {keys!r}\n")
        os.write(self.fd, keys.encode("utf-8"))

    def line(self, text: str) -> None:
        self.send(text + ENTER)

    # -- process -----------------------------------------------------------
    def wait_exit(self, timeout: float | None = None) -> int | None:
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read_some(min(deadline, time.monotonic() + 0.05))
        return None

    def close(self) -> None:
        if self.status is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if not pid:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


# ---------------------------------------------------------------------------
# Helpers for the checks


def output_lines(chunk: str) -> list[str]:
    """Lines of a chunk of screen text, without the echoed input line."""
    lines = chunk.split("\n")
    return [l.rstrip() for l in lines[1:] if l.strip()]


def run_line(s: Session, text: str, next_prompt: str = PROMPT) -> list[str]:
    """Type a line and Enter; return the output lines up to the next prompt."""
    s.line(text)
    chunk = s.expect(next_prompt, f"the prompt after {text!r}")
    return output_lines(chunk)


def expect_result(s: Session, text: str, expected: str) -> None:
    lines = run_line(s, text)
    if expected not in lines:
        raise StepFailed(f"{text!r} should print {expected!r}, got {lines!r}\n" + s.dump())


# ---------------------------------------------------------------------------
# The checks


def check_expressions(s: Session) -> None:
    expect_result(s, "1+2", "3")
    expect_result(s, "'a'*3", "'aaa'")
    expect_result(s, "[x * x for x in range(4)]", "[0, 1, 4, 9]")
    lines = run_line(s, "x = 5")
    if lines:
        raise StepFailed(f"an assignment should print nothing, got {lines!r}\n" + s.dump())
    expect_result(s, "x * 2", "10")
    lines = run_line(s, "None")
    if lines:
        raise StepFailed(f"None should print nothing, got {lines!r}\n" + s.dump())
    expect_result(s, "print('hi')", "hi")


def check_multiline_def(s: Session) -> None:
    run_line(s, "def f(x):", CONT)
    run_line(s, "    return x*2", CONT)
    lines = run_line(s, "", PROMPT)
    if lines:
        raise StepFailed(f"defining f should print nothing, got {lines!r}\n" + s.dump())
    expect_result(s, "f(21)", "42")
    run_line(s, "for i in range(3):", CONT)
    run_line(s, "    print(i * 10)", CONT)
    lines = run_line(s, "", PROMPT)
    if lines != ["0", "10", "20"]:
        raise StepFailed(f"the for loop should print 0, 10, 20, got {lines!r}\n" + s.dump())


def check_error_traceback(s: Session) -> None:
    lines = run_line(s, "1/0")
    if not lines or lines[0] != "Traceback (most recent call last):":
        raise StepFailed(f"1/0 should start a traceback, got {lines!r}\n" + s.dump())
    if lines[-1] != "ZeroDivisionError: division by zero":
        raise StepFailed(f"the traceback should end in 'ZeroDivisionError: division by zero', got {lines!r}\n"
                         + s.dump())
    # The interpreter is still usable afterwards.
    expect_result(s, "2+2", "4")
    lines = run_line(s, "undefined_thing")
    if not lines or lines[-1] != "NameError: name 'undefined_thing' is not defined":
        raise StepFailed(f"a NameError should be reported, got {lines!r}\n" + s.dump())


def check_history(s: Session) -> None:
    expect_result(s, "7*6", "42")
    s.send(UP)
    # The recalled line is redrawn after the prompt.
    s.expect("7*6", "the recalled line '7*6' after the up arrow")
    s.settle(0.2)
    s.send(ENTER)
    chunk = s.expect(PROMPT, "the prompt after running the recalled line")
    lines = [l.strip() for l in chunk.split("\n") if l.strip()]
    if "42" not in lines:
        raise StepFailed(f"up arrow + Enter should run 7*6 again and print 42, got {lines!r}\n" + s.dump())
    if s.screen.count("\n42\n") < 2:
        raise StepFailed("42 should appear twice on the screen\n" + s.dump())


def check_ctrl_c_loop(s: Session) -> None:
    run_line(s, "while True: pass", CONT)
    s.line("")
    s.settle(0.5)  # let the loop spin
    s.send(CTRL_C)
    chunk = s.expect(PROMPT, "the prompt after Ctrl-C interrupted the loop")
    if "KeyboardInterrupt" not in chunk:
        raise StepFailed("Ctrl-C during a loop should print KeyboardInterrupt\n" + s.dump())
    expect_result(s, "'still alive'", "'still alive'")


def check_ctrl_c_partial_line(s: Session) -> None:
    s.send("abc")
    s.expect("abc", "the echo of the typed text 'abc'")
    s.settle(0.1)
    s.send(CTRL_C)
    chunk = s.expect(PROMPT, "a fresh prompt after Ctrl-C")
    if "KeyboardInterrupt" not in chunk:
        raise StepFailed("Ctrl-C with text typed should print KeyboardInterrupt\n" + s.dump())
    # The half-typed 'abc' must be gone: this would be a NameError otherwise.
    expect_result(s, "5*5", "25")


def check_ctrl_d_exits(s: Session) -> None:
    s.send(CTRL_D)
    status = s.wait_exit()
    if status is None:
        raise StepFailed("Ctrl-D at an empty prompt should exit\n" + s.dump())
    if status != 0:
        raise StepFailed(f"Ctrl-D should exit with status 0, got {status}\n" + s.dump())


CHECKS = [
    ("expressions echo their repr", check_expressions),
    ("multi-line def and for with ... prompts", check_multiline_def),
    ("an error prints a traceback and the prompt comes back", check_error_traceback),
    ("up arrow recalls the previous line", check_history),
    ("Ctrl-C interrupts a running loop", check_ctrl_c_loop),
    ("Ctrl-C discards a half-typed line", check_ctrl_c_partial_line),
    ("Ctrl-D at an empty prompt exits with status 0", check_ctrl_d_exits),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lockvm", help="the lockvm binary (or python3, to validate this test)")
    ap.add_argument("--policy", help="passed on as --policy=P")
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per step (default 5)")
    ap.add_argument("--start-timeout", type=float, default=15.0,
                    help="seconds to wait for the first prompt (default 15; sanitizer builds start slowly)")
    ap.add_argument("--term", default=os.environ.get("LOCKVM_REPL_TERM", "xterm"),
                    help="TERM for the interpreter (default xterm)")
    ap.add_argument("-v", "--verbose", action="store_true", help="log every read and write")
    ap.add_argument("-k", dest="only", default="", help="run only checks whose name contains this")
    args = ap.parse_args()

    exe = args.lockvm
    if os.sep not in exe:
        exe = shutil.which(exe) or exe
    argv = [exe] + ([f"--policy={args.policy}"] if args.policy else [])
    if os.path.basename(exe).startswith("python"):
        argv.append("-q")  # CPython: no banner (validation mode)

    home = tempfile.mkdtemp(prefix="lockvm-repl-home-")
    env = {
        "HOME": home,
        "TERM": args.term,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "COLUMNS": "200",
        "LINES": "40",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"):
        if key in os.environ:
            env[key] = os.environ[key]

    passed = failed = 0
    try:
        for name, check in CHECKS:
            if args.only and args.only not in name:
                continue
            s = Session(argv, env, args.timeout, args.verbose)
            try:
                s.expect(PROMPT, "the first prompt", timeout=args.start_timeout)
                check(s)
            except StepFailed as e:
                failed += 1
                print(f"FAIL {name}\n    {e}", flush=True)
            else:
                passed += 1
                print(f"ok   {name}", flush=True)
            finally:
                s.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
