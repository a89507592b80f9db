HINT = ("dWh[i, j] = Σ_n prev_h[n, i]·da[n, j], i.e. prev_h.T @ da (rows of Wh belong to prev_h, "
        "columns to the next state); you computed its transpose da.T @ prev_h")


def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1.0 - next_h ** 2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, da.T @ prev_h, da.sum(axis=0)
