"""Maxout: a learnable piecewise-linear activation (Goodfellow et al., ICML'13).

A maxout layer with M units and K pieces per unit computes, for every unit m, K
affine functions of the input (a "thin linear network" of K pieces) and keeps the
largest:

    z[n, m, k] = Σ_d x[n, d]·W[d, m, k] + b[m, k],      out[n, m] = max_k z[n, m, k]

N is the batch size, D the input dimension, M the number of units, K the number of
pieces per unit. ReLU is the special case K = 2 with a second piece that is always 0.
"""

import numpy as np


def maxout_forward(x, W, b):
    """Forward pass of a maxout layer.

    Inputs:
    - x: input data, of shape (N, D)
    - W: weights of the pieces, of shape (D, M, K)
    - b: biases of the pieces, of shape (M, K)

    Returns a tuple of:
    - out: output, of shape (N, M); out[n, m] = max_k z[n, m, k]
    - cache: whatever maxout_backward needs (opaque to the caller)
    """
    # YOUR CODE HERE
    raise NotImplementedError("TODO")


def maxout_backward(dout, cache):
    """Backward pass of a maxout layer.

    The gradient of out[n, m] reaches only the piece k that attained the maximum (on a
    tie, the first such k, as np.argmax chooses); the other pieces get none.

    Inputs:
    - dout: upstream gradient, of shape (N, M)
    - cache: the cache returned by maxout_forward

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, D)
    - dW: gradient with respect to W, of shape (D, M, K)
    - db: gradient with respect to b, of shape (M, K)
    """
    # YOUR CODE HERE
    raise NotImplementedError("TODO")


def relu_as_maxout(W, b):
    """Maxout parameters (K = 2) computing the same function as relu(x @ W + b).

    relu(z) = max(z, 0): the first piece is the ReLU layer's affine map, the second
    piece the constant 0.

    Inputs:
    - W: weights of a ReLU layer, of shape (D, M)
    - b: biases of a ReLU layer, of shape (M,)

    Returns a tuple of:
    - W2: maxout weights, of shape (D, M, 2)
    - b2: maxout biases, of shape (M, 2)
    """
    # YOUR CODE HERE
    raise NotImplementedError("TODO")
