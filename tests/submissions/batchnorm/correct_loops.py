"""A student's batch normalization, written with loops over the examples."""
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    N, D = x.shape
    if train:
        mean = np.zeros(D)
        for n in range(N):
            mean += x[n]
        mean /= N
        var = np.zeros(D)
        for n in range(N):
            var += (x[n] - mean) ** 2
        var /= N
        new_mean = momentum * running_mean + (1.0 - momentum) * mean
        new_var = momentum * running_var + (1.0 - momentum) * var
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    std = np.sqrt(var + eps)
    xhat = np.empty_like(x)
    out = np.empty_like(x)
    for n in range(N):
        xhat[n] = (x[n] - mean) / std
        out[n] = gamma * xhat[n] + beta
    return out, new_mean, new_var, (xhat, std, gamma)


def batchnorm_backward(dout, cache):
    xhat, std, gamma = cache
    N = dout.shape[0]
    dbeta = np.zeros(dout.shape[1])
    dgamma = np.zeros(dout.shape[1])
    for n in range(N):
        dbeta += dout[n]
        dgamma += dout[n] * xhat[n]
    dx = np.empty_like(dout)
    for n in range(N):
        dx[n] = gamma / (N * std) * (N * dout[n] - dbeta - xhat[n] * dgamma)
    return dx, dgamma, dbeta
