"""Draw a ``charts.Chart`` as inline SVG: one plot per panel, lines over shared axes.

Pure: plain arrays in, a string out. Non-finite points end a line (a diverging student
curve is drawn up to where it left the numbers) and are named in the legend; a log
scale spans at most ``MAX_DECADES`` decades below the largest value, so a vanishing
curve does not squash the others.
"""

from __future__ import annotations

import math

import numpy as np

from grader.feedback.charts import Chart, Line, Panel
from grader.feedback.drawing import (COLORS, HEIGHT, MARGIN, WIDTH, Frame, esc, legend, nice_ticks,
                                     polyline, svg, text)

MAX_DECADES = 12
PALETTE = ("#1f5fbf", "#c0392b", "#1e8449", "#8e44ad", "#d68910", "#17a589", "#555")


def _color(line: Line, k: int) -> str:
    return COLORS.get(line.role, PALETTE[k % len(PALETTE)])


def _points(line: Line, log_y: bool) -> tuple[np.ndarray, bool]:
    """(x, y) rows up to the first non-finite (or, on a log scale, non-positive) value."""
    x = np.asarray(line.x, dtype=np.float64).reshape(-1)
    y = np.asarray(line.y, dtype=np.float64).reshape(-1)
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    good = np.isfinite(x) & np.isfinite(y) & ((y > 0) if log_y else True)
    cut = int(np.argmin(good)) if not good.all() else n
    y = np.log10(y[:cut]) if log_y else y[:cut]
    return np.column_stack([x[:cut], y]), cut < n


def _range(values: list[np.ndarray], log_y: bool) -> tuple[float, float]:
    if not values:
        return 0.0, 1.0
    lo, hi = min(float(v.min()) for v in values), max(float(v.max()) for v in values)
    if log_y:
        lo = max(math.floor(lo), math.ceil(hi) - MAX_DECADES)
        hi = max(math.ceil(hi), lo + 1)
    elif hi - lo < 1e-12:
        lo, hi = lo - 1.0, hi + 1.0
    else:
        pad = 0.05 * (hi - lo)
        lo, hi = lo - pad, hi + pad
    return lo, hi


def panel_svg(panel: Panel, clip_id: str) -> str:
    """One panel: its lines, ticks, axis names and a legend."""
    drawn = [(k, line, *_points(line, panel.log_y)) for k, line in enumerate(panel.lines) if not line.problem]
    drawn = [(k, line, xy, cut) for k, line, xy, cut in drawn if len(xy)]
    xs = [xy[:, 0] for _, _, xy, _ in drawn]
    ys = [xy[:, 1] for _, _, xy, _ in drawn]
    x0, x1 = (min(float(x.min()) for x in xs), max(float(x.max()) for x in xs)) if xs else (0.0, 1.0)
    if x1 - x0 < 1e-12:
        x0, x1 = x0 - 1.0, x1 + 1.0
    y0, y1 = _range(ys, panel.log_y)
    frame = Frame(x0, x1, y0, y1)
    top, right, bottom, left = MARGIN
    body = []
    for tick in nice_ticks(y0, y1, 5):
        if panel.log_y and not float(tick).is_integer():
            continue
        _, v = frame.px(x0, tick)
        body.append(f'<line x1="{left}" y1="{v:.1f}" x2="{WIDTH - right}" y2="{v:.1f}" stroke="#eee"/>')
        body.append(text(left - 6, v + 4, f"1e{int(tick)}" if panel.log_y else f"{tick:.3g}", anchor="end",
                         size=10))
    for tick in nice_ticks(x0, x1, 5):
        u, _ = frame.px(tick, y0)
        body.append(text(u, HEIGHT - bottom + 14, f"{tick:.3g}", size=10))
    entries = []
    for k, line, xy, cut in drawn:
        color = _color(line, k)
        dashed = line.role == "reference"
        # Clipped to the frame: values beyond a log scale's lowest decade are not drawn.
        body.append(polyline(frame, xy, color, clip_id, dashed=dashed, markers=len(xy) < 40))
        entries.append((f"{line.label}{' (ends: not finite)' if cut else ''}", color, dashed))
    body.append(legend(entries[:6], corner="right"))
    body.append(text(left + (WIDTH - left - right) / 2, HEIGHT - 6, panel.x_label))
    middle = top + (HEIGHT - top - bottom) / 2
    body.append(f'<g transform="rotate(-90 12 {middle:.1f})">{text(12, middle, panel.y_label, size=10)}</g>')
    return svg(body, panel.title, clip_id)


def chart_html(chart: Chart) -> str:
    """The chart's panels side by side, its problems as notes and its caption (trusted text,
    escaped all the same: labels and problems may quote a student's exception message)."""
    if chart.problem:
        return f'<p class="problem">The picture could not be drawn: {esc(chart.problem)}</p>'
    notes = [f"{line.label}: {line.problem}" for panel in chart.panels for line in panel.lines if line.problem]
    notes += list(chart.notes)
    parts = [f'<p class="problem">{esc(note)}</p>' for note in dict.fromkeys(notes)]
    figures = "".join(f'<div class="panel"><h3>{esc(panel.title)}</h3>'
                      f"{panel_svg(panel, f'clip-{chart.assignment}-{k}')}</div>"
                      for k, panel in enumerate(chart.panels))
    parts.append(f'<figure><div class="panels">{figures}</div><figcaption>{esc(chart.caption)}</figcaption>'
                 "</figure>")
    return "".join(parts)
