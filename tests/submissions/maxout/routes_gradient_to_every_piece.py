"""Backward pass sends dout to all K pieces, not only the winner."""

import numpy as np


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    k = z.argmax(axis=2)
    out = z.max(axis=2)
    return out, (x, W, k)


def maxout_backward(dout, cache):
    x, W, k = cache
    dz = np.broadcast_to(dout[:, :, None], dout.shape + (W.shape[2],))
    dx = np.einsum("nmk,dmk->nd", dz, W)
    dW = np.einsum("nd,nmk->dmk", x, dz)
    db = dz.sum(axis=0)
    return dx, dW, db


def relu_as_maxout(W, b):
    return np.stack([W, np.zeros_like(W)], axis=2), np.stack([b, np.zeros_like(b)], axis=1)
