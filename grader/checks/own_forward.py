"""Partial credit for a backward pass that is right for the student's own forward pass.

When a forward pass is wrong, the matching backward pass can still be the exact
gradient of what that forward computes: the student understood backpropagation and
should not lose it twice. This credit needs real work on both sides: the forward's
output must change along the direction checked (a constant forward has derivative
zero, and a zero backward would "agree" with it) and the gradient must not be zero.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from grader.checks.gradcheck import check_direction, directional_derivative, random_direction
from grader.checks.verdict import Verdict
from grader.checks.work import real_gradient

DIRECTIONS = 2
FLAT = 1e-9  # a directional derivative this small (relative to the gradient's size) is "no change"


def loss_along(forward: Callable, args, k: int, loss: Callable) -> Callable[[np.ndarray], float]:
    """x ↦ loss(forward(args with argument k replaced by x)): the scalar whose gradient with
    respect to argument k a backward pass returns."""
    def value(x):
        changed = list(args)
        changed[k] = x
        return float(loss(forward(*changed)))
    return value


def agrees_with_own_forward(own_loss: Callable[[np.ndarray], float], x: np.ndarray, analytic, rng,
                            name: str, forward: str, *, rtol: float = 1e-5) -> Verdict:
    """Pass when ``analytic`` (the student's gradient with respect to ``x``) matches
    central differences of ``own_loss`` (built with ``loss_along`` from the student's own
    forward) along ``DIRECTIONS`` random directions, and both do real work."""
    real = real_gradient(analytic, name)
    if not real.passed:
        return real
    if analytic.shape != x.shape:
        return Verdict.fail(f"{name}: shape expected {x.shape}, got {analytic.shape}")
    scale = float(np.linalg.norm(analytic))
    for _ in range(DIRECTIONS):
        u = random_direction(rng, x.shape)
        try:
            numeric = directional_derivative(own_loss, x, 1.0, u)
        except (TypeError, ValueError, IndexError):
            return Verdict.fail(f"{name}: could not be checked, {forward} does not return arrays of the "
                                "documented shapes")
        if not np.isfinite(numeric) or abs(numeric) <= FLAT * max(scale, 1.0):
            return Verdict.fail(f"{name}: cannot be checked against your {forward}: its output does not change "
                                "when this input changes")
        ok, err = check_direction(analytic, numeric, direction=u, rtol=rtol)
        if not ok:
            return Verdict.fail(f"{name} disagrees with a numerical derivative of your own {forward} along a "
                                f"random direction (relative error {err:.1e})")
    return Verdict.ok()
