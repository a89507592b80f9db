"""Test inputs that are not plain arrays: objectives and random generators.

Each has two faces: ``to_wire()``, the plain data from which the sandbox worker builds
the student's copy, and ``local()``, a fresh equivalent for the reference solution and
the known-mistake variants in the grader process. Both faces behave identically.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.sandbox.protocol import CallableSpec, RngSpec


@dataclass(frozen=True, eq=False)
class Quadratic:
    """J(θ) = ½ vec(θ)ᵀ A vec(θ) − bᵀ vec(θ); calling it gives ∇J(θ), of θ's shape.

    A is (n, n) symmetric positive definite, b is (n,), n = θ.size.
    """

    A: np.ndarray
    b: np.ndarray

    @classmethod
    def random(cls, rng: np.random.Generator, n: int, condition: float = 10.0) -> "Quadratic":
        """A random SPD quadratic whose Hessian eigenvalues span [1, condition]."""
        q, _ = np.linalg.qr(rng.standard_normal((n, n)))
        eig = np.geomspace(1.0, condition, n)
        return cls((q * eig) @ q.T, rng.standard_normal(n))

    @classmethod
    def diagonal(cls, eigenvalues, b) -> "Quadratic":
        return cls(np.diag(np.asarray(eigenvalues, dtype=np.float64)), np.asarray(b, dtype=np.float64))

    def __call__(self, theta):
        theta = np.asarray(theta, dtype=np.float64)
        return (self.A @ theta.reshape(-1) - self.b).reshape(theta.shape)

    def minimizer(self) -> np.ndarray:
        return np.linalg.solve(self.A, self.b)

    def value(self, theta) -> float:
        flat = np.asarray(theta, dtype=np.float64).reshape(-1)
        return float(0.5 * flat @ self.A @ flat - self.b @ flat)

    def to_wire(self) -> CallableSpec:
        return CallableSpec("quadratic", {"A": self.A, "b": self.b})

    def local(self) -> "Quadratic":
        return self


@dataclass(frozen=True)
class SeededRng:
    """A ``numpy.random.Generator`` made afresh from ``seed`` for every call."""

    seed: int

    def to_wire(self) -> RngSpec:
        return RngSpec(self.seed)

    def local(self) -> np.random.Generator:
        return np.random.default_rng(self.seed)


def recurrent_parameters(rng: np.random.Generator, D: int, H: int, blocks: int, scale: float = 0.5):
    """Random weights of a recurrent cell whose pre-activation has ``blocks`` blocks of H
    columns (1 for a plain RNN, 3 for a GRU, 4 for an LSTM), of order ``scale``, biases
    non-zero.

    Returns: Wx (D, blocks·H), Wh (H, blocks·H), b (blocks·H,).
    """
    return (scale * rng.normal(size=(D, blocks * H)), scale * rng.normal(size=(H, blocks * H)),
            scale * rng.normal(size=blocks * H))


def local_copy(value):
    """A fresh copy of a test argument for in-process code (reference or variant)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [local_copy(v) for v in value]
    if hasattr(value, "local"):
        return value.local()
    return value


def wire(value):
    """The form of a test argument that is sent to the sandbox worker."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [wire(v) for v in value]
    if hasattr(value, "to_wire"):
        return value.to_wire()
    return value
