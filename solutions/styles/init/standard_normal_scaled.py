# Right in another style: standard draws scaled afterwards, an activation table, a list
# built up and converted at the end.
_ACTIVATIONS = {
    "relu": lambda z: z * (z > 0),
    "tanh": np.tanh,
    "sigmoid": lambda z: 0.5 * (1 + np.tanh(z / 2)),
    "linear": lambda z: z,
}


def xavier_uniform(fan_in, fan_out, rng):
    a = (6.0 / (fan_in + fan_out)) ** 0.5
    return a * (2.0 * rng.random((fan_in, fan_out)) - 1.0)


def xavier_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * (2.0 / (fan_in + fan_out)) ** 0.5


def he_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)


def lecun_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)


def layer_stds(x, weights, activation):
    try:
        act = _ACTIVATIONS[activation]
    except KeyError:
        raise ValueError("activation must be relu, tanh, sigmoid or linear") from None
    stds = []
    h = x
    for W in weights:
        h = act(np.dot(h, W))
        stds.append(float(np.sqrt(np.mean((h - h.mean()) ** 2))))
    return np.asarray(stds)
