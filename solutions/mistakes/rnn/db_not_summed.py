HINT = ("b is shared by every example of the batch, so db adds up (sums) da over the N examples; "
        "you averaged it (or summed over the wrong axis)")


def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1.0 - next_h ** 2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, prev_h.T @ da, da.mean(axis=0)
