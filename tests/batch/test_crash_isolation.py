"""A grading process that dies on one student's output costs that student only: every check `error`, exit 3."""

from __future__ import annotations

import shutil

from batch_helpers import ROOT, checks_of, correct, environment, gradebook, record, run_batch, student

# A check with a (simulated) grader bug: it kills the grading process when a student's
# gd_step returns 666, as a crash in numpy or pytest on some odd output would.
CRASHING_CHECK = '''
import os

import numpy as np
import pytest

from grader.checks import Quadratic


@pytest.mark.points(1)
def test_zz_grader_bug(student):
    """a check whose bug kills the grading process on one student's output"""
    got = student.gd_step(np.array([1.0]), Quadratic.diagonal([1.0], [0.0]), 0.0)
    if float(np.asarray(got).reshape(-1)[0]) == 666.0:
        os._exit(70)
'''

TRIGGER = '''

def gd_step(theta, grad_fn, lr):
    return theta * 0 + 666.0 if lr == 0 else theta - lr * grad_fn(theta)
'''


def _course_with_crashing_check(base):
    course = base / "course"
    shutil.copytree(ROOT / "assignments" / "nag", course / "assignments" / "nag")
    shutil.copytree(ROOT / "solutions" / "mistakes" / "nag", course / "solutions" / "mistakes" / "nag")
    shutil.copy(ROOT / "solutions" / "nag.py", course / "solutions" / "nag.py")
    (course / "assignments" / "nag" / "test_public_zz.py").write_text(CRASHING_CHECK)
    return course


def test_crash_in_one_job_marks_that_student_error_and_run_continues(tmp_path):
    course = _course_with_crashing_check(tmp_path)
    student(tmp_path / "roster", "ok", correct())
    student(tmp_path / "roster", "trigger", correct() + TRIGGER)
    proc = run_batch(tmp_path / "roster", tmp_path / "out", "--jobs", "2",
                     env=environment(GRADER_COURSE=str(course)))
    assert proc.returncode == 3, proc.stderr
    assert "internal error while grading trigger" in proc.stderr
    crashed = record(tmp_path / "out", "trigger")
    assert crashed["status"] == "crashed" and crashed["internal_error"]
    checks = checks_of(crashed)
    assert len(checks) == len(checks_of(record(tmp_path / "out", "ok")))
    assert {c["status"] for c in checks} == {"error"} and sum(c["score"] for c in checks) == 0
    fine = record(tmp_path / "out", "ok")
    assert fine["status"] == "graded" and fine["result"]["score"] == fine["result"]["max_score"] == 11
    assert [r["student"] for r in gradebook(tmp_path / "out")] == ["ok", "trigger"]
    assert (tmp_path / "out" / "feedback" / "trigger.html").is_file()
