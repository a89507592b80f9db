"""Correct values, but maxout_forward reshapes the caller's W in place."""

import numpy as np


def maxout_forward(x, W, b):
    D, M, K = W.shape
    W.shape = (D, M * K)  # changes the caller's array too
    z = (x @ W + b.reshape(M * K)).reshape(-1, M, K)
    k = z.argmax(axis=2)
    return z.max(axis=2), (x, W.reshape(D, M, K), k)


def maxout_backward(dout, cache):
    x, W, k = cache
    D, M, K = W.shape
    dz = np.zeros((x.shape[0], M, K))
    np.put_along_axis(dz, k[:, :, None], dout[:, :, None], axis=2)
    flat = dz.reshape(-1, M * K)
    return flat @ W.reshape(D, -1).T, (x.T @ flat).reshape(D, M, K), dz.sum(axis=0)


def relu_as_maxout(W, b):
    return np.stack([W, 0 * W], axis=2), np.stack([b, 0 * b], axis=1)
