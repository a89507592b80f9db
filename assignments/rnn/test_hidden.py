"""Hidden grading tests for `rnn`: random inputs with non-zero biases and h0, weights of
order 0.5, sequences of T ≥ 4 with an upstream gradient on every step (so that a
backward pass without the gradient from the next step, or without accumulating dWh over
time, is caught), and a longer sequence with a loss on its last step only.

Every backward call gets the cache of a forward call of its own (a submission may
consume its cache, e.g. with `cache.pop()`). Backward outputs are judged against
numerical gradients (central differences, float64) of the REFERENCE forward, one test
per output; when an output is wrong but is the gradient of the student's OWN (wrong)
forward pass, half its points are kept.
"""

import numpy as np
import pytest

from grader.checks import (Verdict, agrees_with_own_forward, check_direction, check_shape, combine, compare,
                           directional_derivative, expect_unmodified, loss_along, matches, numerical_gradient,
                           random_direction, real_work, recurrent_parameters, with_hint)

pytestmark = pytest.mark.hidden

GRAD_RTOL = 1e-5  # central differences in float64 are good to ~1e-9 here; mistakes are off by ≳1e-2
OWN_FORWARD_CREDIT = 0.5

# forward, backward, names of the backward's outputs (each the gradient of the forward's
# argument at the same position)
KINDS = {
    "step": ("rnn_step_forward", "rnn_step_backward", ("dx", "dprev_h", "dWx", "dWh", "db")),
    "sequence": ("rnn_forward", "rnn_backward", ("dx", "dh0", "dWx", "dWh", "db")),
}


def step_problem(rng, N=3, D=4, H=5):
    """Arguments of rnn_step_forward and an upstream gradient dnext_h."""
    return [rng.normal(size=(N, D)), rng.normal(size=(N, H)), *recurrent_parameters(rng, D, H, 1)], \
        rng.normal(size=(N, H))


def sequence_problem(rng, N=2, T=4, D=3, H=4):
    """Arguments of rnn_forward (non-zero h0) and an upstream gradient dh on every step."""
    return [rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), *recurrent_parameters(rng, D, H, 1)], \
        rng.normal(size=(N, T, H))


# ------------------------------------------------------------------ forward


@pytest.mark.points(0.5)
def test_step_forward_random(student, solution, rng):
    """rnn_step_forward on random inputs (N = 3, D = 4, H = 5)"""
    args, _ = step_problem(rng)
    return solution.judge(student.rnn_step_forward(*args), "rnn_step_forward", *args)


@pytest.mark.points(0.75)
def test_forward_random(student, solution, rng):
    """rnn_forward over a sequence (N = 3, T = 6, D = 4, H = 5)"""
    args, _ = sequence_problem(rng, N=3, T=6, D=4, H=5)
    return solution.judge(student.rnn_forward(*args), "rnn_forward", *args)


@pytest.mark.points(0.25)
def test_forward_chains_own_steps(student, rng):
    """rnn_forward carries h from step to step (T = 5, compared with chaining your own rnn_step_forward)"""
    # Judged against the student's own step so that this is about the loop, not the cell.
    args, _ = sequence_problem(rng, T=5)
    x, h0, Wx, Wh, b = args
    h, _ = student.rnn_forward(*args)
    shape = check_shape(h, (x.shape[0], x.shape[1], h0.shape[1]), "rnn_forward → h", inputs=args)
    if not shape.passed:
        return shape
    prev_h = h0
    for t in range(x.shape[1]):
        prev_h, _ = student.rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        verdict = compare(h[:, t, :], prev_h, f"rnn_forward → h[:, {t}]")
        if not verdict.passed:
            return Verdict.fail(f"{verdict.message} (compared with chaining your own rnn_step_forward). "
                                "Hint: the next_h of step t is the prev_h of step t + 1; h0 is used only at step 0")
    return None


# ------------------------------------------------------------------ backward


def loss(outputs, upstream):
    """The scalar whose gradient a backward pass returns: Σ h ⊙ upstream."""
    return np.sum(outputs[0] * upstream)


def gradient_of(solution, kind, args, upstream, k):
    """module ↦ gradient k from that module's own forward and backward (to recognise a mistake)."""
    forward, backward, _ = KINDS[kind]

    def compute(module):
        cache = solution.run(forward, *args, module=module)[1]
        return solution.run(backward, upstream, cache, module=module)[k]
    return compute


def numerical_check(got, reference, x, rng, label, by_direction):
    """``got`` against the numerical gradient of ``reference`` at x: entry by entry, or
    along a random direction for larger arrays."""
    if by_direction:
        u = random_direction(rng, x.shape)
        ok, err = check_direction(got, directional_derivative(reference, x, 1.0, u), direction=u, rtol=GRAD_RTOL)
        return Verdict.ok() if ok else Verdict.fail(
            f"{label}: differs from the numerical gradient along a random direction (relative error {err:.1e})")
    expected = numerical_gradient(reference, x, 1.0)
    return compare(got, expected, label, rtol=GRAD_RTOL, atol=1e-7 * max(np.max(np.abs(expected)), 1e-3))


