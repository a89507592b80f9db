HINT = ("batch normalization uses the batch's own variance σ² = (1/N)·Σ(x − μ)², dividing by N; "
        "you divided by N − 1 (the unbiased estimate, np.var(..., ddof=1))")


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    if train:
        mu = x.mean(axis=0)
        var = x.var(axis=0, ddof=1)
        running_mean_next = momentum * running_mean + (1 - momentum) * mu
        running_var_next = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
        running_mean_next, running_var_next = running_mean.copy(), running_var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, running_mean_next, running_var_next, (x_hat, gamma, inv_std)
