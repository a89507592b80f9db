"""``grader.check(name)``: the public tests on the cells this kernel has executed.

The cells' text (saved or not) becomes module source (``history.py``), which is graded
in a fresh sandboxed worker with the public tests, exactly as ``grader check`` grades a
file: same tests, points and messages. The kernel's live objects are never looked at.
"""

from __future__ import annotations

import sys
from pathlib import Path

from grader.course import load_course
from grader.engine.grade import GradeOptions, grade_source
from grader.interactive.history import executed_source
from grader.interactive.result import CheckResult
from grader.notebook import NotebookError
from grader.sandbox.launcher import ForkServer
from grader.submission import SourceFile


class NotInKernel(RuntimeError):
    """``check`` was called outside IPython, where there is no history of executed cells."""


def check(name: str) -> CheckResult:
    """Run assignment ``name``'s public tests on the code this kernel has executed.

    Inputs:
    - name: an assignment (``grader list``), e.g. ``"nag"``
    Returns a ``CheckResult`` (``score``, ``max_score``; a table when shown in Jupyter).
    Raises ``ValueError`` for an unknown assignment or when no executed cell holds code,
    ``NotInKernel`` outside IPython/Jupyter.
    """
    course = load_course()
    if name not in course:
        raise ValueError(f"unknown assignment {name!r}: one of {', '.join(course)}")
    try:
        executed = executed_source(kernel_inputs())
    except NotebookError:
        raise ValueError("this kernel has not run any code yet: run your cells first, then grader.check") from None
    source = SourceFile(Path.cwd() / f"{name}.ipynb", executed.source, executed=True,
                        cells=executed.module.cells)
    with ForkServer() as launcher:
        result = grade_source(source, name, GradeOptions(hidden=False), launcher)
    return CheckResult(result, executed.notes)


def kernel_inputs() -> list[str]:
    """The raw text of every cell this IPython kernel has run (index n: ``In [n]``)."""
    # IPython is the caller's, not a dependency of ours: if it is not imported, this is
    # no IPython session.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        raise NotInKernel("grader.check reads the cells a Jupyter (IPython) kernel has run; "
                          "in a terminal, run `grader check nag.py` instead")
    return list(shell.history_manager.input_hist_raw)
