"""Public tests for `nag`: small hand-checked examples you can run with `grader check`.

The objective here is J(θ) = ½‖θ‖², whose gradient is θ itself, so every expected
value below can be checked with pencil and paper.
"""

import numpy as np
import pytest

from grader.checks import Quadratic, Verdict, check_shape, combine, compare, expect_raises

BOWL = Quadratic.diagonal([1.0, 1.0], [0.0, 0.0])  # ∇J(θ) = θ
THETA = np.array([1.0, 2.0])
VELOCITY = np.array([0.5, -0.5])


@pytest.mark.points(0.5)
def test_gd_step_example(student):
    """gd_step on J = ½‖θ‖² with lr 0.1"""
    got = student.gd_step(THETA, BOWL, 0.1)
    return compare(got, np.array([0.9, 1.8]), "gd_step")


@pytest.mark.points(0.5)
def test_momentum_step_example(student):
    """momentum_step on J = ½‖θ‖² with lr 0.1, rho 0.9"""
    theta_next, velocity_next = student.momentum_step(THETA, VELOCITY, BOWL, 0.1, 0.9)
    return combine([compare(theta_next, np.array([1.35, 1.35]), "momentum_step → theta_next"),
                    compare(velocity_next, np.array([0.35, -0.65]), "momentum_step → velocity_next")])


@pytest.mark.points(0.5)
def test_nag_step_example(student):
    """nag_step on J = ½‖θ‖² with lr 0.1, rho 0.9 (look-ahead point (1.45, 1.55))"""
    theta_next, velocity_next = student.nag_step(THETA, VELOCITY, BOWL, 0.1, 0.9)
    return combine([compare(theta_next, np.array([1.305, 1.395]), "nag_step → theta_next"),
                    compare(velocity_next, np.array([0.305, -0.605]), "nag_step → velocity_next")])


@pytest.mark.points(0.5)
def test_optimize_shape(student):
    """optimize returns num_steps + 1 rows, row 0 being theta0"""
    theta0 = np.arange(6.0).reshape(2, 3)
    bowl = Quadratic.diagonal(np.ones(6), np.zeros(6))
    trajectory = student.optimize(bowl, theta0, "gd", 0.1, num_steps=4)
    shape = check_shape(trajectory, (5, 2, 3), "optimize → trajectory")
    if not shape.passed:
        return shape
    if np.array_equal(trajectory[1], trajectory[0]):
        # Rows that never move have the right shape too: shapes count only for real steps.
        if not np.array_equal(trajectory[0], theta0):
            return Verdict.fail("optimize → trajectory: every row is the same, and not theta0: were they all the "
                                "one array, updated in place (append a copy of θ at each step)?")
        return Verdict.fail("optimize → trajectory: row 1 equals row 0, the parameters never move")
    return compare(trajectory[0], theta0, "optimize → trajectory[0] (must equal theta0)")


@pytest.mark.points(0.5)
def test_optimize_rejects_unknown_method(student):
    """optimize raises ValueError for an unknown method"""
    return expect_raises(student, ValueError, "optimize", BOWL, THETA, "adagrad", 0.1)
