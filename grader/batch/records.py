"""A student's record: the JSON file that says a student is graded, and what they got.

The record is written last and atomically, after the feedback page, so its presence
means the student is done. The gradebook, the exit code and resuming all read records.
"""

from __future__ import annotations

import json
from pathlib import Path

from grader.model import AssignmentResult, Status, SubmissionResult, TestResult

FORMAT = "dl-grader-student/1"
STUDENTS, FEEDBACK = "students", "feedback"


def record_path(out: Path, student_id: str) -> Path:
    return out / STUDENTS / f"{student_id}.json"


def feedback_path(out: Path, student_id: str) -> Path:
    return out / FEEDBACK / f"{student_id}.html"


def make_record(student_id: str, submission: str, assignments: list[str], seed: int,
                result: SubmissionResult, status: str = "graded", note: str = "") -> dict:
    """The record of one student (``status``: graded, or crashed when the grader failed)."""
    return {"format": FORMAT, "student": student_id, "submission": submission,
            "assignments": list(assignments), "seed": seed, "status": status, "note": note,
            "internal_error": bool(result.internal_error or status != "graded"),
            "all_passed": result.all_passed, "result": result.as_dict()}


def dumps(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def read_record(path: Path) -> dict | None:
    """The record at ``path``, or None when absent or not a complete record."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("result"), dict):
        return None
    return data


def is_done(record: dict | None, student_id: str, assignments: list[str]) -> bool:
    """Whether ``record`` already grades ``student_id`` on exactly ``assignments``."""
    return (record is not None and record.get("student") == student_id
            and record.get("assignments") == list(assignments))


def is_finished(record: dict | None, student_id: str, assignments: list[str], seed: int) -> bool:
    """Whether a rerun may keep ``record``: done (``is_done``), with this run's ``seed`` for
    the student and no internal error. A student whose grading crashed, timed out as a
    whole or hit an internal error is graded again, and so is every student when the seed
    changed (another --seed or --seed-secret)."""
    return (is_done(record, student_id, assignments) and not record.get("internal_error")
            and record.get("seed") == seed)


def scores(record: dict) -> dict[str, float]:
    """Assignment name → score, from a record."""
    graded = record["result"].get("assignments", {})
    return {name: float(graded.get(name, {}).get("score", 0.0)) for name in record["assignments"]}


def errored_result(declared: dict[str, tuple[TestResult, ...]], message: str) -> SubmissionResult:
    """Every declared check ``error`` with ``message``: for a student whose grading crashed."""
    results = tuple(
        AssignmentResult(name, tuple(TestResult(t.name, Status.ERROR, 0.0, t.max_score, message, t.hidden)
                                     for t in tests), internal_error=True)
        for name, tests in declared.items())
    return SubmissionResult(results)
