"""Public tests for `lstm`: checks you can run yourself with `grader check`.

They use small hand-computed examples (the gate values are chosen so that σ and tanh
give simple fractions), shapes, and self-consistency: your backward functions are
compared with numerical derivatives of YOUR OWN forward functions, along random
directions. The hidden tests use other, random inputs.
"""

import numpy as np
import pytest

from grader.checks import backward_agrees_with_own_forward, check_shape, combine, compare, recurrent_parameters


LN2, LN3 = np.log(2.0), np.log(3.0)

# One step with N = 2, D = 2, H = 1 (so the four gate blocks are single columns i, f, o, g).
# Row 0: a = x·Wx + h·Wh + b = (ln 3, 2 ln 3, 0, 0) + (0, 0, −ln 3, 0) + (0, 0, 0, ln 2)
#        = (ln 3, ln 9, −ln 3, ln 2), so i = 3/4, f = 9/10, o = 1/4, g = tanh(ln 2) = 3/5;
#        c_next = 9/10 · 1 + 3/4 · 3/5 = 1.35 and h_next = 1/4 · tanh(1.35).
# Row 1: x = 0, h = 0, c = 0, so a = b: i = f = o = 1/2, g = 3/5; c_next = 0.3,
#        h_next = 1/2 · tanh(0.3).
STEP_X = np.array([[1.0, 2.0], [0.0, 0.0]])
STEP_H = np.array([[-1.0], [0.0]])
STEP_C = np.array([[1.0], [0.0]])
STEP_WX = np.array([[LN3, 0.0, 0.0, 0.0], [0.0, LN3, 0.0, 0.0]])
STEP_WH = np.array([[0.0, 0.0, LN3, 0.0]])
STEP_B = np.array([0.0, 0.0, 0.0, LN2])


@pytest.mark.points(0.5)
def test_sigmoid_values(student):
    """sigmoid at 0, ±ln 3, ln 9 and at large |x| (no NaN, no overflow)"""
    # e^750 overflows float64: a form that computes it for large x gives inf/inf = NaN.
    small, big = student.values("sigmoid", [(np.array([0.0, LN3, -LN3, np.log(9.0)]),),
                                            (np.array([[-1e4, -750.0], [750.0, 1e4]]),)])
    exact = compare(small, np.array([0.5, 0.75, 0.25, 0.9]), "sigmoid")
    large = compare(big, np.array([[0.0, 0.0], [1.0, 1.0]]), "sigmoid (at |x| ≥ 750)",
                    hint="compute e^t only for t ≤ 0, e.g. e^x / (1 + e^x) when x < 0")
    return combine([exact, large])


@pytest.mark.points(0.5)
def test_step_forward_example(student):
    """lstm_step_forward on a hand-computed example (i = 3/4, f = 9/10, o = 1/4, g = 3/5)"""
    next_h, next_c, _ = student.lstm_step_forward(STEP_X, STEP_H, STEP_C, STEP_WX, STEP_WH, STEP_B)
    hint = "a is split in blocks i, f, o, g (in that order); h_next = o ⊙ tanh(c_next)"
    return combine([
        compare(next_c, np.array([[1.35], [0.3]]), "lstm_step_forward → next_c", hint=hint),
        compare(next_h, np.array([[0.25 * np.tanh(1.35)], [0.5 * np.tanh(0.3)]]),
                "lstm_step_forward → next_h", hint=hint),
    ])


@pytest.mark.points(0.5)
def test_forward_shape_and_first_step(student, rng):
    """lstm_forward returns h of shape (N, T, H), and h[:, 0] is one lstm_step_forward from c0 = 0"""
    N, T, D, H = 2, 3, 4, 3
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    Wx, Wh, b = recurrent_parameters(rng, D, H, 4)
    (h, _), (other, _), (next_h, _, _) = student.values_each([  # one round trip
        ("lstm_forward", (x, h0, Wx, Wh, b)), ("lstm_forward", (x[:, ::-1], h0, Wx, Wh, b)),
        ("lstm_step_forward", (x[:, 0, :], h0, np.zeros((N, H)), Wx, Wh, b))])
    shape = check_shape(h, (N, T, H), "lstm_forward → h", inputs=(x, h0), other=other)
    if not shape.passed:
        return shape
    return compare(h[:, 0, :], next_h, "lstm_forward → h[:, 0] (should equal your lstm_step_forward "
                   "from h0 and c0 = 0)")


@pytest.mark.points(0.5)
def test_step_backward_matches_own_forward(student, rng):
    """lstm_step_backward agrees with numerical derivatives of your lstm_step_forward"""
    N, D, H = 2, 3, 2
    Wx, Wh, b = recurrent_parameters(rng, D, H, 4)
    args = [rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H)), Wx, Wh, b]
    dnext_h, dnext_c = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    return backward_agrees_with_own_forward(student, "lstm_step_forward", "lstm_step_backward", args,
                                            [dnext_h, dnext_c], ("dx", "dprev_h", "dprev_c", "dWx", "dWh", "db"), rng,
                                            dense=True)


@pytest.mark.points(0.5)
def test_backward_matches_own_forward(student, rng):
    """lstm_backward agrees with numerical derivatives of your lstm_forward"""
    N, T, D, H = 2, 3, 3, 2
    Wx, Wh, b = recurrent_parameters(rng, D, H, 4)
    args = [rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), Wx, Wh, b]
    dh = rng.normal(size=(N, T, H))
    return backward_agrees_with_own_forward(student, "lstm_forward", "lstm_backward", args, [dh],
                                            ("dx", "dh0", "dWx", "dWh", "db"), rng, dense=True)
