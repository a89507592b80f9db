"""``student.values``: several calls in one round trip, seen by a test exactly as the calls one by one."""

from __future__ import annotations

import numpy as np
import pytest

from grader.course import load_course
from grader.engine.grade import GradeOptions, open_sandbox
from grader.engine.issues import StudentIssue
from grader.engine.proxy import CacheRef, StudentProxy
from grader.model import Status
from grader.submission import read_source

SOURCE = '''import numpy as np

def rnn_step_forward(x, prev_h, Wx, Wh, b):
    if np.any(x > 100):
        raise ValueError("too large")
    h = np.tanh(x @ Wx + prev_h @ Wh + b)
    return h, (x, prev_h, Wx, Wh, h)
'''


@pytest.fixture
def student(tmp_path):
    assignment = load_course()["rnn"]
    path = tmp_path / "rnn.py"
    path.write_text(SOURCE)
    source = read_source(path)
    options = GradeOptions()
    with open_sandbox(source, assignment, options) as sandbox:
        proxy = StudentProxy(sandbox, assignment, options.limits, source)
        proxy.start_test(None, hidden=True)
        yield proxy


def arguments(rng, scale=1.0):
    return (scale * rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(3, 4)),
            rng.normal(size=(4, 4)), rng.normal(size=4))


def test_values_are_the_values_of_the_calls_one_by_one(student):
    rng = np.random.default_rng(0)
    lists = [arguments(rng) for _ in range(4)]
    together = student.values("rnn_step_forward", lists)
    apart = [student.value("rnn_step_forward", *args) for args in lists]
    assert len(together) == 4
    for (h, cache), (h2, cache2) in zip(together, apart):
        assert np.array_equal(h, h2) and isinstance(cache, CacheRef) and isinstance(cache2, CacheRef)
    assert student.values("rnn_step_forward", []) == []


def test_the_first_call_that_raises_raises_the_issue_it_would_raise_alone(student):
    rng = np.random.default_rng(1)
    lists = [arguments(rng), arguments(rng, scale=1000.0), arguments(rng)]
    with pytest.raises(StudentIssue) as together:
        student.values("rnn_step_forward", lists)
    with pytest.raises(StudentIssue) as alone:
        student.value("rnn_step_forward", *lists[1])
    assert together.value.status is alone.value.status is Status.ERROR
    assert together.value.message == alone.value.message
    assert "raised ValueError" in together.value.message
