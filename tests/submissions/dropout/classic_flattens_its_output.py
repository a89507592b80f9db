"""A student whose classic dropout flattens what it returns (a stray .ravel()); the
backward pass then cannot broadcast dout against that cache and raises. Inverted dropout
is right: where a check judges both forward functions, its half still counts."""

import numpy as np


def dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must satisfy 0 <= p < 1")
    if train:
        mask = (rng.random(x.shape) >= p).astype(float)
    else:
        mask = np.full(x.shape, 1.0 - p)
    return (x * mask).ravel(), mask.ravel()


def inverted_dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must satisfy 0 <= p < 1")
    if not train:
        return x.copy(), np.ones_like(x)
    mask = (rng.random(x.shape) >= p) / (1.0 - p)
    return x * mask, mask


def dropout_backward(dout, cache):
    return dout * cache


def scale_weights_for_test(W, p):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must satisfy 0 <= p < 1")
    return W * (1.0 - p)
