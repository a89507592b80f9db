"""`grader batch` end to end on a synthetic class: gradebook, records, feedback, exit codes, resume."""

from __future__ import annotations

import pytest

from batch_helpers import (HANGS_AT_IMPORT, HOSTILE, correct, fixture, gradebook, record, run_batch, student, checks_of,
                           with_mistake)

CLASS = {
    "alice": correct(),
    "bob": correct(),
    "carol": with_mistake("gradient_at_theta"),
    "erin": fixture("syntax_error"),
    "frank": correct() + HANGS_AT_IMPORT,
    "grace": correct() + HOSTILE,
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded once with two jobs (time limits scaled down for the infinite loop)."""
    base = tmp_path_factory.mktemp("class")
    roster, out = base / "roster", base / "out"
    for sid, source in CLASS.items():
        student(roster, sid, source)
    proc = run_batch(roster, out, "--jobs", "2", "--timeout-scale", "0.2")
    return roster, out, proc


def test_exit_code_and_one_row_per_student(graded):
    _, out, proc = graded
    assert proc.returncode == 1, proc.stderr  # some checks fail, nothing internal
    rows = gradebook(out)
    assert [r["student"] for r in rows] == sorted(CLASS)
    assert list(rows[0]) == ["student", "nag", "total"]
    assert proc.stdout.strip().endswith("gradebook.csv")


def test_scores_match_each_submission(graded):
    _, out, _ = graded
    scores = {r["student"]: float(r["nag"]) for r in gradebook(out)}
    assert scores["alice"] == scores["bob"] == 10.0
    assert 0 < scores["carol"] < 10
    assert scores["erin"] == 0.0
    assert scores["frank"] == 0.0
    assert 0 < scores["grace"] < 10
    assert {r["student"]: float(r["total"]) for r in gradebook(out)} == scores


def test_broken_and_hanging_students_get_explicit_statuses(graded):
    _, out, _ = graded
    erin = checks_of(record(out, "erin"))
    assert {t["status"] for t in erin} == {"error"}
    assert "could not be imported" in erin[0]["output"]
    frank = checks_of(record(out, "frank"))
    assert {t["status"] for t in frank} == {"timeout"}
    assert "did not finish in time" in frank[0]["output"]
    for sid in CLASS:
        rec = record(out, sid)
        assert rec["student"] == sid and rec["status"] == "graded" and not rec["internal_error"]
        assert rec["submission"] == f"hw-nag-{sid}"


def test_feedback_page_per_student_escapes_student_text(graded):
    _, out, _ = graded
    for sid in CLASS:
        assert (out / "feedback" / f"{sid}.html").is_file()
    page = (out / "feedback" / "grace.html").read_text()
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "<svg" in (out / "feedback" / "alice.html").read_text()


def test_rerun_resumes_without_regrading_and_force_regrades(graded):
    roster, out, _ = graded
    before = {sid: (out / "students" / f"{sid}.json").stat().st_mtime_ns for sid in CLASS}
    again = run_batch(roster, out, "--jobs", "2", "--timeout-scale", "0.2")
    assert again.returncode == 1, again.stderr
    assert "6 of 6 students already graded" in again.stderr
    assert {sid: (out / "students" / f"{sid}.json").stat().st_mtime_ns for sid in CLASS} == before
    assert len(gradebook(out)) == len(CLASS)

    forced = run_batch(roster, out, "--jobs", "2", "--timeout-scale", "0.2", "--force", "--shard", "1/4")
    regraded = {sid for sid in CLASS if (out / "students" / f"{sid}.json").stat().st_mtime_ns != before[sid]}
    assert forced.returncode == 1, forced.stderr
    assert regraded == {"alice", "frank"}  # sorted ids 0 and 4: shard 1 of 4
