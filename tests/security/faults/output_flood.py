"""Fault: prints 100 MB at import and 1 MB in every gd_step (debug output left in).

The output is capped and discarded; the grade must not depend on it (nor on how fast
the machine pushes it through a pipe, so each call prints a bounded amount)."""
import numpy as np


def gd_step(theta, grad_fn, lr):
    print("x" * 2 ** 20)
    return theta - lr * grad_fn(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta)
    return theta + v, v


def nag_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta + rho * velocity)
    return theta + v, v


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    step = {"gd": lambda t, v: (gd_step(t, grad_fn, lr), v),
            "momentum": lambda t, v: momentum_step(t, v, grad_fn, lr, rho),
            "nag": lambda t, v: nag_step(t, v, grad_fn, lr, rho)}[method]
    theta = np.array(theta0, dtype=np.float64)
    v = np.zeros_like(theta)
    rows = [theta]
    for _ in range(num_steps):
        theta, v = step(theta, v)
        rows.append(theta)
    return np.stack(rows)

print("y" * (100 * 2 ** 20))
