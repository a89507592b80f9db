"""Hidden grading tests for `lstm`: random inputs with non-zero biases, non-zero h0 and
c_prev, weights of order 0.5, sequences of T ≥ 3 with an upstream gradient on every step.

Backward functions are judged against numerical gradients (central differences, float64)
of the REFERENCE forward computed here in the grader, one test per output so that each
gradient earns its own points. When an output is wrong but agrees with a numerical
derivative of the student's OWN forward, half of its points are kept and the message
says that the forward pass is what needs fixing.
"""

import numpy as np
import pytest

from grader.checks import (GRAD_RTOL, Earlier, FreshCache, Unchanged, Verdict, check_shape, combine, compare,
                           judge_gradient, recurrent_sequence, recurrent_step, with_hint)

pytestmark = pytest.mark.hidden

STEP_GRADS = ("dx", "dprev_h", "dprev_c", "dWx", "dWh", "db")
SEQ_GRADS = ("dx", "dh0", "dWx", "dWh", "db")


def step_problem(rng, N=3, D=4, H=5):
    """Arguments of lstm_step_forward, and upstream gradients (dnext_h, dnext_c), all non-zero."""
    return recurrent_step(rng, N, D, H, blocks=4, cell_state=True)


def sequence_problem(rng, N=2, T=4, D=3, H=4):
    """Arguments of lstm_forward (non-zero h0), and an upstream gradient dh on every step."""
    return recurrent_sequence(rng, N, T, D, H, blocks=4)


# The two kinds of LSTM pass: the forward function, its backward, the backward's outputs
# (the loss is L = Σ outputs ⊙ upstream gradients).
KINDS = {
    "step": ("lstm_step_forward", "lstm_step_backward", STEP_GRADS, step_problem),
    "sequence": ("lstm_forward", "lstm_backward", SEQ_GRADS, sequence_problem),
}


def judge(student, solution, rng, kind, output):
    """Gradient ``output`` of the ``kind`` backward pass (see ``grader.checks.judge_gradient``)."""
    forward, backward, names, problem = KINDS[kind]
    args, ups = problem(rng)
    return judge_gradient(student, solution, forward, backward, args, ups, names.index(output), rng,
                          name=f"{backward} → {output}", dense=True)


# ------------------------------------------------------------------ sigmoid and forward


@pytest.mark.points(0.5)
def test_sigmoid_stable(student, solution, rng):
    """sigmoid for |x| up to 1e4: finite, in [0, 1], equal to σ(x)"""
    big = np.array([-1e4, -5000.0, -800.0, -710.0, -40.0, 40.0, 710.0, 800.0, 5000.0, 1e4])
    x = np.concatenate([big, 3 * rng.normal(size=10)]).reshape(4, 5)
    outcome = student.outcome("sigmoid", x)
    got = student.result("sigmoid", outcome)
    verdict = solution.judge(got, "sigmoid", x, atol=1e-12)
    if not verdict.passed:
        if isinstance(got, np.ndarray) and got.shape == x.shape and not np.isfinite(got).all():
            return Verdict.fail(f"{verdict.message}. Hint: for large |x| compute e^t only for t ≤ 0, i.e. "
                                "1 / (1 + e^(−x)) when x ≥ 0 and e^x / (1 + e^x) when x < 0")
        return verdict
    if "RuntimeWarning" in outcome.warnings:
        # Values are the verdict (SPEC): a warning on the way, e.g. from np.where evaluating
        # both branches, is a note that costs nothing.
        return Verdict(1.0, "note: computing sigmoid raised a RuntimeWarning (an overflow in np.exp, e.g. in "
                            "the branch np.where does not select); the values are right")
    return verdict


@pytest.mark.points(0.5)
def test_step_forward_random(student, solution, rng):
    """lstm_step_forward on random inputs (N = 3, D = 4, H = 5)"""
    args, _ = step_problem(rng)
    return solution.judge(student.lstm_step_forward(*args), "lstm_step_forward", *args)


