#!/usr/bin/env python3
"""The counters of `lockvm --stats-json` and `lockvm compare --json`.

Runs a small threaded script (a worker thread and the main thread read a
list of objects the main thread made, so brc sees updates by the owner and
by another thread) and checks what each policy reports:

- every policy: the script's output, wall and CPU time, exit status 0;
- gil: GIL acquisitions; objlocks: atomic reference-count updates;
- brc: owner (biased_fast) and shared (biased_shared) updates when counted,
  and no owner updates with --no-owner-counts (the timed runs of compare);
- compare --json: the four policies, a speed-up against nolock, and brc's
  owner updates (from its separate counting run).

usage: test_stats.py path/to/lockvm
"""
import json
import os
import subprocess
import sys
import tempfile

SCRIPT = """
import threading
shared = [object() for _ in range(200)]
def work():
    for _ in range(50):
        for x in shared:
            y = x
    shared.append(1)
t = threading.Thread(target=work)
t.start()
t.join()
for _ in range(50):
    for x in shared:
        y = x
total = 0
for i in range(10000):
    total += i
print("done", total, len(shared))
"""
EXPECTED = "done 49995000 201\n"

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run_stats(lockvm, script, policy, *extra):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        path = f.name
    try:
        p = subprocess.run([lockvm, "--policy=" + policy, "--stats-json=" + path, *extra, script],
                           capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, f"{policy} {extra}: exit status {p.returncode}: {p.stderr[-500:]}")
        check(p.stdout == EXPECTED, f"{policy} {extra}: output {p.stdout!r}")
        with open(path) as f:
            return json.load(f)
    finally:
        os.unlink(path)


def counters(stats):
    return {c["name"]: c["value"] for c in stats["counters"]} if isinstance(stats["counters"], list) \
        else stats["counters"]


def main():
    lockvm = sys.argv[1]
    policies = subprocess.run([lockvm, "--list-policies"], capture_output=True, text=True).stdout.split()
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "stats_script.py")
        with open(script, "w") as f:
            f.write(SCRIPT)
        for policy in policies:
            s = run_stats(lockvm, script, policy)
            c = counters(s)
            check(s["exit_status"] == 0, f"{policy}: exit_status {s['exit_status']}")
            check(s["wall_s"] > 0 and s["cpu_s"] > 0, f"{policy}: times {s['wall_s']} {s['cpu_s']}")
            if policy == "gil":
                check(c.get("gil_acquisitions", 0) > 0, f"gil: no acquisitions in {c}")
            if policy == "objlocks":
                check(c.get("atomic_increfs", 0) > 1000, f"objlocks: atomic_increfs in {c}")
            if policy == "brc":
                check(c.get("biased_fast", 0) > 10000, f"brc: biased_fast in {c}")
                check(c.get("biased_shared", 0) > 100, f"brc: biased_shared in {c}")
                u = counters(run_stats(lockvm, script, policy, "--no-owner-counts"))
                check(u.get("biased_fast", 0) == 0, f"brc --no-owner-counts: biased_fast in {u}")
                check(u.get("biased_shared", 0) > 100, f"brc --no-owner-counts: biased_shared in {u}")
        p = subprocess.run([lockvm, "compare", "--json", script], capture_output=True, text=True, timeout=300)
        check(p.returncode == 0, f"compare: exit status {p.returncode}: {p.stderr[-500:]}")
        table = json.loads(p.stdout)
        rows = {r["policy"]: r for r in table["policies"]}
        check(sorted(rows) == sorted(policies), f"compare: policies {sorted(rows)}")
        for name, r in rows.items():
            check("error" not in r, f"compare: {name}: {r.get('error')}")
            check(r.get("speedup_vs_nolock", 0) > 0, f"compare: {name}: speed-up {r.get('speedup_vs_nolock')}")
        if "brc" in rows:
            check(rows["brc"]["counters"].get("biased_fast", 0) > 10000,
                  f"compare: brc counters {rows['brc'].get('counters')}")
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
