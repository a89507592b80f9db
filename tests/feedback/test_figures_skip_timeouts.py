"""A picture is not drawn (and not waited for) when the code timed out while graded."""

from pathlib import Path

from grader.engine.grade import GradeOptions
from grader.feedback.charts import Chart
from grader.feedback.figures import gather_figures
from grader.model import AssignmentResult, Status, SubmissionResult, TestResult


def test_timed_out_assignment_gets_a_note_instead_of_a_picture(tmp_path):
    (tmp_path / "nag.py").write_text("def optimize(*args, **kwargs):\n    while True:\n        pass\n")
    tests = (TestResult("a", Status.PASSED, 1.0, 1.0, "", False),
             TestResult("b", Status.TIMEOUT, 0.0, 1.0, "did not finish", True))
    result = SubmissionResult((AssignmentResult("nag", tests, source="nag.py"),))
    figures = gather_figures(Path(tmp_path), result, GradeOptions())
    assert len(figures) == 1 and isinstance(figures[0], Chart)
    assert "did not finish in time" in figures[0].problem
