"""Attack: Return structures built to exhaust the decoder: a tuple nested 100 deep, a list of
100 000 floats, a dict with array values, a self-referencing list, a generator.
Expected: no value comparison passes; the grader finishes normally.
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
    value = _right_gd_step(theta, grad_fn, lr)
    for _ in range(100):
        value = (value,)
    return value


def momentum_step(theta, velocity, grad_fn, lr, rho):
    loop = []
    loop.append(loop)
    return loop, {"velocity": velocity}


def nag_step(theta, velocity, grad_fn, lr, rho):
    return (x for x in range(3)), [0.0] * 100_000


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return [float(x) for x in _right_optimize(grad_fn, theta0, method, lr, rho, num_steps).reshape(-1)] * 50