@pytest.mark.points(0.5)
def test_forward_random(student, solution, rng):
    """lstm_forward over a sequence (N = 2, T = 5, D = 3, H = 4)"""
    args, _ = sequence_problem(rng, T=5)
    return solution.judge(student.lstm_forward(*args), "lstm_forward", *args)


@pytest.mark.points(0.25)
def test_forward_one_step(student, solution, rng):
    """lstm_forward with T = 1 equals one step from h0 and c0 = 0"""
    (x, h0, Wx, Wh, b), _ = sequence_problem(rng, T=1)
    h, _ = student.lstm_forward(x, h0, Wx, Wh, b)
    shape = check_shape(h, x.shape[:2] + h0.shape[1:], "lstm_forward → h")
    if not shape.passed:
        return shape
    step = (x[:, 0, :], h0, np.zeros_like(h0), Wx, Wh, b)
    verdict = compare(h[:, 0, :], solution.run("lstm_step_forward", *step)[0], "lstm_forward → h[:, 0]")
    hint = "" if verdict.passed else solution.recognise(
        lambda module: solution.run("lstm_step_forward", *step, module=module)[0], h[:, 0, :])
    return with_hint(verdict, hint)


@pytest.mark.points(0.5)
def test_forward_carries_state(student, rng):
    """lstm_forward carries h and c from step to step (T = 4, compared with your own steps)"""
    # Judged against the student's own lstm_step_forward, so that this earns its points
    # even when the step itself is wrong: it is about the loop, not the cell.
    (x, h0, Wx, Wh, b), _ = sequence_problem(rng, T=4)
    # One round trip: the sequence (and reversed), then the steps, each given the state of the step before.
    states = [(h0, np.zeros_like(h0))] + [(Earlier(t + 1, 0), Earlier(t + 1, 1)) for t in range(1, x.shape[1])]
    (h, _), (other, _), *steps = student.values_each(
        [("lstm_forward", (x, h0, Wx, Wh, b)), ("lstm_forward", (x[:, ::-1], h0, Wx, Wh, b))]
        + [("lstm_step_forward", (x[:, t, :], *state, Wx, Wh, b)) for t, state in enumerate(states)])
    shape = check_shape(h, x.shape[:2] + h0.shape[1:], "lstm_forward → h", inputs=(x, h0), other=other)
    if not shape.passed:
        return shape
    for t, (prev_h, _, _) in enumerate(steps):
        verdict = compare(h[:, t, :], prev_h, f"lstm_forward → h[:, {t}]")
        if not verdict.passed:
            return Verdict.fail(f"{verdict.message} (compared with chaining your own lstm_step_forward). "
                                "Hint: c0 = 0, then next_h and next_c of step t are prev_h and prev_c of step t + 1")
    return None


# ------------------------------------------------------------------ backward


@pytest.mark.points(0.375)
@pytest.mark.parametrize("output", STEP_GRADS)
def test_step_backward(student, solution, rng, output):
    """lstm_step_backward vs numerical gradients"""
    return judge(student, solution, rng, "step", output)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("output", SEQ_GRADS)
def test_backward(student, solution, rng, output):
    """lstm_backward vs numerical gradients (T = 4)"""
    return judge(student, solution, rng, "sequence", output)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays (e.g. `dnext_c += ...`)"""
    # Only this test sees in-place writes: every other test judges values computed from
    # fresh copies of the inputs (known mistake `inplace_dnext_c`).
    step_args, (dnext_h, dnext_c) = step_problem(rng)
    seq_args, (dh,) = sequence_problem(rng)
    return combine(solution.unmodified_each(student, [
        Unchanged("sigmoid", (step_args[0],)),
        Unchanged("lstm_step_forward", step_args),
        Unchanged("lstm_forward", seq_args),
        # Each backward gets a cache of its own, fresh from the student's own forward; the
        # reference judges with its own cache of the same inputs.
        Unchanged("lstm_step_backward", (dnext_h, dnext_c, FreshCache("lstm_step_forward", step_args)),
                  rtol=GRAD_RTOL),
        Unchanged("lstm_backward", (dh, FreshCache("lstm_forward", seq_args)), rtol=GRAD_RTOL),
    ]))
