"""A student's adaptive.py: the optimizer state in a dict, updates written with np.* calls
on copies, lists returned, and a ValueError subclass."""
import numpy as np


class BadArgument(ValueError):
    """Raised for invalid optimizer arguments."""


def _scaled_step(grad, second_moment, lr, eps):
    return lr * grad / (np.sqrt(second_moment) + eps)


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    new_cache = np.copy(cache)
    np.add(new_cache, grad * grad, out=new_cache)
    return [theta - _scaled_step(grad, new_cache, lr, eps), new_cache]


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    new_cache = np.copy(cache)
    new_cache *= decay
    new_cache += (1.0 - decay) * grad * grad
    return [theta - _scaled_step(grad, new_cache, lr, eps), new_cache]


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t <= 0:
        raise BadArgument("Adam's t counts updates from 1")
    new_m = beta1 * m + (1.0 - beta1) * grad
    new_v = beta2 * v + (1.0 - beta2) * np.square(grad)
    m_hat = new_m / (1.0 - beta1 ** t)
    v_hat = new_v / (1.0 - beta2 ** t)
    return [theta - _scaled_step(m_hat, v_hat, lr, eps), new_m, new_v]


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    steps = {"adagrad": adagrad_step, "rmsprop": rmsprop_step, "adam": adam_step}
    if method not in steps:
        raise BadArgument(f"method must be one of {sorted(steps)}")
    state = {"theta": np.array(theta0, dtype=float), "s": np.zeros_like(theta0, dtype=float),
             "m": np.zeros_like(theta0, dtype=float), "v": np.zeros_like(theta0, dtype=float)}
    trajectory = np.empty((num_steps + 1,) + np.shape(theta0))
    trajectory[0] = theta0
    for t in range(1, num_steps + 1):
        g = grad_fn(state["theta"])
        if method == "adam":
            state["theta"], state["m"], state["v"] = adam_step(state["theta"], g, state["m"], state["v"], t, lr)
        else:
            state["theta"], state["s"] = steps[method](state["theta"], g, state["s"], lr)
        trajectory[t] = state["theta"]
    return trajectory
