"""Attack: Return objects that merely look like arrays of the correct values: objects with
__array__ or __array_interface__, nested lists, np.matrix, masked arrays, memoryviews.
Expected: no comparison passes (they are not plain arrays).
"""
import numpy as np


# ---- honest core: a correct implementation ----
def _right_gd_step(theta, grad_fn, lr):
    return theta - lr * grad_fn(theta)


def _right_momentum_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta)
    return theta + v, v


def _right_nag_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta + rho * velocity)
    return theta + v, v


def _right_optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(f"unknown method {method!r}")
    theta = np.array(theta0, dtype=np.float64)
    v = np.zeros_like(theta)
    rows = [theta]
    for _ in range(num_steps):
        if method == "gd":
            theta = _right_gd_step(theta, grad_fn, lr)
        elif method == "momentum":
            theta, v = _right_momentum_step(theta, v, grad_fn, lr, rho)
        else:
            theta, v = _right_nag_step(theta, v, grad_fn, lr, rho)
        rows.append(theta)
    return np.stack(rows)


class ArrayLike:
    def __init__(self, a):
        self._a = np.asarray(a)
        self.__array_interface__ = self._a.__array_interface__

    def __array__(self, dtype=None, copy=None):
        return self._a


def gd_step(theta, grad_fn, lr):
    return ArrayLike(_right_gd_step(theta, grad_fn, lr))


def momentum_step(theta, velocity, grad_fn, lr, rho):
    t, v = _right_momentum_step(theta, velocity, grad_fn, lr, rho)
    return t.tolist(), np.ma.masked_array(v)


def nag_step(theta, velocity, grad_fn, lr, rho):
    t, v = _right_nag_step(theta, velocity, grad_fn, lr, rho)
    return memoryview(np.ascontiguousarray(t)), ArrayLike(v)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    out = _right_optimize(grad_fn, theta0, method, lr, rho, num_steps)
    return np.asmatrix(out.reshape(len(out), -1)) if out.ndim > 1 else out.tolist()
