"""``student.values``, ``student.values_each``, ``student.forward_backward`` and ``student.outcomes`` (behind
``expect_raises_each``): several calls in one round trip, seen by a test exactly as the
calls one by one."""

from __future__ import annotations

import numpy as np
import pytest

from grader.checks import expect_raises, expect_raises_each
from grader.course import load_course
from grader.engine.grade import GradeOptions, open_sandbox
from grader.engine.issues import StudentIssue
from grader.engine.proxy import CacheRef, StudentProxy
from grader.model import Status
from grader.sandbox.protocol import Earlier
from grader.submission import read_source

SOURCE = '''import numpy as np

def rnn_step_forward(x, prev_h, Wx, Wh, b):
    if np.any(x > 100):
        raise ValueError("too large")
    h = np.tanh(x @ Wx + prev_h @ Wh + b)
    return h, (x, prev_h, Wx, Wh, h)

def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, h = cache
    if np.any(dnext_h > 100):
        while True:
            pass
    da = dnext_h * (1 - h ** 2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, prev_h.T @ da, da.sum(axis=0)
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


def test_values_each_mixes_functions_and_stops_where_a_call_fails_as_one_by_one(student):
    rng = np.random.default_rng(6)
    args, dh = arguments(rng), rng.normal(size=(2, 4))
    h, cache = student.value("rnn_step_forward", *args)
    (h2, cache2), grads = student.values_each([("rnn_step_forward", args), ("rnn_step_backward", (dh, cache))])
    apart = student.value("rnn_step_backward", dh, cache)
    assert np.array_equal(h, h2) and isinstance(cache2, CacheRef)
    assert len(grads) == 5 and all(np.array_equal(g, g2) for g, g2 in zip(grads, apart))
    with pytest.raises(StudentIssue) as together:  # the backward after it never runs (it would hang)
        student.values_each([("rnn_step_forward", arguments(rng, scale=1000.0)),
                             ("rnn_step_backward", (np.full((2, 4), 1e3), cache))])
    assert "`rnn_step_forward` raised ValueError" in together.value.message


def test_values_each_chains_a_step_s_output_into_the_next_step_as_a_loop_would(student):
    rng = np.random.default_rng(7)
    x, h0, Wx, Wh, b = arguments(rng)
    xs = [rng.normal(size=(2, 3)) for _ in range(3)]
    chained = student.values_each([("rnn_step_forward", (xt, Earlier(t - 1, 0) if t else h0, Wx, Wh, b))
                                   for t, xt in enumerate(xs)])
    h = h0
    for xt, (got, _) in zip(xs, chained):
        h, _ = student.value("rnn_step_forward", xt, h, Wx, Wh, b)
        assert np.array_equal(got, h)


def test_values_each_passes_keyword_arguments_as_the_calls_one_by_one(student):
    from grader.engine.one_by_one import OneByOne

    rng = np.random.default_rng(8)
    x, h0, Wx, Wh, b = arguments(rng)
    calls = [("rnn_step_forward", (x,), {"prev_h": h0, "Wx": Wx, "Wh": Wh, "b": b}),
             ("rnn_step_forward", (x, Earlier(0, 0)), {"Wx": Wx, "Wh": Wh, "b": b})]
    (h1, _), (h2, _) = student.values_each(calls)
    assert np.array_equal(h1, student.value("rnn_step_forward", x, h0, Wx, Wh, b)[0])
    assert np.array_equal(h2, student.value("rnn_step_forward", x, h1, Wx, Wh, b)[0])

    class Local(OneByOne):  # the in-process form (benchmark, otter export): the same values
        def value(self, name, *args, **kwargs):
            return student.value(name, *args, **kwargs)

    (l1, _), (l2, _) = Local().values_each(calls)
    assert np.array_equal(l1, h1) and np.array_equal(l2, h2)


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


def test_forward_backward_gives_what_the_two_calls_give_one_after_the_other(student):
    rng = np.random.default_rng(2)
    args, dh = arguments(rng), rng.normal(size=(2, 4))
    (h, cache), grads = student.forward_backward("rnn_step_forward", args, "rnn_step_backward", [dh])
    h2, cache2 = student.value("rnn_step_forward", *args)
    grads2 = student.value("rnn_step_backward", dh, cache2)
    assert isinstance(cache, CacheRef) and np.array_equal(h, h2)
    assert len(grads) == 5 and all(np.array_equal(g, g2) for g, g2 in zip(grads, grads2))


def test_forward_backward_raises_the_issue_of_the_call_that_failed(student):
    rng = np.random.default_rng(3)
    with pytest.raises(StudentIssue) as forward:
        student.forward_backward("rnn_step_forward", arguments(rng, scale=1000.0), "rnn_step_backward",
                                 [np.ones((2, 4))])
    assert "`rnn_step_forward` raised ValueError" in forward.value.message
    student.start_test(0.5, hidden=True)
    with pytest.raises(StudentIssue) as backward:  # hangs: the timeout names the backward pass
        student.forward_backward("rnn_step_forward", arguments(rng), "rnn_step_backward", [np.full((2, 4), 1e3)])
    assert backward.value.status is Status.TIMEOUT and "`rnn_step_backward` did not finish" in backward.value.message


def test_expect_raises_each_judges_each_call_as_expect_raises_does(student):
    rng = np.random.default_rng(4)
    calls = [("rnn_step_forward", *arguments(rng, scale=1000.0)), ("rnn_step_forward", *arguments(rng)),
             ("rnn_step_forward", *arguments(rng, scale=1000.0))]
    together = expect_raises_each(student, ValueError, calls)
    apart = [expect_raises(student, ValueError, *call) for call in calls]
    assert [v.passed for v in together] == [v.passed for v in apart] == [True, False, True]
    assert together[1].message == apart[1].message
    assert [v.passed for v in expect_raises_each(student, TypeError, calls[:1])] == [False]


def test_expect_raises_each_stops_the_test_where_a_function_cannot_run(student):
    rng = np.random.default_rng(5)
    with pytest.raises(StudentIssue) as missing:
        expect_raises_each(student, ValueError, [("rnn_step_forward", *arguments(rng, scale=1000.0)),
                                                 ("rnn_forward", *arguments(rng))])
    assert missing.value.status is Status.MISSING and "`rnn_forward`" in missing.value.message


def test_a_missing_file_fails_every_kind_of_call_alike():
    from grader.engine.one_by_one import OneByOne
    from grader.engine.proxy import UnavailableProxy

    proxy = UnavailableProxy(load_course()["rnn"], Status.MISSING, "no rnn.py")
    batched = [n for n in vars(OneByOne) if not n.startswith("_")]  # every way calls travel together
    for name in ["call", "outcome", "value", "tracked", *batched]:
        with pytest.raises(StudentIssue) as issue:
            getattr(proxy, name)("rnn_step_forward", [])
        assert issue.value.status is Status.MISSING and issue.value.message == "no rnn.py", name
