# Written the way a deep-learning library organises it: a gain per activation and one
# std formula, fan modes named.
import numpy as np

GAINS = {"linear": 1.0, "relu": np.sqrt(2.0)}


def _std(fan_in, fan_out, mode, gain):
    fan = {"fan_in": fan_in, "fan_avg": (fan_in + fan_out) / 2}[mode]
    return gain / np.sqrt(fan)


def xavier_uniform(fan_in, fan_out, rng):
    bound = np.sqrt(3.0) * _std(fan_in, fan_out, "fan_avg", GAINS["linear"])
    return rng.uniform(-bound, bound, (fan_in, fan_out))


def xavier_normal(fan_in, fan_out, rng):
    return _std(fan_in, fan_out, "fan_avg", GAINS["linear"]) * rng.standard_normal((fan_in, fan_out))


def he_normal(fan_in, fan_out, rng):
    return _std(fan_in, fan_out, "fan_in", GAINS["relu"]) * rng.standard_normal((fan_in, fan_out))


def lecun_normal(fan_in, fan_out, rng):
    return _std(fan_in, fan_out, "fan_in", GAINS["linear"]) * rng.standard_normal((fan_in, fan_out))


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


ACTS = {"relu": lambda z: np.maximum(0, z), "tanh": np.tanh, "sigmoid": _sigmoid, "linear": lambda z: z}


def layer_stds(x, weights, activation):
    if activation not in ACTS:
        raise ValueError(activation)
    stds, h = [], x
    for W in weights:
        h = ACTS[activation](h.dot(W))
        stds.append(h.std())
    return np.array(stds)
