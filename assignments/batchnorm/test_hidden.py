"""Hidden grading tests for `batchnorm`: random batches whose features have different means
and spreads, random momentum and eps, test mode, a feature of (almost) zero variance, a
short training loop feeding the running statistics back.

batchnorm_backward is judged against numerical gradients (central differences, float64)
of the REFERENCE forward pass, one test per output; when an output is wrong but is the
gradient of the student's OWN (wrong) forward pass, half its points are kept.
"""

import numpy as np
import pytest

from grader.checks import (Verdict, agrees_with_own_forward, check_direction, check_shape, combine, compare,
                           directional_derivative, expect_unmodified, loss_along, matches, numerical_gradient,
                           random_direction, real_work, with_hint)

pytestmark = pytest.mark.hidden

GRADIENTS = ("dx", "dgamma", "dbeta")
GRAD_RTOL = 1e-5  # central differences in float64 are good to ~1e-9 here; mistakes are off by ≳1e-2
OWN_FORWARD_CREDIT = 0.5


def batch(rng, N, D):
    """x (N, D) with a different mean and spread per feature; γ, β, running mean and
    running variance (D,)."""
    x = rng.normal(size=(N, D)) * rng.uniform(0.5, 3.0, size=D) + rng.uniform(-3.0, 3.0, size=D)
    return [x, rng.uniform(0.5, 2.0, size=D) * rng.choice([-1.0, 1.0], size=D), rng.normal(size=D),
            rng.normal(size=D), rng.uniform(0.5, 3.0, size=D)]


def hyper(rng):
    """momentum and eps as a training script passes them (Python floats); eps large enough
    that where it sits in the formula shows."""
    return [float(rng.uniform(0.5, 0.95)), float(rng.choice([1e-3, 1e-2]))]


def train_args(rng, N, D):
    """All arguments of a training-mode batchnorm_forward call."""
    return batch(rng, N, D) + [True] + hyper(rng)


# ------------------------------------------------------------------ forward


@pytest.mark.points(0.375)
@pytest.mark.parametrize("shape", [(8, 5), (2, 3)], ids=["N=8 D=5", "N=2 D=3 (smallest batch)"])
def test_train_out(student, solution, rng, shape):
    """batchnorm_forward (train) → out on a random batch"""
    args = train_args(rng, *shape)
    return solution.judge(student.batchnorm_forward(*args), "batchnorm_forward", *args, outputs=("out",))


@pytest.mark.points(0.75)
def test_train_running_statistics(student, solution, rng):
    """batchnorm_forward (train) updates the running mean and variance"""
    args = train_args(rng, 7, 4)
    return solution.judge(student.batchnorm_forward(*args), "batchnorm_forward", *args,
                          outputs=("running_mean_next", "running_var_next"))


@pytest.mark.points(1)
def test_test_mode(student, solution, rng):
    """batchnorm_forward at test time: running statistics normalize and come back unchanged"""
    x, gamma, beta, mean, var = batch(rng, 6, 4)
    args = [x, gamma, beta, mean, var, False] + hyper(rng)
    return solution.judge(student.batchnorm_forward(*args), "batchnorm_forward", *args)


@pytest.mark.points(0.25)
def test_defaults(student, solution, rng):
    """batchnorm_forward's defaults are momentum = 0.9 and eps = 1e-5"""
    args = batch(rng, 5, 3) + [True]
    return solution.judge(student.batchnorm_forward(*args), "batchnorm_forward", *args)


@pytest.mark.points(0.5)
def test_tiny_variance(student, solution, rng):
    """a constant feature and one of variance 1e-8: finite outputs, eps inside the square root"""
    x, gamma, beta, mean, var = batch(rng, 6, 3)
    x[:, 0] = x[0, 0]  # σ² = 0: x̂ = 0, out = β
    x[:, 1] = 2.0 + 1e-4 * rng.normal(size=6)  # σ² ≈ 1e-8, far below eps
    args = [x, gamma, beta, mean, var, True, 0.9, 1e-5]
    return solution.judge(student.batchnorm_forward(*args), "batchnorm_forward", *args,
                          outputs=("out", "running_var_next"))


@pytest.mark.points(0.5)
def test_training_loop(student, solution, rng):
    """three training batches, each feeding the running statistics back, then a test batch"""
    _, gamma, beta, mean, var = batch(rng, 5, 3)
    momentum, eps = hyper(rng)
    batches = [batch(rng, 5, 3)[0] for _ in range(4)]
    theirs, ours = (mean, var), (mean, var)
    for x in batches[:3]:
        _, *running, _ = student.batchnorm_forward(x, gamma, beta, *theirs, True, momentum, eps)
        verdict = combine([check_shape(r, (3,), f"batchnorm_forward → {n}")
                           for r, n in zip(running, ("running_mean_next", "running_var_next"))])
        if not verdict.passed:
            return verdict
        theirs = tuple(running)
        ours = tuple(solution.run("batchnorm_forward", x, gamma, beta, *ours, True, momentum, eps)[1:3])
    args = [batches[3], gamma, beta, *theirs, False, momentum, eps]
    got = student.batchnorm_forward(*args)
    expected = solution.run("batchnorm_forward", batches[3], gamma, beta, *ours, False, momentum, eps)
    verdict = combine([compare(theirs[0], ours[0], "running_mean after three training batches"),
                       compare(theirs[1], ours[1], "running_var after three training batches"),
                       compare(got[0], expected[0], "batchnorm_forward (train=False) → out after training")])
    hint = "" if verdict.passed else solution.recognise(
        lambda module: chained(solution, module, batches, gamma, beta, mean, var, momentum, eps),
        [theirs[0], theirs[1], got[0]])
    return with_hint(verdict, hint)


