"""Attack: Return huge arrays hoping to exhaust the grader's memory: 1 GB from gd_step, 100 MB
from momentum_step, 60 MB (just under the frame cap) from nag_step; optimize is correct.
Expected: exactly optimize's points; the grader's own memory stays small.
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


def gd_step(theta, grad_fn, lr):
    return np.ones(2 ** 27)  # 1 GiB of float64


def momentum_step(theta, velocity, grad_fn, lr, rho):
    big = np.ones(100 * 2 ** 20 // 8)
    return big, big


def nag_step(theta, velocity, grad_fn, lr, rho):
    return np.ones(60 * 2 ** 20 // 8), np.ones(1)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return _right_optimize(grad_fn, theta0, method, lr, rho, num_steps)
