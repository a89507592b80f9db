"""The result handed from the grader in the container to the host: exact, and refused when malformed."""

from __future__ import annotations

import json

import pytest

from grader.container.transfer import TransferError, dumps, loads
from grader.model import AssignmentResult, Status, SubmissionResult, TestResult

RESULT = SubmissionResult(
    (AssignmentResult("nag", (TestResult("a", Status.PASSED, 2 / 3, 1.0, "", False, 0.25),
                              TestResult("b", Status.FAILED, 0.0, 1.5, "wrong ‖θ‖", True, 0.5,
                                         ("gradient_at_theta",), "0123456789abcdef")),
                      ("a warning",), "nag.py"),
     AssignmentResult("lstm", (TestResult("c", Status.ERROR, 0.0, 2.0, "crash", True),), internal_error=True)),
    ("a warning", "another"), "container (podman): root (full)")


def test_a_result_comes_back_exactly():
    back = loads(dumps(RESULT))
    assert back == RESULT
    assert back.internal_error and back.results[0].tests[0].score == 2 / 3  # not rounded


@pytest.mark.parametrize("change", [
    lambda d: d.update(format="other"),
    lambda d: d.pop("isolation"),
    lambda d: d["results"][0]["tests"][0].update(status="excellent"),
    lambda d: d["results"][0]["tests"][0].update(score="10"),
    lambda d: d["results"][0]["tests"][0].update(score=float("inf")),
    lambda d: d["results"][0]["tests"][0].update(hidden=1),
    lambda d: d["results"][0].update(tests={"a": 1}),
    lambda d: d.update(warnings=[3]),
])
def test_a_malformed_result_is_refused(change):
    data = json.loads(dumps(RESULT))
    change(data)
    with pytest.raises(TransferError):
        loads(json.dumps(data))


def test_text_that_is_not_json_is_refused():
    with pytest.raises(TransferError):
        loads("{not json")
