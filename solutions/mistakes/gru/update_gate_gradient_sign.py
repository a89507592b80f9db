HINT = ("next_h = (1 − z) ⊙ prev_h + z ⊙ n, so ∂next_h/∂z = n − prev_h; your update gate's gradient "
        "has the opposite sign (prev_h − n)")


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, z, r, n, reset_h = cache
    H = prev_h.shape[1]
    dprev_h = dnext_h * (1.0 - z)
    dz = dnext_h * (prev_h - n)
    dan = dnext_h * z * (1.0 - n ** 2)
    dreset_h = dan @ Wh[:, 2 * H:].T
    dprev_h = dprev_h + dreset_h * r
    dgates = np.concatenate([dz * z * (1 - z), dreset_h * prev_h * r * (1 - r)], axis=1)
    dprev_h = dprev_h + dgates @ Wh[:, :2 * H].T
    da = np.concatenate([dgates, dan], axis=1)
    return (da @ Wx.T, dprev_h, x.T @ da, np.concatenate([prev_h.T @ dgates, reset_h.T @ dan], axis=1),
            da.sum(axis=0))
