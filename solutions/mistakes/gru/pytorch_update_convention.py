HINT = ("PyTorch's convention: you computed next_h = z ⊙ prev_h + (1 − z) ⊙ n, where z keeps the old state; "
        "in this course z lets the new candidate in: next_h = (1 − z) ⊙ prev_h + z ⊙ n")


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    ax = x @ Wx + b
    gates = ax[:, :2 * H] + prev_h @ Wh[:, :2 * H]
    z, r = sigmoid(gates[:, :H]), sigmoid(gates[:, H:])
    reset_h = r * prev_h
    n = np.tanh(ax[:, 2 * H:] + reset_h @ Wh[:, 2 * H:])
    return z * prev_h + (1.0 - z) * n, (x, prev_h, Wx, Wh, z, r, n, reset_h)


def gru_step_backward(dnext_h, cache):
    # The exact gradient of the forward pass above (the convention is the mistake).
    x, prev_h, Wx, Wh, z, r, n, reset_h = cache
    H = prev_h.shape[1]
    dprev_h = dnext_h * z
    dz = dnext_h * (prev_h - n)
    dan = dnext_h * (1.0 - z) * (1.0 - n ** 2)
    dreset_h = dan @ Wh[:, 2 * H:].T
    dprev_h = dprev_h + dreset_h * r
    dgates = np.concatenate([dz * z * (1 - z), dreset_h * prev_h * r * (1 - r)], axis=1)
    dprev_h = dprev_h + dgates @ Wh[:, :2 * H].T
    da = np.concatenate([dgates, dan], axis=1)
    return (da @ Wx.T, dprev_h, x.T @ da, np.concatenate([prev_h.T @ dgates, reset_h.T @ dan], axis=1),
            da.sum(axis=0))
