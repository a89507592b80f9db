# Right in another style: one helper for every normal initializer, ints turned into
# floats, `is True` checks, layer_stds with an explicit list of names.
def _normal(rng, fan_in, fan_out, variance):
    return rng.normal(loc=0.0, scale=float(np.sqrt(variance)), size=(int(fan_in), int(fan_out)))


def xavier_uniform(fan_in, fan_out, rng):
    limit = np.sqrt(6.0 / float(fan_in + fan_out))
    return rng.uniform(low=-limit, high=limit, size=(fan_in, fan_out))


def xavier_normal(fan_in, fan_out, rng):
    return _normal(rng, fan_in, fan_out, 2.0 / float(fan_in + fan_out))


def he_normal(fan_in, fan_out, rng):
    return _normal(rng, fan_in, fan_out, 2.0 / float(fan_in))


def lecun_normal(fan_in, fan_out, rng):
    return _normal(rng, fan_in, fan_out, 1.0 / float(fan_in))


def layer_stds(x, weights, activation):
    if (activation in ["relu", "tanh", "sigmoid", "linear"]) is False:
        raise ValueError(f"unknown activation: {activation}")
    stds = np.empty(len(weights))
    h = x.copy()
    for l in range(len(weights)):
        z = h @ weights[l]
        if activation == "relu":
            h = np.where(z > 0, z, 0.0)
        elif activation == "tanh":
            h = np.tanh(z)
        elif activation == "sigmoid":
            h = np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
        else:
            h = z
        stds[l] = h.std()
    return stds
