HINT = ("the running average keeps most of its old value: running' = momentum·running + "
        "(1 − momentum)·batch statistic; you swapped the two weights")


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    if train:
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        running_mean_next = (1 - momentum) * running_mean + momentum * mu
        running_var_next = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
        running_mean_next, running_var_next = running_mean.copy(), running_var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, running_mean_next, running_var_next, (x_hat, gamma, inv_std)
