"""Dropout with a binomial mask and loops in the backward pass (a correct submission)."""

import numpy as np


def dropout_forward(x, p, train, rng):
    if not (0 <= p < 1):
        raise ValueError(f"bad p {p}")
    if train:
        factor = rng.binomial(1, 1 - p, size=x.shape).astype(float)
    else:
        factor = np.full(x.shape, 1 - p)
    return x * factor, factor


def inverted_dropout_forward(x, p, train, rng):
    if not (0 <= p < 1):
        raise ValueError(f"bad p {p}")
    if train:
        factor = rng.binomial(1, 1 - p, size=x.shape) / (1 - p)
    else:
        factor = np.ones(x.shape)
    return x * factor, factor


def dropout_backward(dout, cache):
    dx = np.empty_like(dout)
    flat_dx, flat_dout, flat_factor = dx.reshape(-1), dout.reshape(-1), cache.reshape(-1)
    for i in range(flat_dout.size):
        flat_dx[i] = flat_dout[i] * flat_factor[i]
    return dx


def scale_weights_for_test(W, p):
    if not (0 <= p < 1):
        raise ValueError(f"bad p {p}")
    return W * (1 - p)