def chained(solution, module, batches, gamma, beta, mean, var, momentum, eps):
    """Running mean and variance after three training batches, and the test batch's out."""
    running = (mean, var)
    for x in batches[:3]:
        running = solution.run("batchnorm_forward", x, gamma, beta, *running, True, momentum, eps,
                               module=module)[1:3]
    out = solution.run("batchnorm_forward", batches[3], gamma, beta, *running, False, momentum, eps,
                       module=module)[0]
    return [running[0], running[1], out]


# ------------------------------------------------------------------ backward


def gradient_of(solution, args, dout, k):
    """module ↦ gradient k from that module's own forward and backward (to recognise a mistake)."""
    def compute(module):
        cache = solution.run("batchnorm_forward", *args, module=module)[3]
        return solution.run("batchnorm_backward", dout, cache, module=module)[k]
    return compute


def judge_gradient(student, solution, rng, k, N=4, D=3, by_direction=False):
    """Output k of batchnorm_backward against a numerical gradient of the reference forward
    (entry by entry, or along a random direction); half the points when it is the gradient
    of the student's own (wrong) forward pass."""
    args = train_args(rng, N, D)
    dout = rng.normal(size=(N, D))
    out, _, _, cache = student.batchnorm_forward(*args)
    got = student.batchnorm_backward(dout, cache)[k]
    label = f"batchnorm_backward → {GRADIENTS[k]}"
    if not (isinstance(got, np.ndarray) and got.shape == args[k].shape):
        return compare(got, np.zeros(args[k].shape), label)  # says what is wrong with the type or shape
    reference = loss_along(lambda *a: solution.run("batchnorm_forward", *a)[0], args, k,
                           lambda o: np.sum(o * dout))
    if by_direction:
        u = random_direction(rng, args[k].shape)
        ok, err = check_direction(got, directional_derivative(reference, args[k], 1.0, u), direction=u,
                                  rtol=GRAD_RTOL)
        verdict = Verdict.ok() if ok else Verdict.fail(
            f"{label}: differs from the numerical gradient along a random direction (relative error {err:.1e})")
    else:
        expected = numerical_gradient(reference, args[k], 1.0)
        verdict = compare(got, expected, label, rtol=GRAD_RTOL, atol=1e-7 * np.max(np.abs(expected)))
    if verdict.passed:
        return verdict
    verdict = with_hint(verdict, solution.recognise(gradient_of(solution, args, dout, k), got, rtol=GRAD_RTOL))
    if matches(out, solution.run("batchnorm_forward", *args)[0]):
        return verdict
    own = loss_along(lambda *a: student.batchnorm_forward(*a)[0], args, k, lambda o: np.sum(o * dout))
    # A forward pass that hands x back unchanged has the identity as its "gradient": no credit.
    if real_work(out, "out", inputs=args).passed and agrees_with_own_forward(own, args[k], got, rng, label, "batchnorm_forward").passed:
        return Verdict(OWN_FORWARD_CREDIT, f"{verdict.message}. It is the gradient of your own batchnorm_forward, "
                       "so your backward pass is consistent and the error is in batchnorm_forward (its out is "
                       "wrong): half the points; fix the forward pass and this passes too")
    return verdict


@pytest.mark.points(1.5)
def test_backward_dx(student, solution, rng):
    """batchnorm_backward → dx equals the numerical gradient (μ and σ² depend on x)"""
    return judge_gradient(student, solution, rng, 0)


@pytest.mark.points(0.75)
def test_backward_dgamma(student, solution, rng):
    """batchnorm_backward → dgamma equals the numerical gradient"""
    return judge_gradient(student, solution, rng, 1)


@pytest.mark.points(0.5)
def test_backward_dbeta(student, solution, rng):
    """batchnorm_backward → dbeta equals the numerical gradient"""
    return judge_gradient(student, solution, rng, 2)


@pytest.mark.points(0.5)
def test_backward_dx_larger(student, solution, rng):
    """batchnorm_backward → dx on a larger batch (N = 32, D = 10), along random directions"""
    return judge_gradient(student, solution, rng, 0, N=32, D=10, by_direction=True)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/batchnorm/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    args = train_args(rng, 5, 3)
    test_args = args[:5] + [False] + args[6:]
    dout = rng.normal(size=(5, 3))
    verdicts = [expect_unmodified(student, "batchnorm_forward", *a,
                                  right=lambda r, a=a: solution.judge(r, "batchnorm_forward", *a))
                for a in (args, test_args)]
    *_, cache = student.batchnorm_forward(*args)
    expected = solution.run("batchnorm_backward", dout, solution.run("batchnorm_forward", *args)[3])
    verdicts.append(expect_unmodified(
        student, "batchnorm_backward", dout, cache,
        right=lambda r: combine([compare(g, e, f"batchnorm_backward → {n}", rtol=GRAD_RTOL)
                                 for g, e, n in zip(r, expected, GRADIENTS)])))
    return combine(verdicts)
