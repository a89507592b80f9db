"""Hidden grading tests for `nag`: random quadratics, parameters of arbitrary shape,
non-default hyperparameters and non-zero velocities, so that a bug cannot hide."""

import numpy as np
import pytest

from grader.checks import Quadratic, Unchanged, Verdict, combine, require

pytestmark = pytest.mark.hidden

SHAPE = (3, 2)


def problem(rng, shape=SHAPE, condition=10.0):
    """A random quadratic over parameters of ``shape``, a start point and a velocity."""
    n = int(np.prod(shape))
    return Quadratic.random(rng, n, condition), rng.normal(size=shape), rng.normal(size=shape)


@pytest.mark.points(1)
def test_gd_step_random(student, solution, rng):
    """gd_step on a random quadratic, theta of shape (3, 2)"""
    quad, theta, _ = problem(rng)
    lr = rng.uniform(0.02, 0.1)
    return solution.judge(student.gd_step(theta, quad, lr), "gd_step", theta, quad, lr)


@pytest.mark.points(1)
def test_momentum_step_random(student, solution, rng):
    """momentum_step from a non-zero velocity, non-default lr and rho"""
    quad, theta, velocity = problem(rng)
    lr, rho = rng.uniform(0.02, 0.1), rng.uniform(0.5, 0.8)
    got = student.momentum_step(theta, velocity, quad, lr, rho)
    return solution.judge(got, "momentum_step", theta, velocity, quad, lr, rho)


@pytest.mark.points(1.5)
def test_nag_step_random(student, solution, rng):
    """nag_step from a non-zero velocity, non-default lr and rho"""
    quad, theta, velocity = problem(rng, shape=(2, 2, 2))
    lr, rho = rng.uniform(0.02, 0.1), rng.uniform(0.5, 0.8)
    got = student.nag_step(theta, velocity, quad, lr, rho)
    return solution.judge(got, "nag_step", theta, velocity, quad, lr, rho)


@pytest.mark.points(1)
def test_nag_step_gradient_at_lookahead(student, solution, rng):
    """nag_step evaluates grad_fn at the look-ahead point θ + ρv"""
    quad, theta, velocity = problem(rng)
    rho = rng.uniform(0.5, 0.8)
    outcome = student.outcome("nag_step", theta, velocity, quad, 0.05, rho)
    lookahead = theta + rho * velocity
    # The evaluation points are reported by the student's process, so they only explain;
    # the point is earned by the outputs, which depend on where the gradient was taken.
    values = solution.judge(student.result("nag_step", outcome), "nag_step", theta, velocity, quad, 0.05, rho)
    at_lookahead = any(p.shape == lookahead.shape and np.allclose(p, lookahead, rtol=1e-9, atol=1e-12)
                       for p in outcome.grad_points)
    if values.passed and at_lookahead:
        return None
    if any(p.shape == theta.shape and np.allclose(p, theta, rtol=1e-9, atol=1e-12) for p in outcome.grad_points) \
            and not at_lookahead:
        return Verdict.fail("nag_step evaluated grad_fn at θ only: Nesterov momentum evaluates the "
                            "gradient at the look-ahead point θ + ρv")
    if not at_lookahead:
        return Verdict.fail(f"nag_step never evaluated grad_fn at the look-ahead point θ + ρv "
                            f"({outcome.grad_calls} evaluation(s) elsewhere)")
    return Verdict.fail("nag_step evaluated grad_fn at θ + ρv but its outputs do not follow "
                        "v' = ρv − η∇J(θ + ρv), θ' = θ + v'")


@pytest.mark.points(0.5)
@pytest.mark.parametrize("method", ["gd", "momentum", "nag"])
def test_optimize_trajectory(student, solution, rng, method):
    """optimize's whole trajectory"""
    quad, theta0, _ = problem(rng)
    lr, rho = 0.05, 0.7
    got = student.optimize(quad, theta0, method, lr, rho=rho, num_steps=12)
    return solution.judge(got, "optimize", quad, theta0, method, lr, rho=rho, num_steps=12)


def steps_to_converge(trajectory, quad: Quadratic, tolerance: float = 1e-3) -> int | None:
    """First step at which ‖θ − θ*‖ ≤ tolerance · ‖θ0 − θ*‖, or None."""
    flat = trajectory.reshape(len(trajectory), -1)
    distance = np.linalg.norm(flat - quad.minimizer(), axis=1)
    reached = np.nonzero(distance <= tolerance * distance[0])[0]
    return int(reached[0]) if reached.size else None


@pytest.mark.points(1)
@pytest.mark.timeout(10)
def test_nag_faster_than_momentum(student, solution, rng):
    """on an ill-conditioned quadratic, NAG converges in fewer steps than momentum"""
    quad = Quadratic.random(rng, 6, condition=50.0)
    theta0 = rng.normal(size=SHAPE)
    methods = ("momentum", "nag")
    runs = dict(zip(methods, student.values_each([  # both runs in one round trip
        ("optimize", (quad, theta0, m, 1 / 50), {"rho": 0.95, "num_steps": 400}) for m in methods])))
    for method, trajectory in runs.items():
        require(isinstance(trajectory, np.ndarray) and trajectory.shape == (401,) + SHAPE
                and np.isfinite(trajectory).all(),
                f"optimize(method={method!r}) did not return a finite trajectory of shape (401, 3, 2)")
    nag, momentum = (steps_to_converge(runs[m], quad) for m in ("nag", "momentum"))
    require(nag is not None, "optimize(method='nag') did not converge within 400 steps (lr = 1/50, rho = 0.95)")
    if momentum is not None and nag >= momentum:
        return Verdict.fail(f"NAG took {nag} steps and momentum {momentum}: with the look-ahead "
                            "gradient, NAG should damp the oscillations and converge sooner")
    # The property alone could be met by a made-up trajectory: the runs must also be the
    # ones the update rules produce.
    return combine([solution.judge(runs[m], "optimize", quad, theta0, m, 1 / 50, rho=0.95, num_steps=400,
                                   rtol=1e-6) for m in ("momentum", "nag")])


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    quad, theta, velocity = problem(rng)
    return combine(solution.unmodified_each(student, [
        Unchanged("gd_step", (theta, quad, 0.05)),
        Unchanged("momentum_step", (theta, velocity, quad, 0.05, 0.7)),
        Unchanged("nag_step", (theta, velocity, quad, 0.05, 0.7)),
        Unchanged("optimize", (quad, theta, "nag", 0.05), kwargs={"rho": 0.7, "num_steps": 3}),
    ]))
