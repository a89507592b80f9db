"""Inline SVG for the feedback figures, drawn from plain arrays (pure functions, no I/O).

Every text that reaches the SVG goes through ``html.escape``; numbers are formatted
from finite floats only, and pixel coordinates are clamped so that a diverging student
path cannot produce absurd numbers in the page.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np

WIDTH, HEIGHT = 440, 340
MARGIN = (16, 16, 36, 52)  # top, right, bottom, left
_CLAMP = 1e4
COLORS = {"reference": "#777", "student": "#1f5fbf", "without clipping": "#c0392b", "with clipping": "#1e8449"}


@dataclass(frozen=True)
class Frame:
    """Maps data coordinates (x0..x1, y0..y1) to the plot area, y pointing up."""

    x0: float
    x1: float
    y0: float
    y1: float

    def px(self, x: float, y: float) -> tuple[float, float]:
        top, right, bottom, left = MARGIN
        u = left + (x - self.x0) / (self.x1 - self.x0) * (WIDTH - left - right)
        v = HEIGHT - bottom - (y - self.y0) / (self.y1 - self.y0) * (HEIGHT - top - bottom)
        return max(-_CLAMP, min(_CLAMP, u)), max(-_CLAMP, min(_CLAMP, v))

    def points(self, xy: np.ndarray) -> str:
        """SVG ``points`` for the rows of ``xy`` (K, 2)."""
        return " ".join("{:.1f},{:.1f}".format(*self.px(float(x), float(y))) for x, y in xy)


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def svg(body: list[str], label: str, clip_id: str) -> str:
    top, right, bottom, left = MARGIN
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{esc(label)}">'
            f'<title>{esc(label)}</title><defs><clipPath id="{esc(clip_id)}"><rect x="{left}" y="{top}" '
            f'width="{WIDTH - left - right}" height="{HEIGHT - top - bottom}"/></clipPath></defs>'
            f'<rect x="{left}" y="{top}" width="{WIDTH - left - right}" height="{HEIGHT - top - bottom}" '
            f'fill="#fcfcfc" stroke="#bbb"/>' + "".join(body) + "</svg>")


def polyline(frame: Frame, xy: np.ndarray, color: str, clip_id: str, dashed: bool = False,
             markers: bool = False) -> str:
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    out = [f'<polyline clip-path="url(#{esc(clip_id)})" fill="none" stroke="{color}" stroke-width="1.8"{dash} '
           f'points="{frame.points(xy)}"/>']
    if markers:
        out += [f'<circle clip-path="url(#{esc(clip_id)})" cx="{u:.1f}" cy="{v:.1f}" r="2.2" fill="{color}"/>'
                for u, v in (frame.px(float(x), float(y)) for x, y in xy)]
    return "".join(out)


def text(x: float, y: float, content: str, anchor: str = "middle", size: int = 11, color: str = "#333") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'font-family="sans-serif" fill="{color}">{esc(content)}</text>')


def legend(entries: list[tuple[str, str, bool]], corner: str = "left") -> str:
    """A legend in a top corner: (label, color, dashed) per entry."""
    top, right, _, left = MARGIN
    if corner == "right":
        left = WIDTH - right - 150
    out = []
    for k, (label, color, dashed) in enumerate(entries):
        y = top + 14 + 15 * k
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        out.append(f'<line x1="{left + 8}" y1="{y - 4}" x2="{left + 30}" y2="{y - 4}" stroke="{color}" '
                   f'stroke-width="2"{dash}/>' + text(left + 36, y, label, anchor="start"))
    return "".join(out)


def finite_prefix(xy: np.ndarray) -> tuple[np.ndarray, bool]:
    """The rows before the first non-finite one, and whether any were cut."""
    bad = ~np.all(np.isfinite(xy.reshape(len(xy), -1)), axis=1)
    cut = int(np.argmax(bad)) if bad.any() else len(xy)
    return xy[:cut], cut < len(xy)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]."""
    span = hi - lo if hi > lo else 1.0
    raw = span / count
    step = 10 ** math.floor(math.log10(raw))
    step *= next(m for m in (1, 2, 5, 10) if m * step >= raw)
    first = math.ceil(lo / step) * step
    return [first + k * step for k in range(int((hi - first) / step) + 1)]
