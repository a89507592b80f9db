"""A correct solution in another style: explicit loops, np.minimum/np.maximum instead of
np.clip, and norms returned as NumPy scalars or 0-d arrays instead of Python floats."""

import numpy as np


def global_norm(grads):
    total = np.zeros(())
    for g in grads:
        total = total + np.sum(g * g)
    return np.sqrt(total)  # a 0-d array


def clip_by_value(grads, clip_value):
    if clip_value <= 0:
        raise ValueError("clip_value must be positive")
    clipped = []
    for g in grads:
        clipped.append(np.maximum(np.minimum(g, clip_value), -clip_value))
    return clipped


def clip_by_global_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm must be positive")
    norm = np.float64(global_norm(grads))
    if np.isnan(norm) or np.isinf(norm):
        raise ValueError("non-finite gradient norm")
    factor = max_norm / norm if norm > max_norm else 1.0
    clipped = []
    for g in grads:
        clipped.append(np.array(g) * factor)
    return clipped, norm


def scalar_rnn_grad(w, T):
    y = [1.0]
    for t in range(1, T + 1):
        y.append(w * y[t - 1])
    grad_y = np.float64(1.0)
    grad_w = np.float64(0.0)
    t = T
    while t >= 1:
        grad_w += grad_y * y[t - 1]
        grad_y = grad_y * w
        t -= 1
    return np.array(y[T]), grad_w
