"""A self-contained SVG grouped bar chart, written by hand (no libraries).

Bars grow up or down from a reference line (1.0: as fast as the baseline) on
a log2 scale, so 2x faster and 2x slower are the same height. Each bar has a
<title> tooltip with its value."""
import math
from html import escape

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def bar_chart(title, groups, series, ylabel, reference=1.0, subtitle=""):
    """groups: [(label, {series_name: value or None})]; series: names in order.
    Returns the SVG document as a string."""
    bar_w, gap, left, right, top, bottom = 11, 14, 64, 90, 70, 120
    group_w = bar_w * len(series) + gap
    plot_w = group_w * len(groups)
    plot_h = 300
    legend_w = sum(24 + 7 * len(name) for name in series)
    width = max(left + plot_w + right, left + legend_w + right, 480)
    height = top + plot_h + bottom

    values = [v for _, vals in groups for v in vals.values() if v]
    lo = min(values + [reference])
    hi = max(values + [reference])
    lo_exp = math.floor(math.log2(lo))
    hi_exp = math.ceil(math.log2(hi))
    if hi_exp == lo_exp:
        hi_exp += 1

    def y(v):
        frac = (math.log2(v) - lo_exp) / (hi_exp - lo_exp)
        return top + plot_h * (1 - frac)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    if subtitle:
        out.append(f'<text x="{left}" y="40" fill="#555">{escape(subtitle)}</text>')
    # y axis: a grid line per power of two
    step = 1 + (hi_exp - lo_exp) // 10          # at most ~10 labelled lines
    for e in range(lo_exp, hi_exp + 1, step):
        v = 2.0 ** e
        yy = y(v)
        label = f"{v:g}x" if e >= 0 else f"1/{2 ** -e}x"
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" '
                   f'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{label}</text>')
    out.append(f'<text transform="translate(16,{top + plot_h / 2}) rotate(-90)" '
               f'text-anchor="middle">{escape(ylabel)}</text>')
    # bars
    ref_y = y(reference)
    for g, (label, vals) in enumerate(groups):
        x0 = left + g * group_w + gap / 2
        for s, name in enumerate(series):
            v = vals.get(name)
            if not v:
                continue
            yy = y(v)
            x = x0 + s * bar_w
            out.append(f'<rect x="{x:.1f}" y="{min(yy, ref_y):.1f}" width="{bar_w - 1}" '
                       f'height="{max(abs(ref_y - yy), 0.5):.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                       f'<title>{escape(label)} {escape(name)}: {v:.2f}x</title></rect>')
        cx = x0 + bar_w * len(series) / 2
        weight = ' font-weight="bold"' if label == "geomean" else ""
        out.append(f'<text transform="translate({cx:.1f},{top + plot_h + 8}) rotate(45)"{weight}>'
                   f'{escape(label)}</text>')
        if g and label == "geomean":
            sep = left + g * group_w
            out.append(f'<line x1="{sep}" x2="{sep}" y1="{top}" y2="{top + plot_h}" '
                       f'stroke="#999" stroke-dasharray="3,3"/>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{ref_y:.1f}" y2="{ref_y:.1f}" '
               f'stroke="black" stroke-width="1.5"/>')
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
               f'stroke="#888"/>')
    # legend, one row above the plot
    lx = left
    for s, name in enumerate(series):
        out.append(f'<rect x="{lx}" y="{top - 18}" width="10" height="10" '
                   f'fill="{PALETTE[s % len(PALETTE)]}"/>')
        out.append(f'<text x="{lx + 14}" y="{top - 9}">{escape(name)}</text>')
        lx += 24 + 7 * len(name)
    out.append("</svg>")
    return "\n".join(out) + "\n"
