"""Ratios, geometric means and the printed tables.

A ratio "vs X" is X's median time divided by this interpreter's: > 1 means
faster than X. Wall ratios use the program's own `time` (start-up excluded);
CPU ratios use the child's user+sys time (start-up included)."""
import math

from .suite import LUA, PYTHON

NOLOCK = "nolock"


def ratio(base, mine):
    if base is None or mine is None or mine <= 0:
        return None
    return base / mine


def geomean(values):
    values = [v for v in values if v]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def ratios(results):
    """{prog: {interp: {vs_python, vs_nolock, vs_lua, cpu_vs_python}}}."""
    out = {}
    for prog, res in results.items():
        med = res["median"]

        def base(name, key):
            return med[name][key] if name in med else None

        out[prog] = {
            name: {
                "vs_python": ratio(base(PYTHON, "time"), m["time"]),
                "vs_nolock": ratio(base(NOLOCK, "time"), m["time"]),
                # Lua's programs time themselves with os.clock(), CPU time (the
                # only sub-second clock of standard Lua): against Lua, CPU time
                # on both sides, or a loaded machine would favour Lua.
                "vs_lua": ratio(base(LUA, "cpu"), m["cpu"]),
                "cpu_vs_python": ratio(base(PYTHON, "cpu"), m["cpu"]),
                "cpu_vs_nolock": ratio(base(NOLOCK, "cpu"), m["cpu"]),
            }
            for name, m in med.items()
        }
    return out


def geomeans(rats):
    """{interp: {key: geometric mean over the programs where both ran, n_lua}}."""
    names = []
    for per_prog in rats.values():
        names += [n for n in per_prog if n not in names]
    out = {}
    for name in names:
        rows = [per_prog[name] for per_prog in rats.values() if name in per_prog]
        out[name] = {key: geomean([r[key] for r in rows])
                     for key in ("vs_python", "vs_nolock", "vs_lua", "cpu_vs_python",
                                 "cpu_vs_nolock")}
        out[name]["programs"] = len(rows)
        out[name]["programs_with_lua"] = sum(1 for r in rows if r["vs_lua"])
    return out


def fmt_ratio(r):
    return f"{r:.2f}x" if r else "-"


COLUMNS = (f"{'program':<18}{'interpreter':<12}{'wall s':>9}{'cpu s':>9}{'rss MiB':>9}"
           f"{'vs py':>8}{'vs nolock':>10}{'lua cpu':>8}{'cpu vs py':>10}")


def print_table(results, rats, out=print):
    out(COLUMNS)
    for prog, res in results.items():
        for name, m in res["median"].items():
            r = rats[prog][name]
            out(f"{prog:<18}{name:<12}{m['time']:>9.3f}{m['cpu']:>9.3f}"
                f"{m['maxrss_kib'] / 1024:>9.1f}{fmt_ratio(r['vs_python']):>8}"
                f"{fmt_ratio(r['vs_nolock']):>10}{fmt_ratio(r['vs_lua']):>8}"
                f"{fmt_ratio(r['cpu_vs_python']):>10}")


def print_geomeans(geo, out=print):
    out("geometric mean of the ratios (> 1: faster than that interpreter):")
    out(f"{'interpreter':<12}{'vs py':>8}{'vs nolock':>10}{'lua cpu':>8}{'cpu vs py':>10}"
        f"{'cpu vs nolock':>14}{'programs':>10}{'with lua':>10}")
    for name, g in geo.items():
        out(f"{name:<12}{fmt_ratio(g['vs_python']):>8}{fmt_ratio(g['vs_nolock']):>10}"
            f"{fmt_ratio(g['vs_lua']):>8}{fmt_ratio(g['cpu_vs_python']):>10}"
            f"{fmt_ratio(g['cpu_vs_nolock']):>14}{g['programs']:>10}{g['programs_with_lua']:>10}")


def markdown_table(results, rats):
    """The same table as print_table, as Markdown (for docs/performance.md)."""
    lines = ["| program | interpreter | wall s | cpu s | peak RSS MiB | vs python3 | vs nolock "
             "| vs lua5.4 (cpu) | cpu vs python3 |", "|---|---|--:|--:|--:|--:|--:|--:|--:|"]
    for prog, res in results.items():
        for name, m in res["median"].items():
            r = rats[prog][name]
            lines.append(f"| {prog} | {name} | {m['time']:.3f} | {m['cpu']:.3f} | "
                         f"{m['maxrss_kib'] / 1024:.1f} | {fmt_ratio(r['vs_python'])} | "
                         f"{fmt_ratio(r['vs_nolock'])} | {fmt_ratio(r['vs_lua'])} | "
                         f"{fmt_ratio(r['cpu_vs_python'])} |")
    return "\n".join(lines)


def markdown_matrix(results, rats, geo, key):
    """One row per program, one column per interpreter but the baseline: the
    ratio `key` (vs_python, cpu_vs_nolock, ...), the baseline's median seconds
    first, and a geomean row."""
    baseline = NOLOCK if key.endswith("nolock") else PYTHON
    names = [n for n in geo if n != baseline and (baseline == PYTHON or n != PYTHON)]
    if baseline == NOLOCK:
        names = [n for n in names if n not in (LUA, "luajit")]
    seconds = "cpu s" if key.startswith("cpu") else "wall s"
    field = "cpu" if key.startswith("cpu") else "time"
    lines = [f"| program | {baseline} {seconds} | " + " | ".join(names) + " |",
             "|---|--:|" + "--:|" * len(names)]
    for prog, res in results.items():
        py = res["median"].get(baseline)
        cells = [fmt_ratio(rats[prog][n][key]) if n in rats[prog] else "" for n in names]
        lines.append(f"| {prog} | {py[field]:.3f} | " if py else f"| {prog} | - | ")
        lines[-1] += " | ".join(cells) + " |"
    lines.append("| **geomean** | | " + " | ".join(f"**{fmt_ratio(geo[n][key])}**"
                                                     for n in names) + " |")
    return "\n".join(lines)


def markdown_rss(results, geo):
    """Peak RSS in MiB, one row per program, one column per interpreter."""
    names = list(geo)
    lines = ["| program | " + " | ".join(names) + " |", "|---|" + "--:|" * len(names)]
    for prog, res in results.items():
        med = res["median"]
        cells = [f"{med[n]['maxrss_kib'] / 1024:.1f}" if n in med else "" for n in names]
        lines.append(f"| {prog} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown_geomeans(geo):
    lines = ["| interpreter | vs python3 | vs nolock | vs lua5.4, cpu (programs) | cpu vs python3 "
             "| cpu vs nolock | programs |", "|---|--:|--:|--:|--:|--:|--:|"]
    for name, g in geo.items():
        lines.append(f"| {name} | {fmt_ratio(g['vs_python'])} | {fmt_ratio(g['vs_nolock'])} | "
                     f"{fmt_ratio(g['vs_lua'])} ({g['programs_with_lua']}) | "
                     f"{fmt_ratio(g['cpu_vs_python'])} | {fmt_ratio(g['cpu_vs_nolock'])} | "
                     f"{g['programs']} |")
    return "\n".join(lines)
