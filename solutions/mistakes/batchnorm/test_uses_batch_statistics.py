HINT = ("at test time (train=False) normalize with the running mean and variance collected during "
        "training, not with the statistics of the test batch (a single test example has no batch)")


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    if train:
        running_mean_next = momentum * running_mean + (1 - momentum) * mu
        running_var_next = momentum * running_var + (1 - momentum) * var
    else:
        running_mean_next, running_var_next = running_mean.copy(), running_var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, running_mean_next, running_var_next, (x_hat, gamma, inv_std)
