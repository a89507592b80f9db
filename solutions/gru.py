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
    ### BEGIN SOLUTION
    H = prev_h.shape[1]
    ax = x @ Wx + b                       # (N, 3H): the input's share of every block
    gates = ax[:, :2 * H] + prev_h @ Wh[:, :2 * H]
    z = sigmoid(gates[:, :H])
    r = sigmoid(gates[:, H:])
    reset_h = r * prev_h                  # the reset gate acts before the product
    n = np.tanh(ax[:, 2 * H:] + reset_h @ Wh[:, 2 * H:])
    next_h = (1.0 - z) * prev_h + z * n
    cache = (x, prev_h, Wx, Wh, z, r, n, reset_h)
    return next_h, cache
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    x, prev_h, Wx, Wh, z, r, n, reset_h = cache
    H = prev_h.shape[1]
    Wh_n = Wh[:, 2 * H:]
    # next_h = (1 − z)·prev_h + z·n: three paths, through prev_h, z and n.
    dprev_h = dnext_h * (1.0 - z)
    dz = dnext_h * (n - prev_h)
    dan = dnext_h * z * (1.0 - n ** 2)    # through tanh
    dreset_h = dan @ Wh_n.T
    dr = dreset_h * prev_h                # the reset gate reaches the loss only through n
    dprev_h = dprev_h + dreset_h * r
    daz = dz * z * (1.0 - z)
    dar = dr * r * (1.0 - r)
    dgates = np.concatenate([daz, dar], axis=1)
    dprev_h = dprev_h + dgates @ Wh[:, :2 * H].T
    da = np.concatenate([daz, dar, dan], axis=1)  # (N, 3H), blocks z, r, n
    dx = da @ Wx.T
    dWx = x.T @ da
    dWh = np.concatenate([prev_h.T @ dgates, reset_h.T @ dan], axis=1)
    db = da.sum(axis=0)
    return dx, dprev_h, dWx, dWh, db
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    prev_h = h0
    for t in range(T):
        prev_h, step_cache = gru_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = prev_h
        caches.append(step_cache)
    return h, caches
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    N, T, H = dh.shape
    D = cache[0][0].shape[1]
    dx = np.zeros((N, T, D))
    dWx, dWh, db = 0.0, 0.0, 0.0
    dprev_h = np.zeros((N, H))
    for t in reversed(range(T)):
        # h_t feeds the loss directly (dh[:, t]) and the next step (dprev_h from t + 1).
        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = gru_step_backward(dh[:, t, :] + dprev_h, cache[t])
        # The parameters are shared by every step: their gradients add up.
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dprev_h, dWx, dWh, db
    ### END SOLUTION
