HINT = ("ReLU's gradient passes where the INPUT x was positive (the unit was active) and is 0 where "
        "x ≤ 0; your backward pass decides by the sign of dout, so it lets gradient through where x < 0")


def relu_backward(dout, cache):
    return np.where(dout > 0, dout, 0.0)
