"""On a tie, every piece equal to the max gets the gradient."""

import numpy as np


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    out = z.max(axis=2)
    return out, (x, W, z == out[:, :, None])


def maxout_backward(dout, cache):
    x, W, winners = cache
    dz = winners * dout[:, :, None]
    return np.einsum("nmk,dmk->nd", dz, W), np.einsum("nd,nmk->dmk", x, dz), dz.sum(axis=0)


def relu_as_maxout(W, b):
    return np.stack([W, np.zeros_like(W)], axis=2), np.stack([b, np.zeros_like(b)], axis=1)
