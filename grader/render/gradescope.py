"""Gradescope's ``results.json``: one entry per declared check, plus a summary.

Fields follow Gradescope's autograder specification: top-level ``score``,
``execution_time``, ``output``, ``output_format``, ``stdout_visibility`` and ``tests``;
each test has ``score``, ``max_score``, ``status`` (``passed``/``failed``), ``name``,
``number``, ``output`` and ``visibility``. Hidden checks get ``hidden_visibility``
(default ``after_published``): their names, points and messages reach the student only
once the instructor publishes grades, so the top-level ``output`` never details them.
"""

from __future__ import annotations

import json

from grader.model import AssignmentResult, Status, SubmissionResult, TestResult, shown

# Statuses other than passed/failed are folded into "failed" for Gradescope, but the
# message says what happened, so a timeout is not mistaken for a wrong answer.
_PREFIX = {Status.ERROR: "error", Status.TIMEOUT: "timed out", Status.MISSING: "missing",
           Status.SKIPPED: "skipped"}


def _test_output(test: TestResult) -> str:
    prefix = _PREFIX.get(test.status)
    if prefix and test.output:
        return f"[{prefix}] {test.output}"
    return f"[{prefix}]" if prefix else test.output


def _entries(result: SubmissionResult, hidden_visibility: str) -> list[dict]:
    several = len(result.results) > 1
    entries = []
    for a, assignment in enumerate(result.results, start=1):
        for t, test in enumerate(assignment.tests, start=1):
            entries.append({
                "name": f"{assignment.assignment}: {test.name}" if several else test.name,
                "number": f"{a}.{t}",
                "score": shown(test.score),
                "max_score": test.max_score,
                "status": "passed" if test.status is Status.PASSED else "failed",
                "output": _test_output(test),
                "output_format": "text",
                "tags": [assignment.assignment, "hidden" if test.hidden else "public"],
                "visibility": hidden_visibility if test.hidden else "visible",
            })
    return entries


def _assignment_summary(assignment: AssignmentResult) -> list[str]:
    public = [t for t in assignment.tests if not t.hidden]
    hidden = [t for t in assignment.tests if t.hidden]
    passed = sum(t.status is Status.PASSED for t in public)
    where = f" ({assignment.source})" if assignment.source else ""
    lines = [f"{assignment.assignment}{where}: {passed} of {len(public)} public checks passed."]
    for test in public:
        if test.status is not Status.PASSED:
            lines.append(f"  - {test.name}: {_test_output(test)}")
    if hidden:
        lines.append(f"  {len(hidden)} hidden checks were also run; their results appear "
                     "when grades are published.")
    return lines


def summary(result: SubmissionResult) -> str:
    """The top-level text: what failed among the public checks, and why (no hidden details)."""
    lines = []
    for assignment in result.results:
        lines.extend(_assignment_summary(assignment))
    lines.extend(f"Warning: {w}" for w in result.warnings)
    if result.internal_error:
        lines.append("The grader hit an internal error on some checks (marked [error]); "
                     "your instructor has been told through the results.")
    return "\n".join(lines)


def as_data(result: SubmissionResult, hidden_visibility: str = "after_published",
            execution_time: float | None = None) -> dict:
    if execution_time is None:
        execution_time = sum(t.seconds for r in result.results for t in r.tests)
    return {
        "score": shown(result.score),
        "execution_time": round(float(execution_time), 3),
        "output": summary(result),
        "output_format": "text",
        "stdout_visibility": "hidden",
        "tests": _entries(result, hidden_visibility),
    }


def render(result: SubmissionResult, hidden_visibility: str = "after_published",
           execution_time: float | None = None, **_options) -> str:
    """``results.json`` text for ``result``; see the module docstring for the fields."""
    return json.dumps(as_data(result, hidden_visibility, execution_time), indent=2, ensure_ascii=False) + "\n"
