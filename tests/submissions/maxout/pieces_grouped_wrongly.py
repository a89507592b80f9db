"""Reshapes x @ W as (N, K, M), so pieces of different units are compared; the
backward pass is consistent with that (wrong) forward pass."""

import numpy as np


def maxout_forward(x, W, b):
    D, M, K = W.shape
    z = (x @ W.reshape(D, M * K) + b.reshape(-1)).reshape(-1, K, M)
    k = z.argmax(axis=1)
    return z.max(axis=1), (x, W, k)


def maxout_backward(dout, cache):
    x, W, k = cache
    D, M, K = W.shape
    dz = (np.arange(K)[None, :, None] == k[:, None, :]) * dout[:, None, :]
    flat = dz.reshape(-1, M * K)
    dx = flat @ W.reshape(D, M * K).T
    dW = (x.T @ flat).reshape(D, M, K)
    db = flat.sum(axis=0).reshape(M, K)
    return dx, dW, db


def relu_as_maxout(W, b):
    return np.stack([W, np.zeros_like(W)], axis=2), np.stack([b, np.zeros_like(b)], axis=1)
