"""Attack: Return NaN and inf (NaN compares unequal to everything, hoping a `!=`-based check
finds no difference). Expected: no comparison passes; the points of tests that need no
values only.
"""
import numpy as np


def gd_step(theta, grad_fn, lr):
    return np.full(np.shape(theta), np.nan)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return np.full(np.shape(theta), np.inf), np.full(np.shape(theta), np.nan)


def nag_step(theta, velocity, grad_fn, lr, rho):
    return np.full(np.shape(theta), np.nan), np.full(np.shape(theta), -np.inf)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    out = np.full((num_steps + 1,) + np.shape(theta0), np.nan)
    out[0] = theta0
    return out
