"""Feedback picture for `memory_cell`: what a correct cell does with the student's design.

The student's ``design_memory_cell()`` is called in the sandbox; its weights are run
through the REFERENCE cell (here, in the grader) on the slide's sequence, so the picture
shows the design, not the student's forward pass. Two panels: the memory c_t beside
the task's memory m_t, and the output y_t beside the target.
"""

from __future__ import annotations

import numpy as np

from grader.engine.issues import StudentIssue
from grader.feedback import charts

# The slide's sequence, rows (x1, x2, x3), and the task's memory and target output.
SLIDE_X = np.array([[1, 0, 0], [3, 1, 0], [2, 0, 0], [4, 1, 0], [2, 0, 0],
                    [1, 0, 1], [3, -1, 0], [6, 1, 0], [1, 0, 1]], dtype=np.float64)
TASK_MEMORY = np.array([0, 3, 3, 7, 7, 7, 0, 6, 6], dtype=np.float64)
TASK_OUTPUT = np.array([0, 0, 0, 0, 0, 7, 0, 0, 6], dtype=np.float64)
WEIGHTS = ("wz", "wi", "wf", "wo")
BIASES = ("bz", "bi", "bf", "bo")
LABEL = "your design (run by a correct cell)"


def build(student, reference) -> charts.Chart:
    """The chart for ``student`` (the sandboxed proxy) and ``reference`` (the reference module)."""
    steps = np.arange(1.0, len(SLIDE_X) + 1)
    try:
        student.start_test(None)  # a fresh time budget for this picture's calls
        design = _design(student.design_memory_cell())
        y, c = reference.memory_cell_forward(SLIDE_X.copy(), design)
        memory = charts.Line(LABEL, steps, np.asarray(c, dtype=np.float64))
        output = charts.Line(LABEL, steps, np.asarray(y, dtype=np.float64))
    except StudentIssue as issue:
        memory = output = charts.missing(LABEL, issue.message)
    except ValueError as problem:
        memory = output = charts.missing(LABEL, str(problem))
    panels = (
        charts.Panel("memory c_t", (charts.Line("task: memory m_t", steps, TASK_MEMORY, "reference"), memory),
                     x_label="step t", y_label="c_t"),
        charts.Panel("output y_t", (charts.Line("task: target output", steps, TASK_OUTPUT, "reference"), output),
                     x_label="step t", y_label="y_t"),
    )
    caption = ("The slide's sequence (x2 = 1 adds x1, x2 = −1 resets, x3 = 1 outputs). The memory should climb at "
               "the additions, stay flat in between and drop to 0 at step 7; the output should be 0 except at "
               "steps 6 (7) and 9 (6).")
    return charts.Chart("memory_cell", panels, caption)


def _design(got) -> dict:
    """The returned design as float arrays (3,) and floats; ValueError saying what is wrong."""
    if not isinstance(got, dict) or any(k not in got for k in WEIGHTS + BIASES):
        raise ValueError("design_memory_cell should return a dict with keys " + ", ".join(WEIGHTS + BIASES))
    try:
        design = {k: np.asarray(got[k], dtype=np.float64).reshape(3) for k in WEIGHTS}
        design.update({k: float(np.asarray(got[k], dtype=np.float64).reshape(())) for k in BIASES})
    except (TypeError, ValueError):
        raise ValueError("design_memory_cell: each w must be 3 numbers and each b one number") from None
    if not all(np.isfinite(v).all() for v in design.values()):
        raise ValueError("design_memory_cell: every weight and bias must be a finite number")
    return design
