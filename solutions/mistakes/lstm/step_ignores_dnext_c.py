HINT = ("c_next reaches the loss twice, through h_next = o ⊙ tanh(c_next) and directly: dnext_c, "
        "the gradient arriving from the next step through the cell state, belongs in the gradient "
        "of c_next too")


def lstm_step_backward(dnext_h, dnext_c, cache):
    x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c = cache
    dc = dnext_h * o * (1.0 - tanh_c ** 2)
    do = dnext_h * tanh_c
    da = np.concatenate([dc * g * i * (1 - i), dc * prev_c * f * (1 - f),
                         do * o * (1 - o), dc * i * (1 - g ** 2)], axis=1)
    return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, prev_h.T @ da, da.sum(axis=0)
