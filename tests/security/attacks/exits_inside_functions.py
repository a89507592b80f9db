"""Attack: nag_step calls sys.exit(0) and optimize calls os._exit(0); gd_step and momentum_step
are correct. Expected: exactly the points of gd_step and momentum_step (3 of 10).
"""
import os
import sys

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
    return _right_gd_step(theta, grad_fn, lr)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return _right_momentum_step(theta, velocity, grad_fn, lr, rho)


def nag_step(theta, velocity, grad_fn, lr, rho):
    sys.exit(0)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    os._exit(0)
