"""The engine: one result per declared test, whatever the worker does; independent runs."""

import shutil

import pytest

from conftest import ROOT
from grader.course import load_course
from grader.engine.grade import GradeOptions, collect_points, grade_assignment
from grader.model import Status
from grader.sandbox.limits import Limits

NAG = load_course()["nag"]
QUICK = GradeOptions(limits=Limits().scaled(0.2))


def _submit(tmp_path, source: str):
    (tmp_path / "nag.py").write_text(source)
    return tmp_path


def test_every_declared_test_has_a_result_when_every_call_kills_the_worker(tmp_path):
    source = "import os\n" + "".join(
        f"def {name}(*args, **kwargs):\n    os._exit(1)\n" for name in NAG.functions)
    result = grade_assignment(_submit(tmp_path, source), NAG, QUICK)
    public, hidden = collect_points(NAG)
    assert len(result.tests) == 14 and result.max_score == public + hidden == 10
    assert result.score == 0 and {t.status for t in result.tests} == {Status.ERROR}
    assert all("stopped the grading process" in t.output for t in result.tests)


def test_a_missing_file_gives_missing_results_not_a_crash(tmp_path):
    result = grade_assignment(tmp_path, NAG, QUICK)
    assert {t.status for t in result.tests} == {Status.MISSING}
    assert "no nag.py or nag.ipynb" in result.tests[0].output


def test_two_runs_in_one_process_are_independent(tmp_path):
    good = tmp_path / "good"
    bad = tmp_path / "bad"
    good.mkdir(), bad.mkdir()
    shutil.copy(ROOT / "solutions/nag.py", good / "nag.py")
    shutil.copy(ROOT / "examples/alice/nag.py", bad / "nag.py")
    first = grade_assignment(good, NAG, GradeOptions())
    grade_assignment(bad, NAG, GradeOptions())
    again = grade_assignment(good, NAG, GradeOptions())
    assert first.score == again.score == 10
    assert [t.as_dict() for t in first.tests] == [t.as_dict() for t in again.tests]


def test_seeds_change_the_hidden_inputs_but_not_a_correct_grade(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    for seed in (1, 2):
        assert grade_assignment(tmp_path, NAG, GradeOptions(seed=seed)).score == 10


def test_public_tests_cannot_use_the_reference():
    for path in (ROOT / "assignments").glob("*/test_public*.py"):
        assert "solution" not in {a.arg for a in _test_args(path)}, path


def _test_args(path):
    import ast

    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            yield from node.args.args


@pytest.mark.parametrize("path", sorted((ROOT / "assignments").glob("*/test_hidden*.py")), ids=lambda p: p.parent.name)
def test_hidden_files_mark_every_test_hidden(path):
    assert "pytestmark = pytest.mark.hidden" in path.read_text()


def test_missing_isolation_is_a_warning_and_require_isolation_refuses(tmp_path):
    from grader.engine.grade import IsolationUnavailable, grade_submission

    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    loose = grade_submission(tmp_path, ["nag"], GradeOptions(isolate=False))
    assert loose.score == 10 and any("isolation was turned off" in w for w in loose.warnings)
    with pytest.raises(IsolationUnavailable):
        grade_submission(tmp_path, ["nag"], GradeOptions(isolate=False, require_isolation=True))


def test_assignments_graded_in_one_process_keep_their_own_tests(tmp_path):
    import re

    from grader.engine.grade import grade_submission

    course = load_course()
    present = [name for name, a in course.items() if a.solution.is_file()]
    for name in present:
        source = re.sub(r"^\s*### (BEGIN|END) SOLUTION\s*$", "", course[name].solution.read_text(), flags=re.M)
        (tmp_path / f"{name}.py").write_text(source)
    result = grade_submission(tmp_path, None, GradeOptions())
    assert [r.assignment for r in result.results] == present
    for graded in result.results:
        assert graded.score == graded.max_score, (graded.assignment, [t for t in graded.tests if t.score < t.max_score])
        public, hidden = collect_points(course[graded.assignment])
        assert graded.max_score == public + hidden


def test_while_open_runs_with_the_students_sandboxes_still_usable(tmp_path):
    import numpy as np

    from grader.checks import Quadratic
    from grader.engine.grade import grade_submission

    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    seen = {}

    def after(results, proxies):
        proxies["nag"].start_test(None)
        seen["score"] = results[0].score
        seen["step"] = proxies["nag"].gd_step(np.ones(2), Quadratic.diagonal([1.0, 1.0], [0.0, 0.0]), 0.5)

    grade_submission(tmp_path, ["nag"], GradeOptions(), while_open=after)
    assert seen["score"] == 10 and np.allclose(seen["step"], 0.5)
