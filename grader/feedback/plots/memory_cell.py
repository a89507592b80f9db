"""Feedback picture for `memory_cell`: what a correct cell does with the student's design.

The student's ``design_memory_cell()`` is called in the sandbox; its weights are run
through the REFERENCE cell (here, in the grader) on the slide's sequence, so the picture
shows the design, not the student's forward pass. Two panels: the memory c_t beside
the task's memory m_t, and the output y_t beside the target.
"""

from __future__ import annotations

import numpy as np

from grader.checks.memory_task import SLIDE_X, as_design, task
from grader.checks.verdict import Verdict
from grader.engine.issues import StudentIssue
from grader.feedback import charts

TASK_MEMORY, TASK_OUTPUT = task(SLIDE_X)  # the slide's sequence: the task's memory and target output
LABEL = "your design (run by a correct cell)"


def build(student, reference) -> charts.Chart:
    """The chart for ``student`` (the sandboxed proxy) and ``reference`` (the reference module)."""
    steps = np.arange(1.0, len(SLIDE_X) + 1)
    try:
        design = as_design(student.design_memory_cell())  # judged as the tests judge it
    except StudentIssue as issue:
        design = Verdict.fail(issue.message)
    if isinstance(design, Verdict):
        memory = output = charts.missing(LABEL, design.message)
    else:
        y, c = reference.memory_cell_forward(SLIDE_X.copy(), design)
        memory = charts.Line(LABEL, steps, np.asarray(c, dtype=np.float64))
        output = charts.Line(LABEL, steps, np.asarray(y, dtype=np.float64))
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
