HINT = ("PyTorch's convention: you applied the reset gate after the product, n = tanh(x·Wx_n + b_n + "
        "r ⊙ (prev_h·Wh_n)); in this course it acts on prev_h before it: n = tanh(x·Wx_n + (r ⊙ prev_h)·Wh_n + b_n)")


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    ax = x @ Wx + b
    gates = ax[:, :2 * H] + prev_h @ Wh[:, :2 * H]
    z, r = sigmoid(gates[:, :H]), sigmoid(gates[:, H:])
    hn = prev_h @ Wh[:, 2 * H:]
    n = np.tanh(ax[:, 2 * H:] + r * hn)
    return (1.0 - z) * prev_h + z * n, (x, prev_h, Wx, Wh, z, r, n, hn)


def gru_step_backward(dnext_h, cache):
    # The exact gradient of the forward pass above (the convention is the mistake).
    x, prev_h, Wx, Wh, z, r, n, hn = cache
    H = prev_h.shape[1]
    dprev_h = dnext_h * (1.0 - z)
    dz = dnext_h * (n - prev_h)
    dan = dnext_h * z * (1.0 - n ** 2)
    dhn = dan * r
    dprev_h = dprev_h + dhn @ Wh[:, 2 * H:].T
    dgates = np.concatenate([dz * z * (1 - z), dan * hn * r * (1 - r)], axis=1)
    dprev_h = dprev_h + dgates @ Wh[:, :2 * H].T
    da = np.concatenate([dgates, dan], axis=1)
    return (da @ Wx.T, dprev_h, x.T @ da, np.concatenate([prev_h.T @ dgates, prev_h.T @ dhn], axis=1),
            da.sum(axis=0))
