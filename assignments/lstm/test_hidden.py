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

from grader.checks import (Verdict, agrees_with_own_forward, check_direction, check_shape, combine, compare,
                           directional_derivative, expect_unmodified, loss_along, numerical_gradient,
                           random_direction, recurrent_parameters, with_hint)

pytestmark = pytest.mark.hidden

ELEMENTWISE_MAX = 50  # arrays up to this size are checked entry by entry, larger ones by direction
GRAD_RTOL = 1e-5  # central differences in float64 are good to ~1e-9 here; mistakes are off by ≳1e-2
OWN_FORWARD_CREDIT = 0.5
STEP_GRADS = ("dx", "dprev_h", "dprev_c", "dWx", "dWh", "db")
SEQ_GRADS = ("dx", "dh0", "dWx", "dWh", "db")


def step_problem(rng, N=3, D=4, H=5):
    """Arguments of lstm_step_forward, and upstream gradients (dnext_h, dnext_c), all non-zero."""
    Wx, Wh, b = recurrent_parameters(rng, D, H, 4)
    args = [rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H)), Wx, Wh, b]
    return args, [rng.normal(size=(N, H)), rng.normal(size=(N, H))]


def sequence_problem(rng, N=2, T=4, D=3, H=4):
    """Arguments of lstm_forward (non-zero h0), and an upstream gradient dh on every step."""
    Wx, Wh, b = recurrent_parameters(rng, D, H, 4)
    return [rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), Wx, Wh, b], [rng.normal(size=(N, T, H))]


# The two kinds of LSTM pass: the forward function, its backward, and the scalar loss
# L = Σ outputs ⊙ upstream gradients whose gradient the backward returns.
KINDS = {
    "step": ("lstm_step_forward", "lstm_step_backward", STEP_GRADS,
             lambda out, ups: np.sum(out[0] * ups[0]) + np.sum(out[1] * ups[1])),
    "sequence": ("lstm_forward", "lstm_backward", SEQ_GRADS, lambda out, ups: np.sum(out[0] * ups[0])),
}


def judge_gradient(student, solution, rng, kind, output):
    """Full points when the student's gradient ``output`` equals a numerical gradient of the
    reference forward; half when it only agrees with the student's own forward."""
    forward, backward, names, loss = KINDS[kind]
    k = names.index(output)
    label = f"{backward} → {output}"
    args, ups = (step_problem if kind == "step" else sequence_problem)(rng)
    *_, cache = getattr(student, forward)(*args)
    got = getattr(student, backward)(*ups, cache)[k]
    shape = check_shape(got, args[k].shape, label)
    if not shape.passed:
        return shape
    reference = loss_along(lambda *a: solution.run(forward, *a), args, k, lambda out: loss(out, ups))
    if args[k].size <= ELEMENTWISE_MAX:
        expected = numerical_gradient(reference, args[k], 1.0)
        verdict = compare(got, expected, label, rtol=GRAD_RTOL, atol=1e-7 * np.max(np.abs(expected)))
    else:
        u = random_direction(rng, args[k].shape)
        ok, err = check_direction(got, directional_derivative(reference, args[k], 1.0, u), direction=u,
                                  rtol=GRAD_RTOL)
        verdict = Verdict.ok() if ok else Verdict.fail(
            f"{label}: differs from the numerical gradient along a random direction (relative error {err:.1e})")
    if verdict.passed:
        return verdict
    verdict = with_hint(verdict, solution.recognise(gradient_of(solution, kind, args, ups, k), got, rtol=GRAD_RTOL))
    own = loss_along(getattr(student, forward), args, k, lambda out: loss(out, ups))
    if agrees_with_own_forward(own, args[k], got, rng, label, forward, rtol=GRAD_RTOL).passed:
        return Verdict(OWN_FORWARD_CREDIT, f"{verdict.message}. It does agree with a numerical derivative of your "
                       f"own {forward}, so your backward pass is consistent and the error is in {forward}: "
                       f"fix the forward pass (partial credit)")
    return Verdict.fail(verdict.message)


def gradient_of(solution, kind, args, ups, k=None):
    """``module ↦ gradient k`` (every gradient when k is None) from that module's own
    forward and backward."""
    forward, backward, _, _ = KINDS[kind]

    def compute(module):
        *_, cache = solution.run(forward, *args, module=module)
        grads = solution.run(backward, *ups, cache, module=module)
        return grads if k is None else grads[k]

    return compute


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
    h, _ = student.lstm_forward(x, h0, Wx, Wh, b)
    shape = check_shape(h, x.shape[:2] + h0.shape[1:], "lstm_forward → h", inputs=(x, h0),
                        other=student.lstm_forward(x[:, ::-1], h0, Wx, Wh, b)[0])
    if not shape.passed:
        return shape
    prev_h, prev_c = h0, np.zeros_like(h0)
    for t in range(x.shape[1]):
        prev_h, prev_c, _ = student.lstm_step_forward(x[:, t, :], prev_h, prev_c, Wx, Wh, b)
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
    return judge_gradient(student, solution, rng, "step", output)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("output", SEQ_GRADS)
def test_backward(student, solution, rng, output):
    """lstm_backward vs numerical gradients (T = 4)"""
    return judge_gradient(student, solution, rng, "sequence", output)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays (e.g. `dnext_c += ...`)"""
    # Only this test sees in-place writes: every other test judges values computed from
    # fresh copies of the inputs (known mistake `inplace_dnext_c`).
    step_args, (dnext_h, dnext_c) = step_problem(rng)
    seq_args, (dh,) = sequence_problem(rng)
    # Each backward gets a cache of its own, fresh from the student's own forward.
    _, _, step_cache = student.lstm_step_forward(*step_args)
    _, seq_cache = student.lstm_forward(*seq_args)
    step_grads = gradient_of(solution, "step", step_args, [dnext_h, dnext_c])(solution.reference)
    seq_grads = gradient_of(solution, "sequence", seq_args, [dh])(solution.reference)
    return combine([
        solution.unmodified(student, "sigmoid", step_args[0]),
        solution.unmodified(student, "lstm_step_forward", *step_args),
        solution.unmodified(student, "lstm_forward", *seq_args),
        expect_unmodified(student, "lstm_step_backward", dnext_h, dnext_c, step_cache,
                          right=lambda got: compare_all(got, step_grads, "lstm_step_backward", STEP_GRADS)),
        expect_unmodified(student, "lstm_backward", dh, seq_cache,
                          right=lambda got: compare_all(got, seq_grads, "lstm_backward", SEQ_GRADS)),
    ])


def compare_all(got, expected, func, names) -> Verdict:
    return combine([compare(g, e, f"{func} → {n}", rtol=GRAD_RTOL) for g, e, n in zip(got, expected, names)])
