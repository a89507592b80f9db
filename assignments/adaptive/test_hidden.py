"""Hidden grading tests for `adaptive`: parameters of several shapes, non-zero state,
non-default hyper-parameters, Adam late in training (t = 1000), gradients around 1e-9
where ε's place shows, and whole runs on random quadratics with the gradient's
evaluation points checked.

State arrays are drawn as the methods would leave them: caches and second moments
positive, first moments of either sign.
"""

import numpy as np
import pytest

from grader.checks import Quadratic, Unchanged, Verdict, away_from_zero, combine, expect_raises_each

pytestmark = pytest.mark.hidden

STEPS = 12  # run_adaptive's num_steps: below the 16 evaluation points the sandbox records
TINY = 1e-9  # gradient size at which ε inside the square root changes the step by orders of magnitude


def gradient(rng, shape, size=1.0):
    """Gradients of both signs with |g| in [0.1, 0.9]·size (so that every entry matters)."""
    return size * away_from_zero(rng, shape, 0.1, 0.9)


def lr_of(rng) -> float:
    return float(rng.uniform(0.01, 0.2))


# ------------------------------------------------------------------ single steps


@pytest.mark.points(1)
def test_adagrad_step_random(student, solution, rng):
    """adagrad_step from a non-zero cache, theta of shape (2, 3, 2)"""
    shape = (2, 3, 2)
    theta, grad, cache = rng.normal(size=shape), gradient(rng, shape), rng.uniform(1.0, 3.0, size=shape)
    lr = lr_of(rng)
    return solution.judge(student.adagrad_step(theta, grad, cache, lr), "adagrad_step", theta, grad, cache, lr)


@pytest.mark.points(1)
def test_rmsprop_step_random(student, solution, rng):
    """rmsprop_step from a non-zero cache with a non-default decay"""
    shape = (4, 3)
    theta, grad, cache = rng.normal(size=shape), gradient(rng, shape), rng.uniform(0.2, 2.0, size=shape)
    lr, decay = lr_of(rng), float(rng.uniform(0.6, 0.8))
    got = student.rmsprop_step(theta, grad, cache, lr, decay=decay)
    return solution.judge(got, "rmsprop_step", theta, grad, cache, lr, decay=decay)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("t, betas", [(1, {}), (7, {}), (1000, {"beta1": 0.8, "beta2": 0.9995})],
                         ids=["t=1", "t=7", "t=1000, non-default betas"])
def test_adam_step_random(student, solution, rng, t, betas):
    """adam_step from a non-zero state"""
    shape = (3, 4)
    theta, grad = rng.normal(size=shape), gradient(rng, shape)
    m, v = 0.3 * rng.normal(size=shape), rng.uniform(0.05, 0.5, size=shape)
    lr = lr_of(rng)
    got = student.adam_step(theta, grad, m, v, t, lr, **betas)
    return solution.judge(got, "adam_step", theta, grad, m, v, t, lr, **betas)


TINY_CASES = {
    "adagrad_step": lambda th, g, z, lr: ((th, g, z, lr), {}),
    "rmsprop_step": lambda th, g, z, lr: ((th, g, z, lr), {"eps": 1e-7}),
    "adam_step": lambda th, g, z, lr: ((th, g, z, z, 1, lr), {}),
}


@pytest.mark.points(0.25)
@pytest.mark.parametrize("func", list(TINY_CASES))
def test_epsilon_outside_square_root(student, solution, rng, func):
    """with gradients around 1e-9 and zero state, ε is added after the square root"""
    shape = (5,)
    theta, grad = rng.normal(size=shape), gradient(rng, shape, TINY)
    args, kwargs = TINY_CASES[func](theta, grad, np.zeros(shape), lr_of(rng))
    return solution.judge(getattr(student, func)(*args, **kwargs), func, *args, **kwargs)


@pytest.mark.points(0.5)
def test_invalid_arguments(student, rng):
    """adam_step rejects t < 1 and run_adaptive an unknown method (ValueError)"""
    theta, grad, zeros = rng.normal(size=3), gradient(rng, 3), np.zeros(3)
    quad = Quadratic.random(rng, 3)
    return combine(expect_raises_each(student, ValueError, [
        ("adam_step", theta, grad, zeros, zeros, 0, 0.1),
        ("adam_step", theta, grad, zeros, zeros, -3, 0.1),
        ("run_adaptive", quad, theta, "momentum", 0.1),
    ]))


# ------------------------------------------------------------------ whole runs


def run_problem(rng):
    """A random quadratic over parameters of shape (3, 2) (Hessian eigenvalues in [1, 20]) and a start."""
    return Quadratic.random(rng, 6, condition=20.0), rng.normal(size=(3, 2))


@pytest.mark.points(0.5)
@pytest.mark.parametrize("method", ["adagrad", "rmsprop", "adam"])
def test_run_adaptive_trajectory(student, solution, rng, method):
    """run_adaptive's whole trajectory on a random quadratic"""
    quad, theta0 = run_problem(rng)
    lr = lr_of(rng)
    got = student.run_adaptive(quad, theta0, method, lr, num_steps=STEPS)
    return solution.judge(got, "run_adaptive", quad, theta0, method, lr, num_steps=STEPS)


@pytest.mark.points(0.75)
def test_run_adaptive_gradient_once_per_step(student, solution, rng):
    """run_adaptive calls grad_fn once per step, at the current θ"""
    quad, theta0 = run_problem(rng)
    lr = lr_of(rng)
    # Where the gradient was taken is reported by the student's process, so it only
    # explains; the points are earned by the trajectory, which depends on it. Any method
    # whose trajectory is right will do (Adam's first): a mistake in one step function is
    # for the trajectory tests to charge, not this loop's test.
    wrong = []
    for method in ("adam", "adagrad", "rmsprop"):
        args = (quad, theta0, method, lr)
        outcome = student.outcome("run_adaptive", *args, num_steps=STEPS)
        trajectory = student.result("run_adaptive", outcome)
        values = solution.judge(trajectory, "run_adaptive", *args, num_steps=STEPS)
        if values.passed:
            break
        wrong.append(values)
    else:
        return Verdict.fail(f"run_adaptive's calls of grad_fn count only with a right trajectory, and no method "
                            f"gives one: {wrong[0].message}")
    if outcome.grad_calls != STEPS:
        more = "more" if outcome.grad_calls > STEPS else "fewer"
        return Verdict.fail(f"run_adaptive's trajectory is right, but it called grad_fn {more} times than "
                            "once per step: compute the gradient once, at the current θ, and pass it to the step")
    # Step i's gradient must be taken at row i of the student's own (right) trajectory.
    at_current = all(p.shape == theta0.shape and np.allclose(p, trajectory[i], rtol=1e-12, atol=0.0)
                     for i, p in enumerate(outcome.grad_points))
    if not at_current:
        return Verdict.fail("run_adaptive evaluated grad_fn somewhere else than at the current θ of each step")
    return values


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    shape = (2, 3)
    theta, grad = rng.normal(size=shape), gradient(rng, shape)
    cache, m = rng.uniform(0.5, 2.0, size=shape), 0.3 * rng.normal(size=shape)
    quad = Quadratic.random(rng, 6)
    return combine(solution.unmodified_each(student, [
        Unchanged("adagrad_step", (theta, grad, cache, 0.1)),
        Unchanged("rmsprop_step", (theta, grad, cache, 0.1)),
        Unchanged("adam_step", (theta, grad, m, cache, 3, 0.1)),
        Unchanged("run_adaptive", (quad, theta, "adam", 0.1), kwargs={"num_steps": 3}),
    ]))
