"""Public tests for `adaptive`: small hand-checked examples you can run with `grader check`.

Every expected value below follows from the update rules with pencil and paper; the
comments show the arithmetic. ε = 1e-8 (the default) changes the results only in the
8th digit here, far below the tolerance.
"""

import numpy as np
import pytest

from grader.checks import Quadratic, check_shape, combine, compare, expect_raises_each

THETA = np.array([1.0, 2.0])
BOWL = Quadratic.diagonal([1.0] * 6, [0.0] * 6)  # J(θ) = ½‖θ‖², so ∇J(θ) = θ


@pytest.mark.points(0.5)
def test_adagrad_step_example(student):
    """adagrad_step with lr 0.1 from a cache of (0.75, 3)"""
    grad, cache = np.array([0.5, -1.0]), np.array([0.75, 3.0])
    theta_next, cache_next = student.adagrad_step(THETA, grad, cache, 0.1)
    # s' = s + g² = (0.75 + 0.25, 3 + 1) = (1, 4), √s' = (1, 2)
    # θ' = θ − 0.1·g / (√s' + ε) = (1 − 0.05/1, 2 + 0.1/2) = (0.95, 2.05)
    return combine([
        compare(theta_next, np.array([1 - 0.05 / (1 + 1e-8), 2 + 0.1 / (2 + 1e-8)]), "adagrad_step → theta_next"),
        compare(cache_next, np.array([1.0, 4.0]), "adagrad_step → cache_next"),
    ])


@pytest.mark.points(0.5)
def test_rmsprop_step_example(student):
    """rmsprop_step with lr 0.01 and the default decay 0.9 from a cache of (1, 0)"""
    grad, cache = np.array([1.0, -2.0]), np.array([1.0, 0.0])
    theta_next, cache_next = student.rmsprop_step(THETA, grad, cache, 0.01)
    # s' = 0.9·s + 0.1·g² = (0.9 + 0.1, 0 + 0.4) = (1, 0.4), √s' ≈ (1, 0.63246)
    # θ' = θ − 0.01·g / (√s' + ε) ≈ (1 − 0.01, 2 + 0.02/0.63246) ≈ (0.99, 2.031623)
    return combine([
        compare(theta_next, np.array([1 - 0.01 / (1 + 1e-8), 2 + 0.02 / (np.sqrt(0.4) + 1e-8)]),
                "rmsprop_step → theta_next"),
        compare(cache_next, np.array([1.0, 0.4]), "rmsprop_step → cache_next"),
    ])


@pytest.mark.points(0.5)
def test_adam_step_first_update(student):
    """adam_step's first update (t = 1) from m = v = 0: bias correction gives m̂ = g, v̂ = g²"""
    theta, grad, zeros = np.array([1.0, 1.0]), np.array([0.5, -2.0]), np.zeros(2)
    theta_next, m_next, v_next = student.adam_step(theta, grad, zeros, zeros, 1, 0.1)
    # m' = 0.1·g = (0.05, −0.2);  v' = 0.001·g² = (0.00025, 0.004)
    # m̂ = m' / (1 − 0.9¹) = g;    v̂ = v' / (1 − 0.999¹) = g², √v̂ = |g|
    # θ' = θ − 0.1·g / (|g| + ε) ≈ (1 − 0.1, 1 + 0.1) = (0.9, 1.1): every coordinate moves by about lr
    return combine([
        compare(theta_next, np.array([1 - 0.1 * 0.5 / (0.5 + 1e-8), 1 + 0.1 * 2 / (2 + 1e-8)]),
                "adam_step → theta_next"),
        compare(m_next, np.array([0.05, -0.2]), "adam_step → m_next"),
        compare(v_next, np.array([0.00025, 0.004]), "adam_step → v_next"),
    ])


@pytest.mark.points(0.5)
def test_run_adaptive_shape(student):
    """run_adaptive returns num_steps + 1 rows of θ's shape, row 0 being theta0"""
    theta0 = np.arange(1.0, 7.0).reshape(2, 3)
    trajectory, other = student.values_each([("run_adaptive", (BOWL, start, "adam", 0.1), {"num_steps": 4})
                                             for start in (theta0, -theta0)])
    shape = check_shape(trajectory, (5, 2, 3), "run_adaptive → trajectory", inputs=(theta0,), other=other)
    if not shape.passed:
        return shape
    return compare(trajectory[0], theta0, "run_adaptive → trajectory[0] (must equal theta0)")


@pytest.mark.points(0.5)
def test_invalid_arguments(student):
    """adam_step raises ValueError for t = 0, run_adaptive for an unknown method"""
    zeros = np.zeros(2)
    return combine(expect_raises_each(student, ValueError, [
        ("adam_step", THETA, THETA, zeros, zeros, 0, 0.1),
        ("run_adaptive", BOWL, np.zeros((2, 3)), "nag", 0.1),
    ]))
