HINT = ("the reset gate r reaches the loss through the candidate n = tanh(x·Wx_n + (r ⊙ prev_h)·Wh_n + b_n); "
        "your backward pass gives r no gradient along that path (the r block of dWx, dWh and db stays 0)")


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, z, r, n, reset_h = cache
    H = prev_h.shape[1]
    dprev_h = dnext_h * (1.0 - z)
    dz = dnext_h * (n - prev_h)
    dan = dnext_h * z * (1.0 - n ** 2)
    dprev_h = dprev_h + (dan @ Wh[:, 2 * H:].T) * r
    dgates = np.concatenate([dz * z * (1 - z), np.zeros_like(dz)], axis=1)
    dprev_h = dprev_h + dgates @ Wh[:, :2 * H].T
    da = np.concatenate([dgates, dan], axis=1)
    return (da @ Wx.T, dprev_h, x.T @ da, np.concatenate([prev_h.T @ dgates, reset_h.T @ dan], axis=1),
            da.sum(axis=0))
