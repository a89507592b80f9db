# A correct submission in another style: explicit copies, element loops, list building.
import numpy as np


def gd_step(theta, grad_fn, lr):
    g = grad_fn(theta.copy())
    out = np.empty_like(theta, dtype=float)
    for idx in np.ndindex(theta.shape):
        out[idx] = theta[idx] - lr * g[idx]
    return out


def momentum_step(theta, velocity, grad_fn, lr, rho):
    v = velocity.copy()
    v *= rho
    v -= lr * grad_fn(theta)
    return theta + v, v


def nag_step(theta, velocity, grad_fn, lr, rho):
    ahead = np.add(theta, np.multiply(rho, velocity))
    v = np.subtract(rho * velocity, lr * np.asarray(grad_fn(ahead)))
    return np.add(theta, v), v


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    steps = {"gd": None, "momentum": momentum_step, "nag": nag_step}
    if method not in steps:
        raise ValueError("method must be gd, momentum or nag")
    theta = np.array(theta0, dtype=float)
    v = np.zeros(theta.shape)
    path = np.zeros((num_steps + 1,) + theta.shape)
    path[0] = theta
    for t in range(1, num_steps + 1):
        if method == "gd":
            theta = gd_step(theta, grad_fn, lr)
        else:
            theta, v = steps[method](theta, v, grad_fn, lr, rho)
        path[t] = theta
    return path
