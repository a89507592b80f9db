# A right solution that keeps the raw inputs in a list cache and recomputes the statistics
# in the backward pass (the textbook dx formula in terms of x − μ and σ²), with
# np.mean / np.var and an integer momentum complement (1 - momentum).


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    if not train:
        out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
        return out, running_mean + 0, running_var + 0, None
    mean = np.mean(x, axis=0, keepdims=True)
    var = np.var(x, axis=0, keepdims=True)
    out = gamma * (x - mean) / np.sqrt(var + eps) + beta
    new_mean = momentum * running_mean + (1 - momentum) * mean[0]
    new_var = momentum * running_var + (1 - momentum) * var[0]
    return out, new_mean, new_var, [x, gamma, eps]


def batchnorm_backward(dout, cache):
    x, gamma, eps = cache
    N = x.shape[0]
    mean = np.mean(x, axis=0)
    var = np.var(x, axis=0)
    std = np.sqrt(var + eps)
    x_hat = (x - mean) / std
    dx_hat = dout * gamma
    dvar = np.sum(dx_hat * (x - mean), axis=0) * -0.5 * (var + eps) ** -1.5
    dmean = np.sum(-dx_hat / std, axis=0) + dvar * np.mean(-2.0 * (x - mean), axis=0)
    dx = dx_hat / std + dvar * 2.0 * (x - mean) / N + dmean / N
    return dx, np.sum(dout * x_hat, axis=0), np.sum(dout, axis=0)
