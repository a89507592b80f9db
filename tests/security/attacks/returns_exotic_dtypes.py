"""Attack: Return the correct values with dtypes outside the whitelist: object, complex,
structured, string and datetime arrays. Expected: no value comparison passes (only
bool/int/float arrays cross the boundary).
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
    return _right_gd_step(theta, grad_fn, lr).astype(object)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    t, v = _right_momentum_step(theta, velocity, grad_fn, lr, rho)
    return t.astype(complex), v.astype(str)


def nag_step(theta, velocity, grad_fn, lr, rho):
    t, v = _right_nag_step(theta, velocity, grad_fn, lr, rho)
    record = np.zeros(t.shape, dtype=[("x", "f8")])
    record["x"] = t
    return record, v.astype("datetime64[ns]")


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return _right_optimize(grad_fn, theta0, method, lr, rho, num_steps).astype(object)
