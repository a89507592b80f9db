"""Gated recurrent unit (GRU), forward and backward, in the CS231n layout.

We work with minibatches of N sequences of length T, inputs of dimension D and a
hidden state of dimension H. The parameters are shared by every time step: Wx of shape
(D, 3H), Wh of shape (H, 3H) and b of shape (3H,), each split in three blocks of H
columns in the order z, r, n:

    z = σ(x·Wx_z + prev_h·Wh_z + b_z)              update gate
    r = σ(x·Wx_r + prev_h·Wh_r + b_r)              reset gate
    n = tanh(x·Wx_n + (r ⊙ prev_h)·Wh_n + b_n)     candidate state
    next_h = (1 − z) ⊙ prev_h + z ⊙ n

The reset gate acts on prev_h BEFORE the product with Wh_n (PyTorch applies it after;
this course does not). The update gate z decides how much of the new candidate replaces
the old state: z = 0 keeps prev_h unchanged, so gradients can flow back over many steps.
"""

import numpy as np


def sigmoid(x):
    """Numerically stable logistic sigmoid σ(x) = 1 / (1 + e^(−x)), elementwise (given)."""
    # σ(x) = ½(1 + tanh(x/2)): tanh saturates instead of overflowing.
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


def gru_step_forward(x, prev_h, Wx, Wh, b):
    """Forward pass for one time step of a GRU.

    Inputs:
    - x: input data, of shape (N, D)
    - prev_h: previous hidden state, of shape (N, H)
    - Wx: input-to-hidden weights, of shape (D, 3H), blocks z, r, n
    - Wh: hidden-to-hidden weights, of shape (H, 3H), blocks z, r, n
    - b: biases, of shape (3H,), blocks z, r, n

    Returns a tuple of:
    - next_h: next hidden state, of shape (N, H)
    - cache: values needed by gru_step_backward (any object you like)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement gru_step_forward (see its docstring)")


def gru_step_backward(dnext_h, cache):
    """Backward pass for one time step of a GRU.

    Inputs:
    - dnext_h: upstream gradient with respect to next_h, of shape (N, H)
    - cache: the cache returned by gru_step_forward

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, D)
    - dprev_h: gradient with respect to prev_h, of shape (N, H)
    - dWx: gradient with respect to Wx, of shape (D, 3H)
    - dWh: gradient with respect to Wh, of shape (H, 3H)
    - db: gradient with respect to b, of shape (3H,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement gru_step_backward (see its docstring)")


def gru_forward(x, h0, Wx, Wh, b):
    """Forward pass of a GRU over a whole sequence.

    Inputs:
    - x: input data, of shape (N, T, D)
    - h0: initial hidden state, of shape (N, H)
    - Wx, Wh, b: parameters as in gru_step_forward

    Returns a tuple of:
    - h: hidden states of every step, of shape (N, T, H)
    - cache: values needed by gru_backward (any object you like)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement gru_forward (see its docstring)")


def gru_backward(dh, cache):
    """Backpropagation through time for a GRU.

    Inputs:
    - dh: upstream gradients of every hidden state, of shape (N, T, H)
    - cache: the cache returned by gru_forward

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, T, D)
    - dh0: gradient with respect to h0, of shape (N, H)
    - dWx: gradient with respect to Wx, of shape (D, 3H)
    - dWh: gradient with respect to Wh, of shape (H, 3H)
    - db: gradient with respect to b, of shape (3H,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement gru_backward (see its docstring)")
