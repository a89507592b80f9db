# Boolean masks and in-place writes on fresh copies, namedtuple caches, lists returned,
# SELU's negative side through np.clip, ints where floats are expected.
from collections import namedtuple

Saved = namedtuple("Saved", ["x", "alpha"])


def relu_forward(x):
    out = x.copy()
    out[x <= 0] = 0
    return [out, Saved(x, 0)]


def relu_backward(dout, cache):
    dx = dout.copy()
    dx[cache.x <= 0] = 0
    return dx


def leaky_relu_forward(x, alpha=0.01):
    out = x.copy()
    negative = ~(x > 0)
    out[negative] = out[negative] * alpha
    return [out, Saved(x, alpha)]


def leaky_relu_backward(dout, cache):
    dx = dout.copy()
    dx[cache.x <= 0] *= cache.alpha
    return dx


def prelu_forward(x, alpha):
    slopes = np.broadcast_to(alpha, x.shape)
    out = x.copy()
    negative = x <= 0
    out[negative] = x[negative] * slopes[negative]
    return [out, Saved(x, alpha)]


def prelu_backward(dout, cache):
    negative = cache.x <= 0
    dx = np.where(negative, dout * cache.alpha, dout)
    contributions = np.zeros_like(dout)
    contributions[negative] = (dout * cache.x)[negative]
    return [dx, contributions.sum(axis=0)]


def selu_forward(x):
    # e^x is taken of values clipped to at most 0: it never overflows.
    scale, alpha = SELU_LAMBDA, SELU_ALPHA
    exp_part = alpha * (np.exp(np.clip(x, None, 0)) - 1)
    out = scale * np.where(x > 0, x, exp_part)
    return [out, Saved(x, alpha)]


def selu_backward(dout, cache):
    x = cache.x
    slope = np.full(x.shape, SELU_LAMBDA)
    negative = x <= 0
    slope[negative] = SELU_LAMBDA * SELU_ALPHA * np.exp(x[negative])
    return dout * slope
