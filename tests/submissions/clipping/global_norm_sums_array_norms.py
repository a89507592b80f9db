"""Gradient clipping, and the lecture's example of an exploding gradient.

A list of gradients `grads` holds one array per parameter (of any shapes). Every
function returns new arrays, in the same order, and leaves its inputs unchanged.
"""

import numpy as np


def global_norm(grads):
    return float(sum(np.sqrt(np.sum(g ** 2)) for g in grads))


def clip_by_value(grads, clip_value):
    """Clip every element of every gradient to the interval [−clip_value, clip_value].

    Inputs:
    - grads: a list of arrays, of any shapes
    - clip_value: a positive float; clip_value ≤ 0 raises ValueError

    Returns:
    - clipped: a list of new arrays, of the shapes of grads, in the same order
    """
    if not clip_value > 0:
        raise ValueError(f"clip_value must be positive, got {clip_value}")
    return [np.clip(g, -clip_value, clip_value) for g in grads]


def clip_by_global_norm(grads, max_norm):
    """Rescale a list of gradients so that their global norm is at most max_norm.

    With norm = global_norm(grads): if norm > max_norm every array is multiplied by the
    same factor max_norm / norm, which keeps the direction of the whole gradient;
    otherwise the gradients are returned unchanged (as copies). All-zero gradients are
    fine (norm 0, nothing to scale).

    Inputs:
    - grads: a list of arrays, of any shapes
    - max_norm: a positive float; max_norm ≤ 0 raises ValueError

    Returns a tuple of:
    - clipped: a list of new arrays, of the shapes of grads, in the same order
    - norm: the global norm of grads before clipping, a float; a non-finite norm
      (NaN or inf in a gradient) raises ValueError
    """
    if not max_norm > 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError("the gradients' global norm is not finite (NaN or inf in a gradient)")
    if norm > max_norm:
        scale = max_norm / norm
        return [g * scale for g in grads], norm
    return [np.array(g, copy=True) for g in grads], norm


def scalar_rnn_grad(w, T):
    """The lecture's exploding-gradient example, by backpropagation through time.

    The scalar recurrence y_t = w·y_{t−1} with y_0 = 1 is run for T steps; then the
    derivative of y_T with respect to the shared weight w is accumulated by a loop
    going back over the steps (not by the closed form T·w^(T−1)).

    Inputs:
    - w: the recurrent weight, a float
    - T: the number of steps, an int ≥ 0 (a negative T raises ValueError)

    Returns a tuple of:
    - y_T: the value after T steps, a float
    - dy_dw: dy_T/dw, a float
    """
    if T < 0:
        raise ValueError(f"T must be non-negative, got {T}")
    ys = [1.0]
    for _ in range(T):
        ys.append(w * ys[-1])
    dy = 1.0  # dy_T / dy_t, starting at t = T
    dw = 0.0
    for t in range(T, 0, -1):
        dw += dy * ys[t - 1]  # w's contribution at step t: ∂y_t/∂w = y_{t−1}
        dy *= w  # ∂y_t/∂y_{t−1} = w
    return float(ys[-1]), float(dw)
