HINT = ("prev_h reaches next_h along three paths: directly ((1 − z) ⊙ prev_h), through the gates z and r, "
        "and through the candidate n as r ⊙ prev_h; your dprev_h leaves out the path through n")


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, z, r, n, reset_h = cache
    H = prev_h.shape[1]
    dprev_h = dnext_h * (1.0 - z)
    dz = dnext_h * (n - prev_h)
    dan = dnext_h * z * (1.0 - n ** 2)
    dreset_h = dan @ Wh[:, 2 * H:].T
    dgates = np.concatenate([dz * z * (1 - z), dreset_h * prev_h * r * (1 - r)], axis=1)
    dprev_h = dprev_h + dgates @ Wh[:, :2 * H].T
    da = np.concatenate([dgates, dan], axis=1)
    return (da @ Wx.T, dprev_h, x.T @ da, np.concatenate([prev_h.T @ dgates, reset_h.T @ dan], axis=1),
            da.sum(axis=0))
