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
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))  # in (0, 1]: cannot overflow
    # For x ≥ 0, σ(x) = 1 / (1 + e^(−x)); for x < 0 the same value is e^x / (1 + e^x).
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


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
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    tanh_c = np.tanh(next_c)
    next_h = o * tanh_c
    cache = (x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c)
    return next_h, next_c, cache


def lstm_step_backward(dnext_h, dnext_c, cache):
    x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c = cache
    dnext_c += dnext_h * o * (1.0 - tanh_c ** 2)
    do = dnext_h * tanh_c
    da = np.concatenate([dnext_c * g * i * (1 - i), dnext_c * prev_c * f * (1 - f),
                         do * o * (1 - o), dnext_c * i * (1 - g ** 2)], axis=1)
    return da @ Wx.T, da @ Wh.T, dnext_c * f, x.T @ da, prev_h.T @ da, da.sum(axis=0)


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
    N, T, _ = x.shape
    prev_h = h0
    prev_c = np.zeros_like(h0, dtype=np.float64)
    h = np.zeros((N, T, h0.shape[1]))
    steps = []
    for t in range(T):
        prev_h, prev_c, step_cache = lstm_step_forward(x[:, t, :], prev_h, prev_c, Wx, Wh, b)
        h[:, t, :] = prev_h
        steps.append(step_cache)
    return h, steps


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
    N, T, H = dh.shape
    D = cache[0][3].shape[0]
    dx = np.zeros((N, T, D))
    dWx = np.zeros((D, 4 * H))
    dWh = np.zeros((H, 4 * H))
    db = np.zeros(4 * H)
    # Gradients arriving at step t from later steps, through h and through c.
    dnext_h = np.zeros((N, H))
    dnext_c = np.zeros((N, H))
    for t in reversed(range(T)):
        dx_t, dnext_h, dnext_c, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t, :] + dnext_h, dnext_c, cache[t])
        dx[:, t, :] = dx_t
        # The weights are shared by every step: their gradients add up over time.
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dnext_h, dWx, dWh, db
