"""The shared helpers of grader.checks: real-work guards, mistake matching, layering."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from grader.checks import (OwnBackward, agreements, agrees_with_own_forward, away_from_zero, backward_agreements,
                           backward_agrees_with_own_forward, combine_cases, compare_dict, is_integer, known_mistake,
                           loss_along, real_output, recurrent_step, upstream_loss, Verdict, written_arguments)

CHECKS = Path(__file__).resolve().parents[2] / "grader" / "checks"


def test_echo_forward_earns_no_own_forward_credit():
    rng = np.random.default_rng(0)
    x, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    echo = loss_along(lambda v: (v, None), [x], 0, upstream_loss([dout]))
    verdict = agrees_with_own_forward(echo, x, dout.copy(), rng, "dx", "f")
    assert not verdict.passed and "is one of the inputs" in verdict.message
    real = loss_along(lambda v: (np.tanh(v), None), [x], 0, upstream_loss([dout]))
    assert agrees_with_own_forward(real, x, dout * (1 - np.tanh(x) ** 2), rng, "dx", "f").passed


def test_several_gradients_are_checked_together_as_they_would_be_one_by_one():
    # f(a, b) = (tanh(a·b), None): right gradients for a, a wrong one for b, and one of the
    # wrong shape; all the points go to the forward in one batch.
    rng = np.random.default_rng(3)
    a, b, dout = rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    batches = []

    def forward(x, y):
        return np.tanh(x * y), None

    def forward_many(arg_lists):
        batches.append(len(arg_lists))
        return [forward(*args) for args in arg_lists]

    loss = upstream_loss([dout])
    out = forward(a, b)
    own = [loss_along(forward_many, [a, b], k, loss, output=out, many=True) for k in (0, 1, 1)]
    local = dout * (1 - np.tanh(a * b) ** 2)
    checks = [(own[0], a, local * b, "da"), (own[1], b, local * a + 0.1, "db"), (own[2], b, np.ones(3), "db again")]
    together = agreements(checks, np.random.default_rng(7), "f")
    alone_rng = np.random.default_rng(7)
    alone = [agrees_with_own_forward(o, x, g, alone_rng, n, "f") for o, x, g, n in checks]
    assert [v.passed for v in together] == [True, False, False]
    assert [(v.passed, v.message) for v in together] == [(v.passed, v.message) for v in alone]
    assert batches[0] == 2 * 2 * 2 and len(batches) == 1 + 2  # 2 checks × 2 directions × ±h, in one batch


class _RoundTrips:
    """A student of plain functions that counts its round trips (one per batch of calls)."""

    def __init__(self, functions: dict):
        self.functions, self.trips = functions, 0

    def values_each(self, calls):
        self.trips += 1
        return [self.functions[name](*args) for name, args in calls]

    def values(self, name, arg_lists):
        return self.values_each([(name, args) for args in arg_lists])

    def forward_backward_each(self, passes):
        self.trips += 1
        done = []
        for forward, args, backward, upstream in passes:
            out = self.functions[forward](*args)
            done.append((out, self.functions[backward](*upstream, out[-1])))
        return done


def test_backward_agreements_judge_as_the_cases_one_by_one_in_two_round_trips():
    functions = {"tanh_forward": lambda x: (np.tanh(x), x),
                 "tanh_backward": lambda d, x: d * (1 - np.tanh(x) ** 2),
                 "scale_forward": lambda x, w: (x * w, (x, w)),
                 "scale_backward": lambda d, cache: (d * cache[1], (d * cache[0]).sum(axis=0) + 0.5),  # dw wrong
                 "echo_forward": lambda x: (x, None),
                 "echo_backward": lambda d, cache: d}
    rng = np.random.default_rng(0)
    x, w, dout = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(3, 4))
    cases = [OwnBackward("tanh_forward", "tanh_backward", (x,), [dout], ("dx",), single=True),
             OwnBackward("scale_forward", "scale_backward", (x, w), [dout], ("dx", "dw")),
             OwnBackward("echo_forward", "echo_backward", (x,), [dout], ("dx",), single=True)]
    together = backward_agreements(_RoundTrips(functions), cases, np.random.default_rng(5))
    alone_rng, student = np.random.default_rng(5), _RoundTrips(functions)
    alone = [backward_agrees_with_own_forward(student, *case[:5], alone_rng, single=case.single) for case in cases]
    assert [(v.fraction, v.message) for v in together] == [(v.fraction, v.message) for v in alone]
    assert [v.fraction for v in together] == [1.0, 0.5, 0.0]  # dw wrong; an echo earns nothing
    assert student.trips == 2 + 2 + 1  # one by one: passes and points per case (none for the echo)
    counted = _RoundTrips(functions)
    backward_agreements(counted, cases, np.random.default_rng(5))
    assert counted.trips == 2


def test_a_plain_callable_is_refused_an_own_loss_is_needed():
    # Only an OwnLoss sends its points to the student's forward together (one round trip).
    with pytest.raises(TypeError):
        agrees_with_own_forward(lambda v: float(np.sum(v)), np.ones(3), np.ones(3), np.random.default_rng(0), "d", "f")
    with pytest.raises(TypeError):
        agrees_with_own_forward(lambda v: float(np.sum(v)), np.ones(3), np.ones(3), np.random.default_rng(0), "d", "f",
                                forward_out=np.ones(3), inputs=(np.zeros(3),))


def test_real_output_scalars_and_tuples():
    assert not real_output(0.3, "p", inputs=({"W": np.ones(2)}, 0.3)).passed
    assert real_output(0.7, "p", inputs=({"W": np.ones(2)}, 0.3)).passed
    x = np.arange(6.0).reshape(2, 3)
    assert not real_output((x, object()), "out", inputs=[x]).passed
    assert real_output((x + 1, object()), "out", inputs=[x]).passed


class _Mistake:
    def __init__(self, value, hint):
        self.module, self.hint = value, hint


def test_known_mistake_matches_nan_with_nan():
    got = np.array([1.0, np.nan, np.inf])
    mistakes = [_Mistake(np.array([1.0, np.nan, -np.inf]), "sign"), _Mistake(got.copy(), "overflow")]
    assert known_mistake(np.zeros(3), mistakes, lambda m: m, got) == "overflow"


def test_written_arguments_flags_in_place_writes_on_copies():
    def scale(a, b, lst):
        a *= 2
        lst[0] += 1
    a, b, lst = np.ones(2), np.ones(2), [np.zeros(1)]
    assert list(written_arguments(scale, (a, b, lst), ("a", "b", "lst"))) == [1.0, 0.0, 1.0]
    assert np.array_equal(a, np.ones(2)) and lst[0][0] == 0.0


def test_small_helpers():
    rng = np.random.default_rng(1)
    x = away_from_zero(rng, (50,), 0.2, 1.5)
    assert np.all((np.abs(x) >= 0.2) & (np.abs(x) <= 1.5)) and (x < 0).any() and (x > 0).any()
    args, ups = recurrent_step(rng, 2, 3, 4, blocks=4, cell_state=True)
    assert [a.shape for a in args] == [(2, 3), (2, 4), (2, 4), (3, 16), (4, 16), (16,)] and len(ups) == 2
    assert is_integer(3) and is_integer(np.int64(3)) and not is_integer(True) and not is_integer(3.0)
    assert not compare_dict({"a": np.ones(2)}, {"a": np.ones(2), "b": np.ones(1)}, "g").passed
    merged = combine_cases([Verdict.ok(), Verdict.fail("wrong")], "cases")
    assert merged.fraction == 0.5 and "(wrong on 1 of 2 cases)" in merged.message


def test_checks_import_nothing_from_the_engine():
    for path in CHECKS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.startswith(("grader.engine", "solutions")) for n in names), path.name


def test_centred_passes_weights_of_any_scale_around_zero_only():
    from grader.checks import centred
    rng = np.random.default_rng(0)
    assert centred(rng.normal(0, 5.0, size=(200, 200)), "W").passed
    assert centred(rng.uniform(-0.01, 0.01, size=(200, 200)), "W").passed
    assert not centred(rng.random((200, 200)), "W").passed  # rng.random is centred at 0.5
    assert not centred(np.full((200, 200), 0.1), "W").passed
    assert not centred(rng.normal(size=(5, 5)), "W").passed  # too few to judge


def test_a_dense_gradient_may_have_no_zero_entry():
    from grader.checks import real_gradient
    blocks = np.ones((3, 6))
    blocks[:, 2:] = 0.0  # a cell whose forward ignores two of its three gate blocks
    assert real_gradient(blocks, "dWx").passed  # where zeros can be right (maxout, ReLU)
    verdict = real_gradient(blocks, "dWx", dense=True)
    assert not verdict.passed and "is 0 in 12 of its 18 entries" in verdict.message
    assert real_gradient(np.full((3, 6), 0.5), "dWx", dense=True).passed


def test_only_with_pays_a_check_only_together_with_its_condition():
    from grader.checks import Verdict, only_with
    condition = Verdict.fail("for weights centred at 0")
    assert only_with(Verdict(0.5, "half"), condition, "the shape") == Verdict(0.5, "half")
    assert only_with(Verdict.ok(), condition, "the shape") == Verdict.fail("the shape count only for weights centred at 0")
    assert only_with(Verdict.ok(), Verdict.ok(), "the shape").passed


def test_the_memory_of_a_designed_cell_is_judged_at_its_own_scale():
    from grader.checks.memory_task import SLIDE_X, first_memory_failure, memory_scale, task
    m, _ = task(SLIDE_X)  # 0 3 3 7 7 7 0 6 6
    assert memory_scale([SLIDE_X], [2 * m]) == 2.0 and first_memory_failure(SLIDE_X, 2 * m, 2.0) == ""
    no_reset = np.array([0, 3, 3, 7, 7, 7, 7, 13, 13], dtype=float)
    assert first_memory_failure(SLIDE_X, no_reset, memory_scale([SLIDE_X], [no_reset])).startswith(
        "resetting fails: the memory is wrong from step 7")
    assert memory_scale([SLIDE_X], [np.zeros(9)]) == 0.0
