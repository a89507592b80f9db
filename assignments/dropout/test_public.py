"""Public tests for `dropout`: small examples you can run with `grader check`.

Test mode and the weight scaling are checked on hand-computed values. Training mode
is random, so it is checked by properties every correct answer has: each output is 0
or the (scaled) input, roughly a fraction 1 − p of the units is kept, and the backward
pass uses the mask of the forward pass.
"""

import numpy as np
import pytest

from grader.checks import SeededRng, Verdict, away_from_zero, check_shape, combine, compare, expect_raises_each

FORWARDS = ("dropout_forward", "inverted_dropout_forward")
X = np.array([[1.0, -2.0],
              [4.0, 0.5]])


def nonzero_input(shape, seed=0):
    """Inputs of magnitude 0.5 to 1.5 with random signs: never 0, so a dropped unit is
    recognisable as an exact 0 in the output."""
    return away_from_zero(np.random.default_rng(seed), shape, 0.5, 1.5)


@pytest.mark.points(0.5)
def test_test_mode_example(student):
    """test mode on a 2 × 2 example with p = 0.25: x·(1 − p) (classic), x (inverted)"""
    # out = x is right for inverted dropout at test time, and is also what a function that
    # does nothing returns: it counts when the same function drops units while training.
    x = nonzero_input((10, 12), seed=5)
    (classic, _), (inverted, _), (training, _) = student.values_each([  # one round trip
        ("dropout_forward", (X, 0.25, False, SeededRng(0))),
        ("inverted_dropout_forward", (X, 0.25, False, SeededRng(0))),
        ("inverted_dropout_forward", (x, 0.25, True, SeededRng(6)))])
    training = check_shape(training, x.shape, "inverted_dropout_forward → out (training mode)", inputs=(x,))
    inverted_verdict = compare(inverted, X, "inverted_dropout_forward → out")
    if inverted_verdict.passed and not training.passed:
        inverted_verdict = Verdict.fail(f"out = x in test mode counts only when training mode drops units: "
                                        f"{training.message}")
    return combine([compare(classic, np.array([[0.75, -1.5], [3.0, 0.375]]), "dropout_forward → out"),
                    inverted_verdict])


def check_training_output(func: str, out, x, p) -> Verdict:
    """Every output is 0 or x times the function's factor, and about 1 − p of them are kept."""
    name = f"{func} → out"
    shape = check_shape(out, x.shape, name, inputs=(x,))
    if not shape.passed:
        return shape
    factor = 1.0 if func == "dropout_forward" else 1.0 / (1.0 - p)
    kept = out != 0
    values = compare(out, np.where(kept, factor * x, 0.0), f"{name} (the units kept)")
    if not values.passed:
        return values
    fraction = kept.mean()
    bound = 6 * np.sqrt(p * (1 - p) / x.size)  # six standard deviations of the kept fraction
    if abs(fraction - (1 - p)) > bound:
        return Verdict.fail(f"{name}: kept {fraction:.0%} of the units with p = {p}; about 1 − p = "
                            f"{1 - p:.0%} should be kept (p is the probability of DROPPING a unit)")
    return Verdict.ok()


@pytest.mark.points(0.5)
def test_training_outputs(student):
    """training mode with p = 0.25: each output is 0 or the (scaled) input, about 75% kept"""
    x = nonzero_input((20, 30))
    outputs = student.values_each([(f, (x, 0.25, True, SeededRng(1))) for f in FORWARDS])
    return combine([check_training_output(f, out, x, 0.25) for f, (out, _) in zip(FORWARDS, outputs)])


@pytest.mark.points(0.5)
def test_backward_uses_forward_mask(student):
    """dropout_backward multiplies dout by the forward pass's mask (both forward functions)"""
    x = nonzero_input((10, 12), seed=2)
    dout = np.random.default_rng(3).normal(size=x.shape)
    # Both forward passes in one round trip, then the backward passes of those whose output
    # has the right shape (a backward given a broken cache may raise: it is not asked to).
    forwards = student.values_each([(func, (x, 0.4, True, SeededRng(4))) for func in FORWARDS])
    shapes = [check_shape(out, x.shape, f"{func} → out", inputs=(x,)) for func, (out, _) in zip(FORWARDS, forwards)]
    backwards = iter(student.values("dropout_backward", [(dout, cache) for (_, cache), shape in zip(forwards, shapes)
                                                         if shape.passed]))
    verdicts = []
    for func, (out, _), shape in zip(FORWARDS, forwards, shapes):
        if not shape.passed:
            verdicts.append(shape)
            continue
        dx = next(backwards)
        # out / x is the factor each unit was multiplied by: 0 where dropped.
        verdicts.append(compare(dx, dout * (out / x), f"dropout_backward → dx (cache of {func})"))
    return combine(verdicts)


@pytest.mark.points(0.5)
def test_scale_weights_example(student):
    """scale_weights_for_test on a 2 × 2 example with p = 0.25"""
    W = np.array([[1.0, -2.0], [0.5, 4.0]])
    return compare(student.scale_weights_for_test(W, 0.25), np.array([[0.75, -1.5], [0.375, 3.0]]),
                   "scale_weights_for_test")


@pytest.mark.points(0.5)
def test_rejects_p_equal_to_one(student):
    """both forward functions raise ValueError for p = 1"""
    return combine(expect_raises_each(student, ValueError, [(f, X, 1.0, True, SeededRng(0)) for f in FORWARDS]))
