"""Build an assignment's feedback picture from a submission's source, through the real sandbox."""

from __future__ import annotations

from pathlib import Path

from grader.course import load_course
from grader.engine.grade import GradeOptions
from grader.engine.reference import load_reference
from grader.feedback.figures import student_proxy
from grader.feedback.plots import BUILDERS


def build_chart(folder: Path, assignment: str, source: str):
    """The ``Chart`` of ``assignment`` for a student folder (made here) holding ``source``."""
    folder.mkdir()
    (folder / f"{assignment}.py").write_text(source)
    course = load_course()[assignment]
    with student_proxy(folder, course, GradeOptions()) as proxy:
        return BUILDERS[assignment](proxy, load_reference(course))
