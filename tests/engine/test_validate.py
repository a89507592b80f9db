"""`grader validate`: every assignment's suite separates the reference, the template and
every known mistake (run through the real CLI, as instructors run it)."""

from conftest import run_grader


def test_every_assignment_suite_validates():
    proc = run_grader("validate", timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    for name in ("nag", "maxout", "dropout", "lstm", "clipping"):
        assert f"{name}: ok" in proc.stdout


def test_validate_reports_a_mistake_no_hidden_test_catches(tmp_path):
    import shutil

    from conftest import ROOT

    course = tmp_path / "course"
    for folder in ("assignments/nag", "solutions", "student_templates"):
        shutil.copytree(ROOT / folder, course / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (course / "solutions/mistakes/nag/harmless.py").write_text(
        'HINT = "not a mistake at all"\n\n\ndef gd_step(theta, grad_fn, lr):\n'
        '    return theta - lr * grad_fn(theta) + 0.0\n')
    proc = run_grader("validate", "nag", env_extra={"GRADER_COURSE": str(course), "COLUMNS": "200"}, timeout=600)
    assert proc.returncode == 1
    assert "loses no points on any hidden test" in proc.stdout
