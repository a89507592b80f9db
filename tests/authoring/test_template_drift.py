"""The committed student_templates/ is exactly what the transform produces."""

from __future__ import annotations

import os

from authoring_support import ROOT, copy_course
from conftest import run_grader
from grader.authoring.templates import drift, expected_templates, update_templates


def test_committed_templates_match_the_solutions():
    problems = drift(ROOT)
    assert not problems, "\n".join(problems) + "\nrun `grader release --update-templates`"


def test_drift_names_changed_missing_and_stale_files(tmp_path):
    course = copy_course(tmp_path / "course")
    update_templates(course)
    folder = course / "student_templates"
    (folder / "nag.py").write_text((folder / "nag.py").read_text().replace("YOUR CODE HERE", "edited by hand"))
    (folder / "nag.ipynb").unlink()
    (folder / "old_assignment.py").write_text("def f():\n    pass\n")
    problems = drift(course)
    assert "student_templates/nag.py differs from what solutions/nag.py produces" in problems
    assert "student_templates/nag.ipynb is missing" in problems
    assert "student_templates/old_assignment.py has no solution in solutions/ (stale)" in problems
    assert len(problems) == 3


def test_drift_sees_a_changed_solution(tmp_path):
    course = copy_course(tmp_path / "course")
    update_templates(course)
    solution = course / "solutions" / "nag.py"
    solution.write_text(solution.read_text().replace("One step of gradient descent", "A step of descent"))
    assert drift(course) == ["student_templates/nag.py differs from what solutions/nag.py produces",
                             "student_templates/nag.ipynb differs from what solutions/nag.py produces"]


def test_cli_check_fails_then_update_fixes(tmp_path):
    course = copy_course(tmp_path / "course")
    update_templates(course)
    (course / "student_templates" / "nag.py").write_text("# stale\n")
    env = {"GRADER_COURSE": str(course)}
    with _env(env):
        check = run_grader("release", "--check")
        assert check.returncode == 1
        assert "student_templates/nag.py differs" in check.stderr
        update = run_grader("release", "--update-templates")
        assert update.returncode == 0 and "wrote student_templates/nag.py" in update.stdout
        assert run_grader("release", "--check").returncode == 0
    assert (course / "student_templates" / "nag.py").read_text() == expected_templates(course)["nag.py"]


def test_cli_usage_errors():
    assert run_grader("release").returncode == 2
    assert run_grader("release", "--check", "--update-templates").returncode == 2
    help_text = run_grader("release", "--help")
    assert help_text.returncode == 0 and "--update-templates" in help_text.stdout and "--extra" in help_text.stdout


class _env:
    """Set environment variables for the CLI subprocesses started inside the block."""

    def __init__(self, values: dict[str, str]):
        self.values, self.saved = values, {}

    def __enter__(self):
        self.saved = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
