"""The two feedback pictures as inline SVG: a Nesterov path on contours, and RNN loss curves.

Pure: ``Trajectories``/``Curves`` (plain arrays) in, an SVG string out.
"""

from __future__ import annotations

import math

import numpy as np

from grader.feedback.drawing import (COLORS, HEIGHT, MARGIN, WIDTH, Frame, finite_prefix, legend, nice_ticks,
                                     polyline, svg, text)
from grader.feedback.figures import Curves, Trajectories

CONTOUR_LEVELS = 7
LOSS_FLOOR = 1e-6
MAX_DECADES = 12


def _view(paths: list[np.ndarray], minimizer: np.ndarray) -> Frame:
    """Equal-aspect bounds around the paths and the minimum, padded by 12 %."""
    pts = np.vstack([minimizer[None, :]] + [p for p in paths if len(p)])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1e-3) * 1.24
    center = (lo + hi) / 2
    top, right, bottom, left = MARGIN
    aspect = (WIDTH - left - right) / (HEIGHT - top - bottom)
    width, height = max(span[0], span[1] * aspect), max(span[1], span[0] / aspect)
    return Frame(center[0] - width / 2, center[0] + width / 2, center[1] - height / 2, center[1] + height / 2)


def _framed_paths(reference: np.ndarray, student: np.ndarray) -> list[np.ndarray]:
    """The paths that set the view: the reference, and the student's unless it wanders far off."""
    if not len(reference):
        return [student]
    if len(student):
        ref_span = np.ptp(reference, axis=0).max()
        student_lo, student_hi = student.min(axis=0), student.max(axis=0)
        ref_lo, ref_hi = reference.min(axis=0), reference.max(axis=0)
        if np.all(student_lo > ref_lo - 2 * ref_span) and np.all(student_hi < ref_hi + 2 * ref_span):
            return [reference, student]
    return [reference]


def _contours(fig: Trajectories, frame: Frame, start: np.ndarray, clip_id: str) -> list[str]:
    """Ellipses ½(θ−θ*)ᵀA(θ−θ*) = c: the level sets of the quadratic, c halving inward."""
    eigenvalues, vectors = np.linalg.eigh(fig.a)
    delta = start - fig.minimizer
    top = max(0.5 * float(delta @ fig.a @ delta), 1e-6) * 1.5
    t = np.linspace(0.0, 2 * np.pi, 73)
    out = []
    for k in range(CONTOUR_LEVELS):
        c = top * 0.4 ** k
        radii = np.sqrt(2 * c / eigenvalues)
        ring = fig.minimizer + (np.cos(t)[:, None] * radii[0] * vectors[:, 0]
                                + np.sin(t)[:, None] * radii[1] * vectors[:, 1])
        out.append(polyline(frame, ring, "#d5dbe3", clip_id))
    u, v = frame.px(*fig.minimizer)
    out.append(f'<path d="M{u - 5:.1f},{v:.1f}h10M{u:.1f},{v - 5:.1f}v10" stroke="#333" stroke-width="1.5"/>')
    return out


def trajectory_svg(fig: Trajectories, clip_id: str = "nagclip") -> str:
    """The student's Nesterov path (blue) and the reference's (grey, dashed) on the contours."""
    student, student_cut = finite_prefix(fig.student) if fig.student is not None else (np.zeros((0, 2)), False)
    reference = fig.reference if fig.reference is not None else np.zeros((0, 2))
    # Frame the reference (what a correct path looks like); a wild student path is clipped.
    frame = _view(_framed_paths(reference, student), fig.minimizer)
    start = reference[0] if len(reference) else (student[0] if len(student) else fig.minimizer + 1)
    body = _contours(fig, frame, start, clip_id)
    entries = []
    if len(reference):
        body.append(polyline(frame, reference, COLORS["reference"], clip_id, dashed=True))
        entries.append(("reference", COLORS["reference"], True))
    if len(student):
        body.append(polyline(frame, student, COLORS["student"], clip_id, markers=True))
        entries.append(("your optimize(..., 'nag')", COLORS["student"], False))
    body.append(legend(entries))
    top, right, bottom, left = MARGIN
    if student_cut:
        body.append(text(WIDTH - right - 6, HEIGHT - bottom - 8, "your path overflowed (inf/NaN)",
                         anchor="end", color=COLORS["without clipping"]))
    body.append(text(left + (WIDTH - left - right) / 2, HEIGHT - 12,
                     "grey rings: contours of J;  +: the minimum;  dots: your iterates"))
    return svg(body, "Nesterov momentum on a 2-D quadratic: your path and the reference's", clip_id)


def curves_svg(fig: Curves, clip_id: str = "rnnclip") -> str:
    """Loss ½(y_T − 1)² per gradient step on a log scale, one line per series.

    The scale spans at most ``MAX_DECADES`` decades above the lowest loss, so an exploding
    run does not flatten the others: its points beyond the top are drawn on the top edge.
    """
    drawn = [s for s in fig.series if len(s.values)]
    steps = max((len(s.values) for s in fig.series), default=1)
    logs = [np.log10(np.maximum(s.values, LOSS_FLOOR)) for s in drawn]
    lo = math.floor(min((float(v.min()) for v in logs), default=-1.0))
    hi = max(min(math.ceil(max((float(v.max()) for v in logs), default=1.0)), lo + MAX_DECADES), lo + 1)
    frame = Frame(0.0, max(steps - 1, 1), lo, hi + 0.8)  # headroom for points off the scale
    top, right, bottom, left = MARGIN
    body = []
    for tick in nice_ticks(lo, hi, 6):
        if float(tick).is_integer():
            _, v = frame.px(0, tick)
            body.append(f'<line x1="{left}" y1="{v:.1f}" x2="{WIDTH - right}" y2="{v:.1f}" stroke="#eee"/>')
            body.append(text(left - 6, v + 4, f"1e{int(tick)}", anchor="end", size=10))
    for tick in nice_ticks(0, steps - 1, 5):
        u, _ = frame.px(tick, lo)
        body.append(text(u, HEIGHT - bottom + 14, f"{tick:g}", size=10))
    entries = []
    for series, values in zip(drawn, logs):
        color = COLORS.get(series.label, "#555")
        off = values > hi
        xy = np.column_stack([np.arange(len(values), dtype=np.float64), np.where(off, hi + 0.5, values)])
        body.append(polyline(frame, xy, color, clip_id, markers=len(values) < 60))
        entries.append((series.label, color, False))
        if off.any() or series.diverged:
            k = int(np.argmax(off)) if off.any() else len(values) - 1
            u, v = frame.px(float(k), hi + 0.5)
            what = "overflow (inf)" if series.diverged else "off the scale"
            body.append(text(u + 6, v + 14, f"↑ {what}", anchor="start", color=color, size=10))
    body.append(legend(entries, corner="right"))
    body.append(text(left + (WIDTH - left - right) / 2, HEIGHT - 6, "gradient-descent step on w"))
    return svg(body, "Loss of the scalar RNN y_t = w·y_(t−1) during training, with and without clipping",
               clip_id)
