HINT = ("γ and β are shared by all N examples of the batch, so dgamma and dbeta add up (sum) the "
        "contributions of every example; you averaged them (or did not sum over the batch)")


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))
    return dx, (dout * x_hat).mean(axis=0), dout.mean(axis=0)
