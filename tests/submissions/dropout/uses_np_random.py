"""Draws the mask from np.random instead of the rng argument."""

import numpy as np


def dropout_forward(x, p, train, rng):
    if not 0 <= p < 1:
        raise ValueError(p)
    factor = (np.random.rand(*x.shape) >= p) * 1.0 if train else 1 - p
    return x * factor, factor


def inverted_dropout_forward(x, p, train, rng):
    if not 0 <= p < 1:
        raise ValueError(p)
    factor = (np.random.rand(*x.shape) >= p) / (1 - p) if train else 1.0
    return x * factor, factor


def dropout_backward(dout, cache):
    return dout * cache


def scale_weights_for_test(W, p):
    if not 0 <= p < 1:
        raise ValueError(p)
    return W * (1 - p)
