"""Public tests for `init`: shapes, two statistical checks and a hand-checked layer_stds
example you can run with `grader check`.

Random weights are judged by their statistics, never entry by entry: a right solution
passes whatever seed it is given (the bounds below fail a right solution with
probability below 1e-10), and a wrong variance shows clearly on 40,000 entries.
"""

import math

import numpy as np
import pytest

from grader.checks import SeededRng, Verdict, centred, check_shape, combine, compare, only_with

FUNCTIONS = ("xavier_uniform", "xavier_normal", "he_normal", "lecun_normal")
# Each bound below is broken by a right solution with probability at most P_FAIL;
# LOG_TERM = log(2 / P_FAIL) is the x of the tail bounds 2·exp(−x).
P_FAIL = 1e-10
LOG_TERM = math.log(2 / P_FAIL)


def as_layer(W, shape):
    """W with the layer's shape when it has the right number of entries: the statistics
    and the seeding are judged here; the shape has its own test."""
    return W.reshape(shape) if isinstance(W, np.ndarray) and W.size == math.prod(shape) else W


def centred_layer(W, func: str) -> Verdict:
    """Whether a 200 × 200 draw of ``func`` is centred at 0 (``checks.centred``), the condition
    for the points of a right shape and seeding (``SEEDING``): any noise has a shape."""
    return centred(as_layer(W, (200, 200)), f"{func}(200, 200)")


SEEDING = "the shape and the seeding"


@pytest.mark.points(0.5)
def test_shapes(student):
    """every initializer returns float weights of shape (fan_in, fan_out)"""
    cases = ((3, 5, SeededRng(0)), (3, 5, SeededRng(1)), (200, 200, SeededRng(2)))
    draws = iter(student.values_each([(func, args) for func in FUNCTIONS for args in cases]))  # one round trip
    verdicts = []
    for func in FUNCTIONS:
        got, other, layer = next(draws), next(draws), next(draws)
        verdicts.append(only_with(check_shape(got, (3, 5), func, other=other), centred_layer(layer, func), SEEDING))
    return combine(verdicts)


@pytest.mark.points(0.5)
def test_he_normal_variance(student):
    """he_normal(400, 100): mean about 0 and variance about 2 / fan_in = 0.005"""
    W = as_layer(student.he_normal(400, 100, SeededRng(2)), (400, 100))
    shape = check_shape(W, (400, 100), "he_normal")
    if not shape.passed:
        return shape
    n, var = W.size, 2 / 400
    # The mean of n draws of N(0, σ²) is N(0, σ²/n): |mean| ≤ z·σ/√n with 2·exp(−z²/2) = P_FAIL.
    z = math.sqrt(2 * LOG_TERM)
    # n·mean(W²)/σ² is chi-squared with n degrees of freedom; Laurent & Massart (2000):
    # P(X ≥ n + 2√(n·x) + 2x) ≤ e^−x and P(X ≤ n − 2√(n·x)) ≤ e^−x.
    low, high = 1 - 2 * math.sqrt(LOG_TERM / n), 1 + 2 * math.sqrt(LOG_TERM / n) + 2 * LOG_TERM / n
    mean, ratio = float(np.mean(W)), float(np.mean(W ** 2)) / var
    verdicts = [Verdict.ok() if abs(mean) <= z * math.sqrt(var / n) else
                Verdict.fail(f"he_normal → W: the mean of its entries, {mean:.2e}, is too far from 0"),
                Verdict.ok() if low <= ratio <= high else
                Verdict.fail(f"he_normal → W: the variance of its entries is {ratio:.3g} times 2 / fan_in "
                             f"(a right solution gives between {low:.3f} and {high:.3f} times)")]
    result = combine(verdicts)  # all or nothing: the mean alone is no evidence
    return result if result.passed else Verdict.fail(result.message)


@pytest.mark.points(0.5)
def test_xavier_uniform_range(student):
    """xavier_uniform(100, 400) fills the whole interval [−a, a], a = √(6 / 500) ≈ 0.1095, and no more"""
    W = as_layer(student.xavier_uniform(100, 400, SeededRng(3)), (100, 400))
    shape = check_shape(W, (100, 400), "xavier_uniform")
    if not shape.passed:
        return shape
    a, n = math.sqrt(6 / 500), W.size
    # Of n uniform draws on [−a, a], all stay below a(1 − δ) in absolute value with
    # probability (1 − δ)^n; δ = 1 − P_FAIL^(1/n) makes that P_FAIL (δ ≈ 0.0006 here).
    delta = 1 - P_FAIL ** (1 / n)
    largest = float(np.max(np.abs(W)))
    if largest > a * (1 + 1e-12):
        return Verdict.fail(f"xavier_uniform → W: entries up to {largest:.4g} in absolute value, beyond a = {a:.4g}")
    if largest < a * (1 - delta):
        return Verdict.fail(f"xavier_uniform → W: its largest entry in absolute value is {largest:.4g}; draws "
                            f"from U(−a, a) with a = {a:.4g} come much closer to a")
    return Verdict.ok()


@pytest.mark.points(0.5)
def test_layer_stds_example(student):
    """layer_stds of a 2-layer example, with ReLU and without an activation"""
    x = np.array([[1.0, -1.0], [-1.0, 1.0]])
    weights = [np.array([[2.0, -1.0], [0.0, 1.0]]), np.array([[1.0, 1.0], [0.0, 0.0]])]
    # x @ W1 = [[2, −2], [−2, 2]]. Linear: its entries have mean 0 and std 2; then
    # h1 @ W2 = [[2, 2], [−2, −2]], std 2 again.
    # ReLU: h1 = [[2, 0], [0, 2]] (mean 1, std 1); h1 @ W2 = [[2, 2], [0, 0]], ReLU keeps it: std 1.
    linear, relu = student.values("layer_stds", [(x, weights, "linear"), (x, weights, "relu")])
    return combine([compare(linear, np.array([2.0, 2.0]), "layer_stds (linear)"),
                    compare(relu, np.array([1.0, 1.0]), "layer_stds (relu)")])


@pytest.mark.points(0.5)
def test_he_normal_uses_rng(student):
    """he_normal draws from rng only: the same seed gives the same weights, another seed others"""
    first, again, other, layer = student.values("he_normal", [(20, 30, SeededRng(seed)) for seed in (7, 7, 8)]
                                                + [(200, 200, SeededRng(9))])
    first, again, other = (as_layer(W, (20, 30)) for W in (first, again, other))
    shape = check_shape(first, (20, 30), "he_normal", other=other)
    if not shape.passed:
        return shape
    if not (isinstance(again, np.ndarray) and np.array_equal(first, again)):
        return Verdict.fail("he_normal gave different weights for two generators with the same seed: draw with "
                            "the `rng` argument (e.g. rng.normal(...)), not np.random")
    return only_with(Verdict.ok(), centred_layer(layer, "he_normal"), SEEDING)
