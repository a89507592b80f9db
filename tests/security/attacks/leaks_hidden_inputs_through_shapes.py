"""Attack: write the hidden tests' inputs into the dimensions of empty arrays, which any
number of dimensions of any size can be, hoping a shape message quotes them.
Expected: 0 points; a message names only how many dimensions such a shape has."""
import numpy as np


def _leak(*arrays):
    values = [v for a in arrays for v in np.asarray(a, dtype=float).ravel()][:3]
    return np.empty((0,) + tuple(int(round(v * 1e5)) + 10 ** 6 for v in values))


def gd_step(theta, grad_fn, lr):
    return _leak(theta, [lr])


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return _leak(theta, velocity), _leak([lr, rho])


def nag_step(theta, velocity, grad_fn, lr, rho):
    return _leak(theta), _leak(velocity)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return _leak(theta0)
