"""Batch normalization (Ioffe & Szegedy, 2015) for a fully connected layer.

During training every feature d is normalized with the mean μ_d and variance σ²_d of
the current mini-batch of N examples, then scaled and shifted by learnable γ_d, β_d:

    x̂[n, d] = (x[n, d] − μ_d) / √(σ²_d + ε),      out[n, d] = γ_d·x̂[n, d] + β_d

σ² divides by N (the batch's own variance). Exponential running averages of μ and σ²
are kept for test time, when a single example has no batch to take statistics from:

    running' = momentum·running + (1 − momentum)·batch statistic

N is the batch size (N ≥ 2), D the number of features.
"""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, train, momentum=0.9, eps=1e-5):
    """Forward pass of batch normalization.

    Inputs:
    - x: data, of shape (N, D)
    - gamma: scale parameters γ, of shape (D,)
    - beta: shift parameters β, of shape (D,)
    - running_mean: running average of the batch means, of shape (D,)
    - running_var: running average of the batch variances, of shape (D,)
    - train: True to normalize with the batch's statistics (and update the running
      ones), False to normalize with the running statistics (test time)
    - momentum: weight of the old running statistic in its update (a float)
    - eps: small constant added to the variance before the square root (a float)

    Returns a tuple of:
    - out: normalized, scaled and shifted data, of shape (N, D)
    - running_mean_next: updated running mean, of shape (D,) (a copy, unchanged, at test time)
    - running_var_next: updated running variance, of shape (D,) (a copy, unchanged, at test time)
    - cache: whatever batchnorm_backward needs (opaque to the caller)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement batchnorm_forward (see its docstring)")


def batchnorm_backward(dout, cache):
    """Backward pass of batch normalization, for a cache of a training-mode forward pass.

    μ and σ² are computed from x, so the gradient flows through them too: every x[n, d]
    moves the mean and variance seen by the other examples of the batch.

    Inputs:
    - dout: upstream gradient, of shape (N, D)
    - cache: the cache returned by batchnorm_forward with train=True

    Returns a tuple of:
    - dx: gradient with respect to x, of shape (N, D)
    - dgamma: gradient with respect to gamma, of shape (D,)
    - dbeta: gradient with respect to beta, of shape (D,)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement batchnorm_backward (see its docstring)")
