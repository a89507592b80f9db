"""A student's activations.py: one entry at a time over the flattened arrays."""
import math

import numpy as np

LAMBDA = 1.0507009873554805
ALPHA = 1.6732632423543772


def relu_forward(x):
    flat = x.ravel()
    out = np.zeros(flat.size)
    for i in range(flat.size):
        if flat[i] > 0:
            out[i] = flat[i]
    return out.reshape(x.shape), x


def relu_backward(dout, cache):
    x = cache.ravel()
    d = dout.ravel()
    dx = np.zeros(x.size)
    for i in range(x.size):
        if x[i] > 0:
            dx[i] = d[i]
    return dx.reshape(cache.shape)


def leaky_relu_forward(x, alpha=0.01):
    flat = x.ravel()
    out = np.array([v if v > 0 else alpha * v for v in flat], dtype=float)
    return out.reshape(x.shape), (x, alpha)


def leaky_relu_backward(dout, cache):
    x, alpha = cache
    grads = [d if v > 0 else alpha * d for v, d in zip(x.ravel(), dout.ravel())]
    return np.array(grads, dtype=float).reshape(x.shape)


def prelu_forward(x, alpha):
    out = np.zeros(x.shape)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            out[n, c] = x[n, c] if x[n, c] > 0 else alpha[c] * x[n, c]
    return out, (x, alpha)


def prelu_backward(dout, cache):
    x, alpha = cache
    dx = np.zeros(x.shape)
    dalpha = np.zeros(alpha.shape)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            if x[n, c] > 0:
                dx[n, c] = dout[n, c]
            else:
                dx[n, c] = alpha[c] * dout[n, c]
                dalpha[c] = dalpha[c] + x[n, c] * dout[n, c]
    return dx, dalpha


def selu_forward(x):
    values = []
    for v in x.ravel():
        if v > 0:
            values.append(LAMBDA * v)
        else:
            values.append(LAMBDA * ALPHA * (math.exp(v) - 1))
    return np.array(values).reshape(x.shape), x


def selu_backward(dout, cache):
    slopes = [LAMBDA if v > 0 else LAMBDA * ALPHA * math.exp(v) for v in cache.ravel()]
    return dout * np.array(slopes).reshape(cache.shape)
