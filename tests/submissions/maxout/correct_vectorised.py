"""Maxout layer, vectorised with einsum (a correct submission)."""

import numpy as np


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    k = z.argmax(axis=2)
    out = z.max(axis=2)
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
    # Pieces in the other order than the lecture's: max(0, z) is the same function.
    W2 = np.zeros(W.shape + (2,))
    W2[:, :, 1] = W
    b2 = np.zeros(b.shape + (2,))
    b2[:, 1] = b
    return W2, b2