def judge_gradient(student, solution, rng, kind, k, problem=None, by_direction=False):
    """Output k of the backward pass of ``kind`` against a numerical gradient of the reference
    forward; half the points when it is the gradient of the student's own (wrong) forward."""
    forward, backward, names = KINDS[kind]
    args, upstream = problem or (step_problem(rng) if kind == "step" else sequence_problem(rng))
    label = f"{backward} → {names[k]}"
    out, cache = getattr(student, forward)(*args)
    got = getattr(student, backward)(upstream, cache)[k]
    if not (isinstance(got, np.ndarray) and got.shape == args[k].shape):
        return with_hint(compare(got, np.zeros(args[k].shape), label),
                         solution.recognise(gradient_of(solution, kind, args, upstream, k), got))
    reference = loss_along(lambda *a: solution.run(forward, *a), args, k, lambda o: loss(o, upstream))
    verdict = numerical_check(got, reference, args[k], rng, label, by_direction)
    if verdict.passed:
        return verdict
    verdict = with_hint(verdict, solution.recognise(gradient_of(solution, kind, args, upstream, k), got,
                                                    rtol=GRAD_RTOL))
    if matches(out, solution.run(forward, *args)[0]):
        return verdict
    own = loss_along(lambda *a: getattr(student, forward)(*a), args, k, lambda o: loss(o, upstream))
    # A forward pass that hands an input back unchanged has a trivial "gradient": no credit.
    if real_work(out, "out", inputs=args).passed and \
            agrees_with_own_forward(own, args[k], got, rng, label, forward).passed:
        return Verdict(OWN_FORWARD_CREDIT, f"{verdict.message}. It is the gradient of your own {forward}, so "
                       f"your backward pass is consistent and the error is in {forward}: half the points; fix "
                       "the forward pass and this passes too")
    return verdict


@pytest.mark.points(0.25)
@pytest.mark.parametrize("k", range(5), ids=KINDS["step"][2])
def test_step_backward(student, solution, rng, k):
    """rnn_step_backward equals the numerical gradient"""
    return judge_gradient(student, solution, rng, "step", k)


@pytest.mark.points(0.75)
def test_backward_dx(student, solution, rng):
    """rnn_backward → dx equals the numerical gradient (T = 4)"""
    return judge_gradient(student, solution, rng, "sequence", 0)


@pytest.mark.points(0.75)
def test_backward_dh0(student, solution, rng):
    """rnn_backward → dh0 equals the numerical gradient (T = 4)"""
    return judge_gradient(student, solution, rng, "sequence", 1)


@pytest.mark.points(0.75)
def test_backward_dWx(student, solution, rng):
    """rnn_backward → dWx equals the numerical gradient (T = 4)"""
    return judge_gradient(student, solution, rng, "sequence", 2)


@pytest.mark.points(1)
def test_backward_dWh(student, solution, rng):
    """rnn_backward → dWh equals the numerical gradient (T = 4)"""
    return judge_gradient(student, solution, rng, "sequence", 3)


@pytest.mark.points(0.5)
def test_backward_db(student, solution, rng):
    """rnn_backward → db equals the numerical gradient (T = 4)"""
    return judge_gradient(student, solution, rng, "sequence", 4)


@pytest.mark.points(0.1)
@pytest.mark.parametrize("k", range(5), ids=KINDS["sequence"][2])
def test_backward_last_step_loss(student, solution, rng, k):
    """rnn_backward on a longer sequence (T = 12, H = 8) with a loss on the last step only, by direction"""
    args, dh = sequence_problem(rng, N=3, T=12, D=5, H=8)
    dh[:, :-1, :] = 0.0  # only h_T is in the loss: every other gradient must come back through time
    return judge_gradient(student, solution, rng, "sequence", k, problem=(args, dh), by_direction=True)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/rnn/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    step_args, dnext_h = step_problem(rng)
    args, dh = sequence_problem(rng)
    verdicts = [expect_unmodified(student, "rnn_step_forward", *step_args,
                                  right=lambda r: solution.judge(r, "rnn_step_forward", *step_args)),
                expect_unmodified(student, "rnn_forward", *args,
                                  right=lambda r: solution.judge(r, "rnn_forward", *args))]
    for kind, problem, upstream in (("step", step_args, dnext_h), ("sequence", args, dh)):
        forward, backward, names = KINDS[kind]
        expected = solution.run(backward, upstream, solution.run(forward, *problem)[1])
        _, cache = getattr(student, forward)(*problem)  # a fresh cache for this one backward call
        verdicts.append(expect_unmodified(
            student, backward, upstream, cache,
            right=lambda r, e=expected, b=backward, n=names: combine(
                [compare(g, x, f"{b} → {name}", rtol=GRAD_RTOL) for g, x, name in zip(r, e, n)])))
    return combine(verdicts)
