HINT = ("σ² depends on x too: besides the paths through x̂ directly and through μ, dx has a term "
        "through the variance (−x̂·mean(dx̂·x̂)/√(σ² + ε)); your backward pass leaves it out")


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
