HINT = ("μ and σ² are computed from x, so the gradient also flows through them (every example moves "
        "the batch's mean and variance); your backward pass treats them as constants "
        "(dx = dout·γ/√(σ² + ε) only)")


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    return dout * gamma * inv_std, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
