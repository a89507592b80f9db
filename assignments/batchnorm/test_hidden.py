"""Hidden grading tests for `batchnorm`: random batches whose features have different means
and spreads, random momentum and eps, test mode, a feature of (almost) zero variance, a
short training loop feeding the running statistics back.

batchnorm_backward is judged against numerical gradients (central differences, float64)
of the REFERENCE forward pass, one test per output; when an output is wrong but is the
gradient of the student's OWN (wrong) forward pass, half its points are kept.
"""

import pytest

from grader.checks import (GRAD_RTOL, FreshCache, Unchanged, check_shape, combine, compare, judge_gradient,
                           with_hint)

pytestmark = pytest.mark.hidden

GRADIENTS = ("dx", "dgamma", "dbeta")


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
    # One call at a time: a batch given running statistics of the wrong shape may raise, and
    # the shape verdict (partial when one of the two is right) must stand.
    theirs, ours = (mean, var), (mean, var)
    for x in batches[:3]:
        _, *running, _ = student.batchnorm_forward(x, gamma, beta, *theirs, True, momentum, eps)
        verdict = combine([check_shape(r, (3,), f"batchnorm_forward → {n}")
                           for r, n in zip(running, ("running_mean_next", "running_var_next"))])
        if not verdict.passed:
            return verdict
        theirs = tuple(running)
        ours = tuple(solution.run("batchnorm_forward", x, gamma, beta, *ours, True, momentum, eps)[1:3])
    got = student.batchnorm_forward(batches[3], gamma, beta, *theirs, False, momentum, eps)
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


def judge(student, solution, rng, k, N=4, D=3, by_direction=False):
    """Output k of batchnorm_backward after a training-mode forward pass (see
    ``grader.checks.judge_gradient``)."""
    args = train_args(rng, N, D)
    dout = rng.normal(size=(N, D))
    return judge_gradient(student, solution, "batchnorm_forward", "batchnorm_backward", args, [dout], k, rng,
                          name=f"batchnorm_backward → {GRADIENTS[k]}", by_direction=by_direction)


@pytest.mark.points(1.5)
def test_backward_dx(student, solution, rng):
    """batchnorm_backward → dx equals the numerical gradient (μ and σ² depend on x)"""
    return judge(student, solution, rng, 0)


@pytest.mark.points(0.75)
def test_backward_dgamma(student, solution, rng):
    """batchnorm_backward → dgamma equals the numerical gradient"""
    return judge(student, solution, rng, 1)


@pytest.mark.points(0.5)
def test_backward_dbeta(student, solution, rng):
    """batchnorm_backward → dbeta equals the numerical gradient"""
    return judge(student, solution, rng, 2)


@pytest.mark.points(0.5)
def test_backward_dx_larger(student, solution, rng):
    """batchnorm_backward → dx on a larger batch (N = 32, D = 10), along random directions"""
    return judge(student, solution, rng, 0, N=32, D=10, by_direction=True)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/batchnorm/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays; test mode returns the running statistics as copies"""
    args = train_args(rng, 5, 3)
    test_args = args[:5] + [False] + args[6:]
    dout = rng.normal(size=(5, 3))
    return combine(solution.unmodified_each(student, [
        Unchanged("batchnorm_forward", tuple(args)), Unchanged("batchnorm_forward", tuple(test_args), copies=True),
        Unchanged("batchnorm_backward", (dout, FreshCache("batchnorm_forward", tuple(args))), rtol=GRAD_RTOL)]))
