"""Dropout with a mask from uniform draws, caching the mask and the scale (a correct submission)."""

import numpy as np


def _check(p):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")


def dropout_forward(x, p, train, rng):
    _check(p)
    if not train:
        return x * (1 - p), {"mask": None, "scale": 1 - p}
    mask = rng.random(x.shape) >= p
    return x * mask, {"mask": mask, "scale": 1.0}


def inverted_dropout_forward(x, p, train, rng):
    _check(p)
    if not train:
        return x.copy(), {"mask": None, "scale": 1.0}
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), {"mask": mask, "scale": 1 / (1 - p)}


def dropout_backward(dout, cache):
    dx = dout * cache["scale"]
    if cache["mask"] is not None:
        dx = dx * cache["mask"]
    return dx


def scale_weights_for_test(W, p):
    _check(p)
    return (1 - p) * W
