# batchnorm.py -- the computational graph, stage by stage (as in the CS231n notebook)
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    if train:
        N = x.shape[0]
        mu = np.sum(x, axis=0) / N
        xmu = x - mu
        sq = xmu ** 2
        var = np.sum(sq, axis=0) / N
        sqrtvar = np.sqrt(var + eps)
        ivar = 1 / sqrtvar
        xhat = xmu * ivar
        out = gamma * xhat + beta
        cache = {"xhat": xhat, "gamma": gamma, "xmu": xmu, "ivar": ivar, "sqrtvar": sqrtvar, "var": var,
                 "eps": eps}
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        return out, running_mean, running_var, cache
    xhat = (x - running_mean) / np.sqrt(running_var + eps)
    return gamma * xhat + beta, np.array(running_mean), np.array(running_var), None


def batchnorm_backward(dout, cache):
    N, D = dout.shape
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * cache["xhat"], axis=0)
    dxhat = dout * cache["gamma"]
    divar = np.sum(dxhat * cache["xmu"], axis=0)
    dxmu1 = dxhat * cache["ivar"]
    dsqrtvar = -1.0 / cache["sqrtvar"] ** 2 * divar
    dvar = 0.5 / np.sqrt(cache["var"] + cache["eps"]) * dsqrtvar
    dsq = np.ones((N, D)) * dvar / N
    dxmu2 = 2 * cache["xmu"] * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=0)
    dx2 = np.ones((N, D)) * dmu / N
    return dx1 + dx2, dgamma, dbeta
