"""Dropout: drop units at random while training, scale at test time.

p is the probability of DROPPING a unit (0 ≤ p < 1); each unit is kept with
probability 1 − p. Training samples one "thinned" network per forward pass; at test
time the whole network is used, scaled so that each unit's output equals its expected
training output. rng is a numpy.random.Generator: all randomness comes from it.
"""

import numpy as np


def dropout_forward(x, p, train, rng):
    """Forward pass of (classic) dropout.

    Training: each unit is kept with probability 1 − p, out = x·mask with a mask of
    zeros and ones. Test (train=False): out = x·(1 − p), the expected training
    output; no randomness.

    Inputs:
    - x: input, an array of any shape
    - p: probability of dropping a unit, 0 ≤ p < 1 (else ValueError)
    - train: True for training mode, False for test mode
    - rng: a numpy.random.Generator, the only source of randomness

    Returns a tuple of:
    - out: output, of x's shape
    - cache: whatever dropout_backward needs (opaque to the caller)
    """
    ### BEGIN SOLUTION
    if not 0.0 <= p < 1.0:
        raise ValueError(f"the drop probability p must satisfy 0 <= p < 1, got {p}")
    if train:
        multiplier = (rng.random(x.shape) >= p).astype(np.float64)  # 1 with probability 1 − p
    else:
        multiplier = 1.0 - p
    # The cache is the factor each input was multiplied by: the backward pass needs
    # nothing else, whichever forward function and mode produced it.
    return x * multiplier, multiplier
    ### END SOLUTION


def inverted_dropout_forward(x, p, train, rng):
    """Forward pass of inverted dropout.

    Training: out = x·mask / (1 − p), so the expected output already equals x; test
    (train=False): out = x, no scaling and no randomness.

    Inputs:
    - x: input, an array of any shape
    - p: probability of dropping a unit, 0 ≤ p < 1 (else ValueError)
    - train: True for training mode, False for test mode
    - rng: a numpy.random.Generator, the only source of randomness

    Returns a tuple of:
    - out: output, of x's shape
    - cache: whatever dropout_backward needs (opaque to the caller)
    """
    ### BEGIN SOLUTION
    if not 0.0 <= p < 1.0:
        raise ValueError(f"the drop probability p must satisfy 0 <= p < 1, got {p}")
    if train:
        multiplier = (rng.random(x.shape) >= p) / (1.0 - p)
    else:
        multiplier = 1.0
    return x * multiplier, multiplier
    ### END SOLUTION


def dropout_backward(dout, cache):
    """Backward pass of dropout, for the cache of either forward function.

    The gradient flows only through the units the forward pass kept, with the same
    factor they were multiplied by.

    Inputs:
    - dout: upstream gradient, of the forward output's shape
    - cache: the cache returned by dropout_forward or inverted_dropout_forward

    Returns:
    - dx: gradient with respect to x, of dout's shape
    """
    ### BEGIN SOLUTION
    multiplier = cache
    return dout * multiplier
    ### END SOLUTION


def scale_weights_for_test(W, p):
    """Weights for test time after training with (classic) dropout: W·(1 − p).

    The lecture's rule: multiply every outgoing weight of a unit kept with
    probability 1 − p by 1 − p at test time.

    Inputs:
    - W: weights, an array of any shape
    - p: probability of dropping a unit, 0 ≤ p < 1 (else ValueError)

    Returns:
    - W_test: the scaled weights, of W's shape
    """
    ### BEGIN SOLUTION
    if not 0.0 <= p < 1.0:
        raise ValueError(f"the drop probability p must satisfy 0 <= p < 1, got {p}")
    return W * (1.0 - p)
    ### END SOLUTION
