"""relu_as_maxout uses -z as the second piece: computes |z|."""

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
    return np.stack([W, -W], axis=2), np.stack([b, -b], axis=1)
