"""Public tests for `gru`: checks you can run yourself with `grader check`.

A hand-computed step (the gates are chosen so that σ and tanh give simple fractions),
shapes, and self-consistency: your gru_forward is compared with chaining your own
gru_step_forward, and your backward functions with numerical derivatives of YOUR OWN
forward functions along random directions. The hidden tests use other, random inputs
and judge every gradient against numerical gradients of a correct GRU.
"""

import numpy as np
import pytest

from grader.checks import (Earlier, backward_agrees_with_own_forward, check_shape, combine, compare,
                           recurrent_sequence, recurrent_step)

LN2, LN3 = np.log(2.0), np.log(3.0)

# One step with N = 1, D = 1, H = 2; the blocks of Wx, Wh and b are z, r, n (2 columns each).
#   a_z = b_z = (ln 3, 0)                     -> z = (3/4, 1/2)
#   a_r = x·Wx_r = (0, −ln 3)                 -> r = (1/2, 1/4)
#   r ⊙ prev_h = (1/2·2, 1/4·4) = (1, 1)
#   a_n = (r ⊙ prev_h)·Wh_n + b_n = (0, ln 2) + (ln 2, 0) = (ln 2, ln 2)   -> n = tanh(ln 2) = 3/5
#   next_h = (1 − z) ⊙ prev_h + z ⊙ n = (1/4·2 + 3/4·3/5, 1/2·4 + 1/2·3/5) = (0.95, 2.3)
STEP_X = np.array([[1.0]])
STEP_H = np.array([[2.0, 4.0]])
STEP_WX = np.array([[0.0, 0.0, 0.0, -LN3, 0.0, 0.0]])
STEP_WH = np.array([[0.0, 0.0, 0.0, 0.0, 0.0, LN2],
                    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]])
STEP_B = np.array([LN3, 0.0, 0.0, 0.0, LN2, 0.0])
STEP_NEXT_H = np.array([[0.95, 2.3]])

STEP_GRADS = ("dx", "dprev_h", "dWx", "dWh", "db")
SEQ_GRADS = ("dx", "dh0", "dWx", "dWh", "db")


def step_problem(rng, N=3, D=4, H=3):
    """Arguments of gru_step_forward and an upstream gradient [dnext_h]."""
    return recurrent_step(rng, N, D, H, blocks=3)


def sequence_problem(rng, N=2, T=4, D=2, H=3):
    """Arguments of gru_forward and an upstream gradient [dh] on every step."""
    return recurrent_sequence(rng, N, T, D, H, blocks=3)


@pytest.mark.points(0.5)
def test_step_forward_example(student):
    """gru_step_forward on a hand-computed step (z = 3/4, 1/2; r = 1/2, 1/4; n = 3/5)"""
    next_h, _ = student.gru_step_forward(STEP_X, STEP_H, STEP_WX, STEP_WH, STEP_B)
    return compare(next_h, STEP_NEXT_H, "gru_step_forward → next_h",
                   hint="blocks z, r, n; n = tanh(x·Wx_n + (r ⊙ prev_h)·Wh_n + b_n); "
                        "next_h = (1 − z) ⊙ prev_h + z ⊙ n")


@pytest.mark.points(0.25)
def test_output_shapes(student):
    """gru_step_forward and gru_step_backward return arrays of the documented shapes"""
    rng = np.random.default_rng(0)
    args, _ = step_problem(rng)
    x, prev_h, Wx, Wh, b = args
    other_x, dnext_h = rng.normal(size=x.shape), rng.normal(size=prev_h.shape)
    (next_h, _), (other_h, _), grads = student.values_each([  # one round trip; the backward gets the first cache
        ("gru_step_forward", args), ("gru_step_forward", (other_x, prev_h, Wx, Wh, b)),
        ("gru_step_backward", (dnext_h, Earlier(0, 1)))])
    shape = check_shape(next_h, prev_h.shape, "gru_step_forward → next_h", inputs=(prev_h,), other=other_h)
    if not shape.passed:
        return shape
    return combine([check_shape(g, a.shape, f"gru_step_backward → {name}", inputs=(a,))
                    for g, a, name in zip(grads, args, STEP_GRADS)])


@pytest.mark.points(0.25)
def test_forward_chains_steps(student):
    """gru_forward equals chaining your own gru_step_forward from h0 (T = 3)"""
    rng = np.random.default_rng(1)
    (x, h0, Wx, Wh, b), _ = sequence_problem(rng, T=3)
    # One round trip: the sequence, then the steps, each given the next_h of the step before.
    (h, _), *steps = student.values_each([("gru_forward", (x, h0, Wx, Wh, b))] + [
        ("gru_step_forward", (x[:, t, :], Earlier(t, 0) if t else h0, Wx, Wh, b)) for t in range(3)])
    shape = check_shape(h, (2, 3, 3), "gru_forward → h", inputs=(x, h0))
    if not shape.passed:
        return shape
    for t, (prev_h, _) in enumerate(steps):
        verdict = compare(h[:, t, :], prev_h, f"gru_forward → h[:, {t}] (compared with your gru_step_forward)",
                          hint="start from h0; next_h of step t is prev_h of step t + 1")
        if not verdict.passed:
            return verdict
    return None


@pytest.mark.points(0.75)
def test_step_backward_matches_own_forward(student):
    """gru_step_backward is the gradient of your own gru_step_forward (numerical check)"""
    rng = np.random.default_rng(2)
    args, ups = step_problem(rng)
    return backward_agrees_with_own_forward(student, "gru_step_forward", "gru_step_backward", args, ups,
                                            STEP_GRADS, rng, dense=True)


@pytest.mark.points(0.75)
def test_backward_matches_own_forward(student):
    """gru_backward is the gradient of your own gru_forward (numerical check, T = 4)"""
    rng = np.random.default_rng(3)
    args, ups = sequence_problem(rng)
    return backward_agrees_with_own_forward(student, "gru_forward", "gru_backward", args, ups, SEQ_GRADS, rng,
                                            dense=True)
