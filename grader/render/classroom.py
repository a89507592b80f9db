"""The GitHub Classroom runner payload read by ``autograding-grading-reporter@v1``.

The reporter decodes base64 of a JSON object
``{"version": 1, "status": "pass"|"fail"|"error", "max_score": N, "tests": [...]}``,
adds up every ``tests[].score`` into the student's points and ``max_score`` into the
maximum. It skips a payload whose ``max_score`` is 0 or missing and crashes (losing
every runner's points) on one without a ``tests`` list, so both are always present.
Scores are fractional, exactly the grader's.
"""

from __future__ import annotations

import base64
import json

from grader.model import Status, SubmissionResult, TestResult, shown

# The reporter fails the job on "fail" and "error" alike; "error" is kept for the
# grader's own internal errors so instructors can tell them apart in the payload.
_STATUS = {Status.PASSED: "pass", Status.ERROR: "error"}


def _inert(text: str) -> str:
    """Text that cannot start a workflow command (``::name::``) when the reporter prints it.

    Messages can quote what a submission raised, so "::" is broken with a zero-width space.
    """
    return text.replace("::", ":\u200b:")


def _test(assignment: str, source: str, test: TestResult, several: bool) -> dict:
    status = _STATUS.get(test.status, "fail")
    message = test.output if test.output else ("passed" if status == "pass" else test.status.value)
    entry = {
        "name": _inert(f"{assignment}: {test.name}" if several else test.name),
        "status": status,
        "score": shown(test.score),
        "message": _inert(message),
        "test_code": f"grader grade -a {assignment}" + (" (hidden test)" if test.hidden else ""),
        "filename": source or f"{assignment}.py",
        "line_no": 0,
        "duration": int(round(test.seconds * 1000)),  # milliseconds
    }
    return entry


def as_data(result: SubmissionResult) -> dict:
    several = len(result.results) > 1
    tests = [_test(r.assignment, r.source, t, several) for r in result.results for t in r.tests]
    max_score = shown(result.max_score)
    if not tests or max_score <= 0:
        # Never hand the reporter an empty runner: it would drop or crash on it.
        tests = [{"name": "grading", "status": "error", "score": 0,
                  "message": "the grader found no checks to run for this submission",
                  "test_code": "grader grade", "filename": "", "line_no": 0, "duration": 0}]
        max_score = max(max_score, 1)
    if result.internal_error:
        status = "error"
    else:
        status = "pass" if all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": 1, "status": status, "max_score": max_score, "tests": tests}


def encode(data: dict) -> str:
    return base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def decode(payload: str) -> dict:
    return json.loads(base64.b64decode(payload.strip()).decode("utf-8"))


def render(result: SubmissionResult, **_options) -> str:
    """The base64 payload, one line."""
    return encode(as_data(result)) + "\n"
