"""Inline SVG charts of the class report (pure functions returning markup).

Labels are escaped (test names come from test files, but ids and names are escaped
everywhere alike); every number is formatted from a finite float.
"""

from __future__ import annotations

from grader.classreport.analysis import TestRate
from grader.feedback.drawing import esc, text

HIST_W, HIST_H = 360, 200
HIST_MARGIN = (14, 10, 34, 34)  # top, right, bottom, left
BAR_W, BAR_ROW, BAR_LABEL = 560, 18, 300


def histogram_svg(counts: list[int], maximum: float, label: str) -> str:
    """Bars of ``counts`` (students per score bin over [0, maximum]) with axis labels."""
    top, right, bottom, left = HIST_MARGIN
    width, height = HIST_W - left - right, HIST_H - top - bottom
    tallest = max(counts) if counts and max(counts) > 0 else 1
    slot = width / max(len(counts), 1)
    body = [f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="#999"/>']
    for k, count in enumerate(counts):
        bar = height * count / tallest
        x = left + k * slot
        body.append(f'<rect class="bar" x="{x + 1:.1f}" y="{top + height - bar:.1f}" width="{slot - 2:.1f}" '
                    f'height="{bar:.1f}" fill="#1f5fbf"><title>{count} student(s)</title></rect>')
        if count:
            body.append(text(x + slot / 2, top + height - bar - 3, str(count), size=10))
    for k in range(len(counts) + 1):
        if k % 2 == 0:
            body.append(text(left + k * slot, top + height + 14, f"{maximum * k / max(len(counts), 1):g}", size=10))
    body.append(text(left + width / 2, HIST_H - 4, "points", size=10, color="#555"))
    body.append(text(10, top + height / 2, "students", size=10, color="#555", anchor="middle")
                .replace("<text ", f'<text transform="rotate(-90 10 {top + height / 2:.1f})" ', 1))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{HIST_W}" height="{HIST_H}" '
            f'viewBox="0 0 {HIST_W} {HIST_H}" role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
            + "".join(body) + "</svg>")


def pass_rate_svg(rates: list[TestRate], label: str) -> str:
    """One horizontal bar per test: the share of the class that passed it."""
    height = BAR_ROW * len(rates) + 24
    span = BAR_W - BAR_LABEL - 50
    body = []
    for k, rate in enumerate(rates):
        y = 4 + k * BAR_ROW
        name = rate.name if len(rate.name) <= 46 else rate.name[:45] + "…"
        name += " (hidden)" if rate.hidden else ""
        color = "#c0392b" if rate.rate < 0.5 else ("#e67e22" if rate.rate < 0.8 else "#1e8449")
        body.append(text(BAR_LABEL - 6, y + 12, name, anchor="end", size=10))
        body.append(f'<rect x="{BAR_LABEL}" y="{y + 2}" width="{span}" height="{BAR_ROW - 5}" fill="#eee"/>')
        body.append(f'<rect class="bar" x="{BAR_LABEL}" y="{y + 2}" width="{span * rate.rate:.1f}" '
                    f'height="{BAR_ROW - 5}" fill="{color}"><title>{rate.passed} of {rate.graded} passed'
                    "</title></rect>")
        body.append(text(BAR_LABEL + span + 4, y + 12, f"{100 * rate.rate:.0f}%", anchor="start", size=10))
    body.append(text(BAR_LABEL + span / 2, height - 6, "share of students who passed", size=10, color="#555"))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_W}" height="{height}" '
            f'viewBox="0 0 {BAR_W} {height}" role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
            + "".join(body) + "</svg>")
