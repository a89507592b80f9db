import math

import numpy as np


def _draw(fan_in, fan_out, sample):
    W = np.zeros((fan_in, fan_out))
    for i in range(fan_in):
        W[i, :] = sample(fan_out)
    return W


def xavier_uniform(fan_in, fan_out, rng):
    a = math.sqrt(6.0 / (fan_in + fan_out))
    return _draw(fan_in, fan_out, lambda n: rng.uniform(-a, a, n))


def xavier_normal(fan_in, fan_out, rng):
    s = math.sqrt(2.0 / (fan_in + fan_out))
    return _draw(fan_in, fan_out, lambda n: rng.normal(0.0, s, n))


def he_normal(fan_in, fan_out, rng):
    s = math.sqrt(2.0 / fan_in)
    return _draw(fan_in, fan_out, lambda n: rng.normal(0.0, s, n))


def lecun_normal(fan_in, fan_out, rng):
    s = math.sqrt(1.0 / fan_in)
    return _draw(fan_in, fan_out, lambda n: rng.normal(0.0, s, n))


def layer_stds(x, weights, activation):
    if activation not in ("relu", "tanh", "sigmoid", "linear"):
        raise ValueError("unknown activation")
    result = []
    h = x
    for W in weights:
        z = h @ W
        if activation == "relu":
            h = np.maximum(z, 0)
        elif activation == "tanh":
            h = np.tanh(z)
        elif activation == "sigmoid":
            h = 1.0 / (1.0 + np.exp(-z))
        else:
            h = z
        result.append(np.std(h))
    return np.array(result)
