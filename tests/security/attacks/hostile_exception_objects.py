"""Attack: Raise exceptions that attack the error reporting: a __str__ that never returns, a
__str__ that raises, a 50 MB message, KeyboardInterrupt and GeneratorExit; optimize is
the wrong core. Expected: at most the wrong core's score; each broken function gets an
error or timeout, and the grader finishes normally.
"""
import numpy as np


# ---- honest core: wrong (never moves); scores what `honest/wrong.py` scores ----
def _wrong_gd_step(theta, grad_fn, lr):
    return np.array(theta, dtype=np.float64)


def _wrong_momentum_step(theta, velocity, grad_fn, lr, rho):
    return np.array(theta, dtype=np.float64), np.array(velocity, dtype=np.float64)


def _wrong_nag_step(theta, velocity, grad_fn, lr, rho):
    return np.array(theta, dtype=np.float64), np.array(velocity, dtype=np.float64)


def _wrong_optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(f"unknown method {method!r}")
    return np.stack([np.array(theta0, dtype=np.float64)] * (num_steps + 1))


class Endless(Exception):
    def __str__(self):
        while True:
            pass


class Raising(Exception):
    def __str__(self):
        raise Raising()


def gd_step(theta, grad_fn, lr):
    raise Endless()


def momentum_step(theta, velocity, grad_fn, lr, rho):
    raise Raising()


def nag_step(theta, velocity, grad_fn, lr, rho):
    if rho > 0.85:
        raise KeyboardInterrupt("x" * 50_000_000)
    raise GeneratorExit()


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return _wrong_optimize(grad_fn, theta0, method, lr, rho, num_steps)
