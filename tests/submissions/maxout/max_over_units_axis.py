"""Takes the max over the units (axis 1) instead of the pieces."""

import numpy as np


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    k = z.argmax(axis=1)
    out = z.max(axis=1)
    return out, (x, W, k)


def maxout_backward(dout, cache):
    x, W, k = cache
    K = W.shape[2]
    dz = (np.arange(K) == k[:, :, None]) * dout[:, :, None]
    dx = np.einsum("nmk,dmk->nd", dz, W)
    dW = np.einsum("nd,nmk->dmk", x, dz)
    db = dz.sum(axis=0)
    return dx, dW, db


def relu_as_maxout(W, b):
    return np.stack([W, np.zeros_like(W)], axis=2), np.stack([b, np.zeros_like(b)], axis=1)
