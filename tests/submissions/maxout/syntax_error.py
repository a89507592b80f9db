"""A submission that does not parse."""

import numpy as np


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    return z.max(axis=2), (x, W, z.argmax(axis=2)


def maxout_backward(dout, cache):
    raise NotImplementedError


def relu_as_maxout(W, b):
    raise NotImplementedError
