"""Weight initialization: keeping the signal's scale through a deep network.

A layer h_l = act(h_{l−1} @ W_l) with W_l of shape (fan_in, fan_out) multiplies the
variance of its input by about fan_in · Var(W) (times a factor of the activation). If
that product is above 1 the signal explodes with depth, below 1 it vanishes. Each
initialization picks Var(W) to make it 1 for one kind of activation:

- Xavier/Glorot (tanh, sigmoid, linear): Var(W) = 2 / (fan_in + fan_out), a compromise
  between the forward pass (fan_in) and the backward pass (fan_out);
- He (ReLU, which zeroes half of its inputs): Var(W) = 2 / fan_in;
- LeCun (SELU): Var(W) = 1 / fan_in.

All randomness comes from ``rng``, a ``numpy.random.Generator``: the same seed gives the
same weights.
"""

import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    """Xavier/Glorot uniform initialization: W ~ U(−a, a), a = √(6 / (fan_in + fan_out)).

    U(−a, a) has variance a²/3 = 2 / (fan_in + fan_out).

    Inputs:
    - fan_in: number of inputs of the layer, an int ≥ 1
    - fan_out: number of outputs of the layer, an int ≥ 1
    - rng: a numpy.random.Generator, the only source of randomness

    Returns:
    - W: weights, of shape (fan_in, fan_out)
    """
    ### BEGIN SOLUTION
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))
    ### END SOLUTION


def xavier_normal(fan_in, fan_out, rng):
    """Xavier/Glorot normal initialization: W ~ N(0, σ²), σ² = 2 / (fan_in + fan_out).

    Inputs:
    - fan_in, fan_out: ints ≥ 1
    - rng: a numpy.random.Generator, the only source of randomness

    Returns:
    - W: weights, of shape (fan_in, fan_out)
    """
    ### BEGIN SOLUTION
    std = np.sqrt(2.0 / (fan_in + fan_out))  # rng.normal takes the standard deviation
    return rng.normal(0.0, std, size=(fan_in, fan_out))
    ### END SOLUTION


def he_normal(fan_in, fan_out, rng):
    """He (Kaiming) normal initialization for ReLU layers: W ~ N(0, σ²), σ² = 2 / fan_in.

    Inputs:
    - fan_in, fan_out: ints ≥ 1
    - rng: a numpy.random.Generator, the only source of randomness

    Returns:
    - W: weights, of shape (fan_in, fan_out)
    """
    ### BEGIN SOLUTION
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
    ### END SOLUTION


def lecun_normal(fan_in, fan_out, rng):
    """LeCun normal initialization (what SELU expects): W ~ N(0, σ²), σ² = 1 / fan_in.

    Inputs:
    - fan_in, fan_out: ints ≥ 1
    - rng: a numpy.random.Generator, the only source of randomness

    Returns:
    - W: weights, of shape (fan_in, fan_out)
    """
    ### BEGIN SOLUTION
    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))
    ### END SOLUTION


def layer_stds(x, weights, activation):
    """Standard deviation of every layer's output in a deep network without biases.

    h_0 = x; h_l = act(h_{l−1} @ W_l) for l = 1..L. Watching these numbers layer by layer
    shows whether an initialization keeps the signal alive (roughly constant), lets it
    vanish (towards 0) or explode.

    Inputs:
    - x: input batch, of shape (N, d_0)
    - weights: a non-empty list of L arrays; weights[l−1] has shape (d_{l−1}, d_l)
    - activation: "relu", "tanh", "sigmoid" or "linear"

    Returns:
    - stds: array of shape (L,); stds[l−1] is the standard deviation (ddof 0, as np.std)
      of all the entries of h_l

    Raises ValueError for any other activation.
    """
    ### BEGIN SOLUTION
    functions = {
        "relu": lambda z: np.maximum(z, 0.0),
        "tanh": np.tanh,
        # σ(z) = exp(−log(1 + e^{−z})): no overflow for large |z|
        "sigmoid": lambda z: np.exp(-np.logaddexp(0.0, -z)),
        "linear": lambda z: z,
    }
    if activation not in functions:
        raise ValueError(f"unknown activation {activation!r}")
    act = functions[activation]
    h = x
    stds = np.zeros(len(weights))
    for l, W in enumerate(weights):
        h = act(h @ W)  # the product first, then the activation
        stds[l] = np.std(h)
    return stds
    ### END SOLUTION
