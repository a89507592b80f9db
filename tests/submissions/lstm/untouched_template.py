"""Long short-term memory (LSTM), forward and backward, in the CS231n layout.

We work with minibatches of N sequences of length T, inputs of dimension D and a
hidden state of dimension H. The parameters are shared by every time step: Wx of shape
(D, 4H), Wh of shape (H, 4H) and b of shape (4H,). At each step the activation
a = x·Wx + h_prev·Wh + b, of shape (N, 4H), is split into four blocks of H columns in
the order i, f, o, g:

    i = σ(a_i)   input gate          f = σ(a_f)   forget gate
    o = σ(a_o)   output gate         g = tanh(a_g)   candidate cell values
    c_next = f ⊙ c_prev + i ⊙ g       h_next = o ⊙ tanh(c_next)

The cell state c is changed only by elementwise gating and addition, so gradients can
flow back through it over many steps without being multiplied by Wh each time.
"""

import numpy as np


def sigmoid(x):
    """Numerically stable logistic sigmoid σ(x) = 1 / (1 + e^(−x)), elementwise.

    Never computes e^t for a large positive t, so inputs as large as |x| = 1e4 give
    no overflow warning and no NaN.

    Inputs:
    - x: an array of any shape (or a scalar)

    Returns:
    - out: σ(x), an array of x's shape with values in [0, 1]
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement sigmoid (see its docstring)")


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """Forward pass for one time step of an LSTM.

    Inputs:
    - x: input data, of shape (N, D)
    - prev_h: previous hidden state, of shape (N, H)
    - prev_c: previous cell state, of shape (N, H)
    - Wx: input-to-hidden weights, of shape (D, 4H)
    - Wh: hidden-to-hidden weights, of shape (H, 4H)
    - b: biases, of shape (4H,)

    Returns a tuple of:
    - next_h: next hidden state, of shape (N, H)
    - next_c: next cell state, of shape (N, H)
    - cache: values needed by lstm_step_backward (any object you like)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement lstm_step_forward (see its docstring)")


def lstm_step_backward(dnext_h, dnext_c, cache):
    """Backward pass for one time step of an LSTM.

    Inputs:
    - dnext_h: upstream gradient with respect to next_h, of shape (N, H)
    - dnext_c: upstream gradient with respect to next_c, of shape (N, H)
    - cache: the cache returned by lstm_step_forward

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, D)
    - dprev_h: gradient with respect to prev_h, of shape (N, H)
    - dprev_c: gradient with respect to prev_c, of shape (N, H)
    - dWx: gradient with respect to Wx, of shape (D, 4H)
    - dWh: gradient with respect to Wh, of shape (H, 4H)
    - db: gradient with respect to b, of shape (4H,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement lstm_step_backward (see its docstring)")


def lstm_forward(x, h0, Wx, Wh, b):
    """Forward pass of an LSTM over a whole sequence; the initial cell state is zero.

    Inputs:
    - x: input data, of shape (N, T, D)
    - h0: initial hidden state, of shape (N, H)
    - Wx: input-to-hidden weights, of shape (D, 4H)
    - Wh: hidden-to-hidden weights, of shape (H, 4H)
    - b: biases, of shape (4H,)

    Returns a tuple of:
    - h: hidden states for every time step, of shape (N, T, H)
    - cache: values needed by lstm_backward (any object you like)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement lstm_forward (see its docstring)")


def lstm_backward(dh, cache):
    """Backward pass of an LSTM over a whole sequence (backpropagation through time).

    Inputs:
    - dh: upstream gradients with respect to every hidden state, of shape (N, T, H)
    - cache: the cache returned by lstm_forward

    Returns a tuple of:
    - dx: gradient with respect to the inputs x, of shape (N, T, D)
    - dh0: gradient with respect to the initial hidden state h0, of shape (N, H)
    - dWx: gradient with respect to Wx, of shape (D, 4H)
    - dWh: gradient with respect to Wh, of shape (H, 4H)
    - db: gradient with respect to b, of shape (4H,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement lstm_backward (see its docstring)")
