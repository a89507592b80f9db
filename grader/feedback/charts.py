"""A generic line chart for the feedback pages: the data a picture is drawn from.

Each assignment with a picture has a module in ``grader/feedback/plots/`` whose
``build(student, reference) -> Chart`` calls the student's functions (through the
sandboxed ``StudentProxy``, on fixed public inputs) and the reference module (in the
grader), and returns plain arrays. ``render`` draws it as inline SVG. A function that
fails leaves its series with a ``problem`` instead of values; the chart is still drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Line:
    """One curve: ``y`` (K,) over ``x`` (K,); ``role`` picks its colour and dash:
    "reference" (grey, dashed), "student" (blue) or any other label (a palette colour)."""

    label: str
    x: np.ndarray
    y: np.ndarray
    role: str = "student"
    problem: str = ""  # why the curve is missing (then x and y are empty)


@dataclass(frozen=True)
class Panel:
    """One plot: its lines, axis names, and whether y is drawn on a log scale."""

    title: str
    lines: tuple[Line, ...]
    x_label: str = ""
    y_label: str = ""
    log_y: bool = False


@dataclass(frozen=True)
class Chart:
    """The picture of one assignment: one or more panels side by side, and a caption
    that says what to look for (in the lecture's terms)."""

    assignment: str
    panels: tuple[Panel, ...]
    caption: str = ""
    problem: str = ""  # why nothing could be drawn
    notes: tuple[str, ...] = field(default_factory=tuple)


def missing(label: str, why: str, role: str = "student") -> Line:
    """A line that could not be computed, with the reason shown under the chart."""
    empty = np.zeros(0)
    return Line(label, empty, empty, role, why)
