#!/usr/bin/env python3
"""The Python samples in samples/, each at a small size under every policy
built into lockvm: each must exit 0, print something, and leak nothing
(--check-leaks). Their figures are not checked: they are timings.

usage: test_samples.py path/to/lockvm path/to/samples
"""
import subprocess
import sys
from pathlib import Path

# Small sizes: the samples' defaults take seconds.
ARGS = {
    "asyncio_heartbeat.py": ["200000"],
    "convoy.py": ["0.2"],
    "convoy_asyncio.py": ["0.2"],
    "countdown_threads.py": ["200000"],
    "shared_counter.py": ["2000"],
    "shared_list.py": ["2000"],
}


def main():
    lockvm, samples = sys.argv[1], Path(sys.argv[2])
    policies = subprocess.run([lockvm, "--list-policies"], capture_output=True, text=True,
                              check=True).stdout.split()
    scripts = sorted(p for p in samples.glob("*.py"))
    failures = 0
    for script in scripts:
        for policy in policies:
            cmd = [lockvm, f"--policy={policy}", "--check-leaks", str(script)] + ARGS.get(script.name, [])
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
            ok = r.returncode == 0 and r.stdout.strip()
            print(f"{'ok  ' if ok else 'FAIL'} {script.name} [{policy}]")
            if not ok:
                failures += 1
                print(f"  exit {r.returncode}\n  stdout: {r.stdout[-500:]}\n  stderr: {r.stderr[-1500:]}")
    print(f"{len(scripts) * len(policies) - failures} passed, {failures} failed")
    return 1 if failures or not scripts else 0


if __name__ == "__main__":
    sys.exit(main())
