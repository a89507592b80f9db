"""Callables and generators built inside the worker from plain data the grader sends.

Nothing executable crosses the trust boundary: the grader sends, say, a quadratic's
matrix, and the worker builds ``grad_fn`` from it here. Each built callable records
how it was called, so the grader can check *where* a gradient was evaluated.
"""

from __future__ import annotations

import numpy as np

MAX_RECORDED_POINTS = 16


class CallLog:
    """Points at which built callables were evaluated during one student call."""

    def __init__(self):
        self.count = 0
        self.points: list[np.ndarray] = []

    def reset(self) -> None:
        self.count = 0
        self.points = []

    def record(self, theta: np.ndarray) -> None:
        self.count += 1
        if len(self.points) < MAX_RECORDED_POINTS:
            self.points.append(np.array(theta, dtype=np.float64, copy=True))

    def as_values(self) -> dict:
        """What to send back (nothing when no built callable was called)."""
        return {"grad_calls": self.count, "grad_points": list(self.points)} if self.count else {}


def quadratic_gradient(data: dict, log: CallLog):
    """grad_fn for J(θ) = ½ vec(θ)ᵀ A vec(θ) − bᵀ vec(θ), for θ of any shape.

    Inputs: data["A"] of shape (n, n), data["b"] of shape (n,), n = θ.size.
    Returns grad_fn(theta) -> array of theta's shape.
    """
    A = np.array(data["A"], dtype=np.float64)
    b = np.array(data["b"], dtype=np.float64)

    def grad_fn(theta):
        theta = np.asarray(theta, dtype=np.float64)
        log.record(theta)
        flat = theta.reshape(-1)
        return (A @ flat - b).reshape(theta.shape)

    return grad_fn


BUILDERS = {"quadratic": quadratic_gradient}


def build_callable(name: str, data, log: CallLog):
    """Build the named callable; unknown names are a protocol error on the grader's side."""
    if name not in BUILDERS or not isinstance(data, dict):
        raise ValueError(f"unknown callable builder {name!r}")
    return BUILDERS[name](data, log)


def build_rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)
