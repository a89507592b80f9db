HINT = ("running_var is updated with the same σ² that normalizes the batch (divided by N); you "
        "updated it with the N − 1 (unbiased) variance")


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    if train:
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        running_mean_next = momentum * running_mean + (1 - momentum) * mu
        running_var_next = momentum * running_var + (1 - momentum) * x.var(axis=0, ddof=1)
    else:
        mu, var = running_mean, running_var
        running_mean_next, running_var_next = running_mean.copy(), running_var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, running_mean_next, running_var_next, (x_hat, gamma, inv_std)
