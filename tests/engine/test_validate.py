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


def test_a_test_file_that_does_not_import_is_its_assignment_s_internal_error_alone(tmp_path):
    import json
    import shutil

    from conftest import ROOT

    course = tmp_path / "course"
    for folder in ("assignments/nag", "assignments/clipping", "solutions"):
        shutil.copytree(ROOT / folder, course / folder, ignore=shutil.ignore_patterns("__pycache__"))
    broken = course / "assignments/nag/test_hidden.py"
    broken.write_text("import a_module_nobody_has\n" + broken.read_text())
    with open(course / "assignments/nag/test_public.py", "a") as public:  # and a check that cannot be set up
        public.write('\n\n@pytest.mark.points(0.5)\ndef test_set_up_fails(student, no_such_fixture):\n'
                     '    """a check whose set-up fails"""\n')
    student = tmp_path / "student"
    student.mkdir()
    for name in ("nag", "clipping"):
        shutil.copy(ROOT / f"solutions/{name}.py", student / f"{name}.py")
    proc = run_grader("grade", str(student), "--format", "json", env_extra={"GRADER_COURSE": str(course)})
    results = json.loads(proc.stdout)["assignments"]
    assert proc.returncode == 3, proc.stderr[-2000:]  # an internal error: the instructor must look
    assert "could not collect" in proc.stderr and "test_hidden.py" in proc.stderr
    # The other assignment is graded as ever; the file that did not load shows as an error.
    assert results["clipping"]["score"] == results["clipping"]["max_score"] > 0
    errors = [t for t in results["nag"]["tests"] if t["status"] == "error"]
    assert [t["name"] for t in errors] == ["a check whose set-up fails", "the checks of test_hidden.py"]
    assert "could not run this check" in errors[0]["output"] and errors[0]["max_score"] == 0.5
    assert errors[1]["hidden"] and not errors[0]["hidden"]  # the file's row: hidden, as its checks are
    assert any(t["status"] == "passed" for t in results["nag"]["tests"])  # its public checks ran
