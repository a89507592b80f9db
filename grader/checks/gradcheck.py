"""Numerical gradients by central differences, in float64. Pure and quiet.

For a function f mapping arrays to an array and an upstream gradient ``dout`` of f's
output shape, the scalar loss is L(x) = Σ f(x) ⊙ dout, and its gradient with respect
to x is what a backward pass returns. Two ways to check it:

- ``numerical_gradient``: every entry by (L(x + h eᵢ) − L(x − h eᵢ)) / 2h — exact
  location of an error, 2·x.size evaluations; for small arrays.
- ``directional_derivative``: one random direction u, (L(x + hu) − L(x − hu)) / 2h,
  compared with ⟨∇L, u⟩ — 2 evaluations whatever the size (PyTorch gradcheck's fast
  mode, JAX check_grads); for larger arrays.

Neither ever modifies the caller's arrays: every evaluation gets fresh copies.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

STEP = 1e-5
DENOMINATOR_FLOOR = 1e-8


def rel_error(a, b, floor: float = DENOMINATOR_FLOOR) -> float:
    """max |a − b| / max(floor, |a| + |b|) over all entries (CS231n's rel_error)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(floor, np.abs(a) + np.abs(b)), initial=0.0))


def _loss(f: Callable, x: np.ndarray, dout: np.ndarray) -> float:
    return float(np.sum(np.asarray(f(x.copy()), dtype=np.float64) * dout))


def numerical_gradient(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, dout,
                       h: float = STEP) -> np.ndarray:
    """Gradient of Σ f(x) ⊙ dout with respect to x, entry by entry.

    Inputs: f, any function of one array; x of any shape; dout of f(x)'s shape.
    Returns: an array of x's shape, float64.
    """
    x = np.array(x, dtype=np.float64, copy=True)
    dout = np.asarray(dout, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (_loss(f, plus, dout) - _loss(f, minus, dout)) / (2 * h)
    return grad


def directional_derivative(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, dout,
                           direction: np.ndarray, h: float = STEP) -> float:
    """(L(x + h·u) − L(x − h·u)) / 2h for L = Σ f(·) ⊙ dout and unit direction u."""
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    u = np.asarray(direction, dtype=np.float64)
    return (_loss(f, x + h * u, dout) - _loss(f, x - h * u, dout)) / (2 * h)


def random_direction(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """A unit-norm random direction of the given shape."""
    u = rng.standard_normal(shape)
    return u / np.linalg.norm(u)


def check_direction(analytic, numeric: float, *, rtol: float = 1e-5, atol: float = 1e-7,
                    direction: np.ndarray) -> tuple[bool, float]:
    """Compare ⟨analytic, u⟩ with a directional derivative; returns (ok, relative error)."""
    projected = float(np.sum(np.asarray(analytic, dtype=np.float64) * direction))
    err = abs(projected - numeric)
    return err <= atol + rtol * abs(numeric), err / max(abs(numeric), DENOMINATOR_FLOOR)
