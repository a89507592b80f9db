# A right solution in the CS231n "computational graph" style: the forward pass in small
# stages, the backward pass through each stage in reverse (μ and σ² included), lists
# instead of tuples for the results, and a namedtuple as cache.
from collections import namedtuple

Stages = namedtuple("Stages", "xmu var sqrtvar ivar xhat gamma eps")


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    if train == True:  # noqa: E712 - as students write it
        N = x.shape[0]
        mu = 1.0 / N * np.sum(x, axis=0)
        xmu = x - mu
        var = 1.0 / N * np.sum(xmu ** 2, axis=0)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        xmu = x - running_mean
        var = running_var
        running_mean, running_var = np.copy(running_mean), np.copy(running_var)
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    out = gamma * xhat + beta
    return [out, running_mean, running_var, Stages(xmu, var, sqrtvar, ivar, xhat, gamma, eps)]


def batchnorm_backward(dout, cache):
    N = dout.shape[0]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * cache.xhat, axis=0)
    dxhat = dout * cache.gamma
    divar = np.sum(dxhat * cache.xmu, axis=0)
    dxmu1 = dxhat * cache.ivar
    dsqrtvar = -1.0 / (cache.sqrtvar ** 2) * divar
    dvar = 0.5 * 1.0 / np.sqrt(cache.var + cache.eps) * dsqrtvar
    dsq = 1.0 / N * np.ones_like(dout) * dvar
    dxmu2 = 2 * cache.xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -1 * np.sum(dxmu1 + dxmu2, axis=0)
    dx2 = 1.0 / N * np.ones_like(dout) * dmu
    return [dx1 + dx2, dgamma, dbeta]
