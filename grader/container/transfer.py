"""A ``SubmissionResult`` as JSON and back, exactly: what the grader in the container hands
the grader on the host.

Unlike the JSON report (rounded points, warnings merged), this keeps every field, so that
the host renders and exits exactly as the grader inside would have. The file is written by
the trusted grader inside the container; it is still read as untrusted data: any malformed
value is a ``TransferError``, never a partly built result.
"""

from __future__ import annotations

import json
import math

from grader.model import AssignmentResult, Status, SubmissionResult, TestResult

FORMAT = "dl-grader-result/1"


class TransferError(Exception):
    """The file is not a complete result."""


def dumps(result: SubmissionResult) -> str:
    return json.dumps({
        "format": FORMAT, "warnings": list(result.warnings), "isolation": result.isolation,
        "results": [{"assignment": r.assignment, "warnings": list(r.warnings), "source": r.source,
                     "internal_error": r.internal_error,
                     "tests": [{"name": t.name, "status": t.status.value, "score": t.score,
                                "max_score": t.max_score, "output": t.output, "hidden": t.hidden,
                                "seconds": t.seconds, "mistakes": list(t.mistakes),
                                "fingerprint": t.fingerprint} for t in r.tests]}
                    for r in result.results]}, ensure_ascii=False) + "\n"


def loads(text: str) -> SubmissionResult:
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TransferError("not a dl-grader result")
        return SubmissionResult(tuple(_assignment(r) for r in _list(data["results"])),
                                tuple(_str(w) for w in _list(data["warnings"])), _str(data["isolation"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise TransferError(f"malformed result: {exc}") from None


def _assignment(data: dict) -> AssignmentResult:
    return AssignmentResult(_str(data["assignment"]), tuple(_test(t) for t in _list(data["tests"])),
                            tuple(_str(w) for w in _list(data["warnings"])), _str(data["source"]),
                            _bool(data["internal_error"]))


def _test(data: dict) -> TestResult:
    return TestResult(_str(data["name"]), Status(data["status"]), _number(data["score"]),
                      _number(data["max_score"]), _str(data["output"]), _bool(data["hidden"]),
                      _number(data["seconds"]), tuple(_str(m) for m in _list(data["mistakes"])),
                      _str(data["fingerprint"]))


def _list(value) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _str(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _bool(value) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError(f"expected a finite number, got {value!r}")
    return float(value)
