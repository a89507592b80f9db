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


def recurrent_step(rng: np.random.Generator, N: int, D: int, H: int, blocks: int, *, cell_state: bool = False):
    """Arguments of one step of a recurrent cell and its upstream gradients, all non-zero.

    Returns: args [x (N, D), prev_h (N, H), (prev_c (N, H) when ``cell_state``), Wx, Wh, b]
    (as ``recurrent_parameters``), and upstream [dnext_h (N, H), (dnext_c (N, H))].
    """
    x = rng.normal(size=(N, D))
    states = [rng.normal(size=(N, H)) for _ in range(2 if cell_state else 1)]
    args = [x, *states, *recurrent_parameters(rng, D, H, blocks)]
    return args, [rng.normal(size=(N, H)) for _ in states]


def recurrent_sequence(rng: np.random.Generator, N: int, T: int, D: int, H: int, blocks: int):
    """Arguments of a recurrent layer over a sequence and an upstream gradient on every step.

    Returns: args [x (N, T, D), h0 (N, H) non-zero, Wx, Wh, b], and upstream [dh (N, T, H)].
    """
    args = [rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), *recurrent_parameters(rng, D, H, blocks)]
    return args, [rng.normal(size=(N, T, H))]


def away_from_zero(rng: np.random.Generator, shape, low: float = 0.5, high: float = 1.5, *,
                   signs: bool = True) -> np.ndarray:
    """Entries with low ≤ |x| ≤ high (both signs unless ``signs`` is False): never 0, so a
    dropped unit is an exact 0, and no finite-difference step crosses a kink at 0.

    Returns: an array of ``shape``, float64.
    """
    sign = rng.choice([-1.0, 1.0], size=shape) if signs else 1.0
    return sign * rng.uniform(low, high, size=shape)


def maxout_layer(rng: np.random.Generator, N: int, D: int, M: int, K: int, gap: float = 1e-2):
    """Random x (N, D), W (D, M, K) of order 0.5 and b (M, K) whose best two pieces differ
    by more than ``gap`` in every unit (K > 1), so that a small step never changes which
    piece wins. Returns (x, W, b)."""
    for _ in range(1000):
        x, W, b = rng.normal(size=(N, D)), 0.5 * rng.normal(size=(D, M, K)), 0.5 * rng.normal(size=(M, K))
        z = np.sort(np.einsum("nd,dmk->nmk", x, W) + b, axis=2)
        if K == 1 or np.min(z[:, :, -1] - z[:, :, -2]) > gap:
            return x, W, b
    raise RuntimeError("could not draw a layer without near-ties")


def local_copy(value):
    """A fresh copy of a test argument for in-process code (reference or variant)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [local_copy(v) for v in value]
    if isinstance(value, dict):  # a network's params: the in-process code gets arrays of its own
        return {k: local_copy(v) for k, v in value.items()}
    if hasattr(value, "local"):
        return value.local()
    return value


def wire(value):
    """The form of a test argument that is sent to the sandbox worker (arrays as they are:
    the request that carries them is the worker's copy)."""
    if isinstance(value, list):
        return [wire(v) for v in value]
    if hasattr(value, "to_wire"):
        return value.to_wire()
    return value
