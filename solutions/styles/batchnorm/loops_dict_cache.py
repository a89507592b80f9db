# A right solution written with explicit loops over the features, Python-scalar maths
# (math.sqrt, float(...)), an `if train is True:` check and a dict as cache.
import math


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    N, D = x.shape
    out = np.zeros((N, D))
    x_hat = np.zeros((N, D))
    inv_std = np.zeros(D)
    running_mean_next = np.array(running_mean, dtype=float)
    running_var_next = np.array(running_var, dtype=float)
    for d in range(D):
        column = x[:, d]
        if train is True:
            mean = float(sum(column)) / N
            var = float(sum((v - mean) ** 2 for v in column)) / N
            running_mean_next[d] = momentum * running_mean[d] + (1 - momentum) * mean
            running_var_next[d] = momentum * running_var[d] + (1 - momentum) * var
        else:
            mean, var = float(running_mean[d]), float(running_var[d])
        inv_std[d] = 1.0 / math.sqrt(var + eps)
        for n in range(N):
            x_hat[n, d] = (column[n] - mean) * inv_std[d]
            out[n, d] = gamma[d] * x_hat[n, d] + beta[d]
    cache = {"x_hat": x_hat, "gamma": gamma.copy(), "inv_std": inv_std}
    return out, running_mean_next, running_var_next, cache


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache["x_hat"], cache["gamma"], cache["inv_std"]
    N, D = dout.shape
    dx = np.zeros((N, D))
    dgamma = np.zeros(D)
    dbeta = np.zeros(D)
    for d in range(D):
        sum_dout = 0.0
        sum_dout_xhat = 0.0
        for n in range(N):
            sum_dout += dout[n, d]
            sum_dout_xhat += dout[n, d] * x_hat[n, d]
        dbeta[d] = sum_dout
        dgamma[d] = sum_dout_xhat
        for n in range(N):
            dx[n, d] = gamma[d] * inv_std[d] / N * (N * dout[n, d] - sum_dout - x_hat[n, d] * sum_dout_xhat)
    return dx, dgamma, dbeta
